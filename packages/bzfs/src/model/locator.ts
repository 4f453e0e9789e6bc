/**
 * Dataset locators as given on the command line: `[[user@]host:]dataset`.
 *
 * - No colon: a local dataset.
 * - The FIRST colon separates `[user@]host` from the dataset, but only when the text before it holds no
 *   `/`; so `tank/a:b` is the local dataset `tank/a:b`, while `tank:b` means host `tank`, dataset `b`.
 * - Host `-` means local: `-:tank/a:b` is the local dataset `tank/a:b` (the way to write any local
 *   dataset whose name has a colon).
 * - An IPv6 host writes its colons as `|`: `user@||1:tank/x` is user `user`, host `::1`.
 *
 * Every part is validated (model/validate.ts); a bad part raises a UsageError naming the part and the
 * whole locator.
 */
import { UsageError } from './errors.js';
import { showValue, validateDatasetName, validateHost, validateUser } from './validate.js';

export interface Locator {
  /** ssh user; undefined means ssh's default (current user or ssh config). Only set with a host. */
  readonly user?: string;
  /** ssh host in its real form (IPv6 with `:`); undefined means the dataset is local. */
  readonly host?: string;
  readonly dataset: string;
}

/** The host name that means "this machine, no ssh". */
const LOCAL_HOST_MARK = '-';

/** Parses and validates `[[user@]host:]dataset`; see the module comment for the exact rules. */
export function parseLocator(text: string): Locator {
  if (typeof text !== 'string')
    throw new UsageError(`Invalid dataset locator: expected a string, got ${typeof text}`);
  const bad = (reason: string): never => {
    throw new UsageError(`Invalid dataset locator ${showValue(text)}: ${reason}`);
  };
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? undefined : text.slice(0, colon);
  let user: string | undefined;
  let host: string | undefined;
  let dataset: string;
  if (prefix === undefined || prefix.includes('/')) {
    dataset = text;
  } else {
    dataset = text.slice(colon + 1);
    const at = prefix.indexOf('@');
    const hostText = at < 0 ? prefix : prefix.slice(at + 1);
    if (at >= 0) {
      user = prefix.slice(0, at);
      if (user === '') bad("the user before '@' is empty");
    }
    if (hostText === '') {
      bad(
        "the host before ':' is empty (write an IPv6 address with '|' instead of ':', " +
          "and a local dataset whose name contains ':' as '-:pool/name')",
      );
    }
    if (hostText === LOCAL_HOST_MARK) {
      if (user !== undefined) bad(`a user (${showValue(user)}) cannot be given for the local host '-'`);
    } else {
      host = hostText.replaceAll('|', ':');
    }
    if (dataset === '') bad("the dataset after ':' is empty");
  }
  try {
    if (user !== undefined) validateUser(user);
    if (host !== undefined) validateHost(host);
    validateDatasetName(dataset);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${e.message} (in dataset locator ${showValue(text)})`);
    throw e;
  }
  return host === undefined ? { dataset } : user === undefined ? { host, dataset } : { user, host, dataset };
}

/**
 * The locator text for `loc`, the inverse of {@link parseLocator}: IPv6 colons become `|`, and a local
 * dataset whose name would otherwise be read as `host:dataset` gets the `-:` prefix. For log messages.
 */
export function formatLocator(loc: Locator): string {
  if (loc.host === undefined) {
    const colon = loc.dataset.indexOf(':');
    const ambiguous = colon >= 0 && !loc.dataset.slice(0, colon).includes('/');
    return ambiguous ? `${LOCAL_HOST_MARK}:${loc.dataset}` : loc.dataset;
  }
  const user = loc.user === undefined ? '' : `${loc.user}@`;
  return `${user}${loc.host.replaceAll(':', '|')}:${loc.dataset}`;
}

/**
 * Where the dataset lives, in words, for messages: `tank/a (local)`, `tank/a on backup01`,
 * `tank/a on alice@backup01`, `tank/a on [::1]`.
 */
export function describeTarget(loc: Locator): string {
  if (loc.host === undefined) return `${loc.dataset} (local)`;
  const host = loc.host.includes(':') ? `[${loc.host}]` : loc.host;
  return `${loc.dataset} on ${loc.user === undefined ? '' : `${loc.user}@`}${host}`;
}
