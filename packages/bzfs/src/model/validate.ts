/**
 * Pure validators for everything a user can hand to bzfs that later ends up on a (remote) command
 * line: dataset and snapshot names, ssh user and host, ports, free-form option strings.
 *
 * Quoting (exec/quote.ts) already makes every argument inert for the shell; these checks are the
 * second wall. They refuse input that is not a legal name in the first place, and input whose only
 * plausible purpose is to smuggle shell syntax or an option (`-oProxyCommand=...`) into a command.
 * Every failure is a UsageError that names the offending value (escaped, see {@link showValue}) and
 * the reason.
 */
import { isIPv6 } from 'node:net';
import { UsageError } from './errors.js';

/** ZFS_MAX_DATASET_NAME_LEN is 256 including the terminating NUL. */
const MAX_DATASET_NAME_LENGTH = 255;
/** Upper bound for ssh user and host names (DNS names are at most 253; aliases are capped alike). */
export const MAX_HOST_LENGTH = 255;
const MAX_USER_LENGTH = 255;

const MAX_SHOWN = 200;

/**
 * A value as it appears in an error message: double-quoted with JSON escapes, so newlines, control
 * characters and invisible or direction-changing unicode are visible and cannot forge log lines.
 * Values longer than 200 characters are cut, with their full length noted.
 */
export function showValue(value: string): string {
  const cut = value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) : value;
  const shown = JSON.stringify(cut).replace(
    /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return value.length > MAX_SHOWN ? `${shown}... (${value.length} characters)` : shown;
}

/** How one character is named in a message: `';'`, or `newline`, `tab`, `U+0007` for invisible ones. */
function showChar(c: string): string {
  if (c === '\n') return 'a newline';
  if (c === '\r') return 'a carriage return';
  if (c === '\t') return 'a tab';
  if (c === ' ') return 'a space';
  const cp = c.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || /\s/u.test(c) || /\p{Cf}/u.test(c)) {
    return `the character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `the character '${c}'`;
}

function fail(what: string, value: string, reason: string): never {
  throw new UsageError(`Invalid ${what} ${showValue(value)}: ${reason}`);
}

function requireString(what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string')
    throw new UsageError(`Invalid ${what}: expected a string, got ${typeof value}`);
}

/** The first character of `s` that fails `allowed`, if any. */
function firstBadChar(s: string, allowed: RegExp): string | undefined {
  for (const c of s) if (!allowed.test(c)) return c;
  return undefined;
}

/** Characters OpenZFS accepts in dataset, snapshot and bookmark names (zfs_namecheck.c valid_char). */
const ZFS_NAME_CHAR = /^[A-Za-z0-9_\-:. ]$/;
/** The same plus '/', which separates the components of a dataset name. */
const ZFS_PATH_CHAR = /^[A-Za-z0-9_\-:. /]$/;
const ZFS_CHARSET = "letters, digits and '_', '-', ':', '.', space";

function checkZfsChars(what: string, value: string, allowSlash: boolean): void {
  const bad = firstBadChar(value, allowSlash ? ZFS_PATH_CHAR : ZFS_NAME_CHAR);
  if (bad === undefined) return;
  let why = `contains ${showChar(bad)}`;
  if (bad === '@') why += " ('@' starts a snapshot name and is not allowed here)";
  else if (bad === '#') why += " ('#' starts a bookmark name and is not allowed here)";
  else if (bad === '/') why += ' (a snapshot name has no path components)';
  fail(what, value, `${why}; allowed are ${ZFS_CHARSET}${allowSlash ? ", and '/' between components" : ''}`);
}

/**
 * A ZFS filesystem or volume name such as `tank/a/b` (no `@snapshot`, no `#bookmark`): the pool name
 * starts with a letter, components are separated by single slashes, none is empty, `.` or `..`, and
 * only letters, digits, `_ - : .` and space occur. At most 255 characters.
 */
export function validateDatasetName(name: string): string {
  const what = 'dataset name';
  requireString(what, name);
  if (name === '') fail(what, name, 'must not be empty');
  if (name.length > MAX_DATASET_NAME_LENGTH) {
    fail(
      what,
      name,
      `is ${name.length} characters long, more than the ZFS limit of ${MAX_DATASET_NAME_LENGTH}`,
    );
  }
  if (name.startsWith('-')) fail(what, name, "must not start with '-' (it would be taken for an option)");
  if (name.startsWith('/')) fail(what, name, "must not start with '/' (write 'pool/child', not a path)");
  checkZfsChars(what, name, true);
  if (!/^[A-Za-z]/.test(name)) fail(what, name, 'must start with a letter (the pool name)');
  if (name.endsWith('/')) fail(what, name, "must not end with '/'");
  if (name.includes('//')) fail(what, name, "must not contain '//' (an empty component)");
  for (const component of name.split('/')) {
    if (component === '.' || component === '..') {
      fail(what, name, `must not contain a '${component}' component`);
    }
  }
  return name;
}

/**
 * The short name of a snapshot, the part after `@` (also usable for the part of a bookmark after
 * `#`): non-empty, not `.` or `..`, only letters, digits, `_ - : .` and space. At most 255 characters
 * (the full `dataset@name` is subject to the same limit, which the caller checks where it matters).
 */
export function validateSnapshotName(short: string): string {
  const what = 'snapshot name';
  requireString(what, short);
  if (short === '') fail(what, short, "must not be empty (nothing after '@')");
  if (short.length > MAX_DATASET_NAME_LENGTH) {
    fail(
      what,
      short,
      `is ${short.length} characters long, more than the ZFS limit of ${MAX_DATASET_NAME_LENGTH}`,
    );
  }
  checkZfsChars(what, short, false);
  if (short === '.' || short === '..') fail(what, short, `must not be '${short}'`);
  return short;
}

/** Reasons shared by ssh user and host: the checks that stop option and shell injection. */
function checkSshWord(what: string, value: string, maxLength: number): void {
  requireString(what, value);
  if (value === '') fail(what, value, 'must not be empty');
  if (value.length > maxLength) fail(what, value, `is longer than ${maxLength} characters`);
  if (value.startsWith('-')) fail(what, value, "must not start with '-' (ssh would take it for an option)");
  const space = firstBadChar(value, /^\S$/u);
  if (space !== undefined) fail(what, value, `must not contain whitespace, found ${showChar(space)}`);
  const control = firstBadChar(value, /^[^\p{Cc}\p{Cf}]$/u);
  if (control !== undefined)
    fail(what, value, `must not contain control characters, found ${showChar(control)}`);
  if (value.includes('..')) fail(what, value, "must not contain '..'");
  if (value.includes('/')) fail(what, value, "must not contain '/'");
}

const HOST_CHAR = /^[A-Za-z0-9._:%-]$/;

/**
 * An ssh host as it is handed to ssh: a hostname, an ssh config alias, an IPv4 address, or an IPv6
 * address in its real form with `:` (optionally with a `%zone`). In a locator IPv6 colons are
 * written as `|`; {@link parseLocator} converts them before calling this. Refused: a leading `-`,
 * `..`, `/`, whitespace, control characters, `@`, and every shell metacharacter.
 */
export function validateHost(host: string): string {
  const what = 'host';
  checkSshWord(what, host, MAX_HOST_LENGTH);
  const bad = firstBadChar(host, HOST_CHAR);
  if (bad !== undefined) {
    let why = `contains ${showChar(bad)}`;
    if (bad === '@') why += " (give the user separately, or as 'user@host' in a locator)";
    else if (bad === '|') why += " (write IPv6 colons as '|' only inside a locator; a host option takes ':')";
    fail(
      what,
      host,
      `${why}; allowed are letters, digits and '.', '-', '_', plus ':' and '%' in IPv6 addresses`,
    );
  }
  if ((host.includes(':') || host.includes('%')) && !isIPv6(host)) {
    fail(what, host, "contains ':' or '%' but is not a valid IPv6 address");
  }
  return host;
}

const USER_CHAR = /^[A-Za-z0-9._-]$/;

/**
 * An ssh user name: letters, digits, `.`, `_`, `-`; no leading `-`, no `..`. Refused in particular:
 * `@`, `:`, `/`, whitespace, control characters and shell metacharacters.
 */
export function validateUser(user: string): string {
  const what = 'user';
  checkSshWord(what, user, MAX_USER_LENGTH);
  const bad = firstBadChar(user, USER_CHAR);
  if (bad !== undefined)
    fail(what, user, `contains ${showChar(bad)}; allowed are letters, digits and '.', '_', '-'`);
  return user;
}

/**
 * A free-form text that ends up in file names or log lines, such as the --log-dir path: anything
 * goes except control and format characters (newline, carriage return, escape, bidi overrides),
 * which would split or disguise names and log lines.
 */
export function validateNoControlChars(value: string, what: string): string {
  requireString(what, value);
  const control = firstBadChar(value, /^[^\p{Cc}\p{Cf}]$/u);
  if (control !== undefined)
    fail(what, value, `must not contain control characters, found ${showChar(control)}`);
  return value;
}

/** Characters that would let a free-form option string carry shell syntax into a remote pipeline. */
const OPTION_FORBIDDEN = new Set(["'", '"', '$', '`', ';', '|', '&', '<', '>', '\\', '\n', '\r']);

/**
 * A free-form option string such as the value of `--zfs-send-program-opts`. It is split into words
 * and each word is quoted, but these strings also flow into pipelines, so characters that only make
 * sense as shell syntax are refused: quotes, `$`, backtick, `;`, `|`, `&`, `<`, `>`, backslash,
 * newline, and every other control character except tab. The empty string is allowed.
 */
export function validateOptionString(s: string, optionName: string): string {
  requireString(`value of ${optionName}`, s);
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    const control = c !== '\t' && (cp < 0x20 || cp === 0x7f || /\p{Cc}/u.test(c));
    if (OPTION_FORBIDDEN.has(c) || control) {
      throw new UsageError(
        `Invalid value ${showValue(s)} for ${optionName}: contains ${showChar(c)}, which could smuggle ` +
          `shell syntax into a command line; quotes, '$', '\`', ';', '|', '&', '<', '>', '\\' and control ` +
          'characters are not allowed',
      );
    }
  }
  return s;
}

/** A TCP port: an integer from 1 to 65535. */
export function validatePort(n: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UsageError(
      `Invalid port ${typeof n === 'number' ? String(n) : showValue(String(n))}: must be an integer from 1 to 65535`,
    );
  }
  return n;
}

/**
 * --delete-dst-snapshots-except-plan keeps what its periods select and deletes everything else, so a plan that
 * keeps nothing would delete every snapshot: one without any period (refused by the original too), or one whose
 * every period keeps 0 (refused here as well: stricter than the original, which runs it). Returns the plan.
 */
export function validateExceptPlan<
  P extends Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>,
>(plan: P, optionName = '--delete-dst-snapshots-except-plan'): P {
  const amounts = Object.values(plan).flatMap((targets) =>
    Object.values(targets).flatMap((periods) => Object.values(periods)),
  );
  if (!amounts.some((n) => n > 0)) {
    const what = amounts.length === 0 ? 'names no period' : 'keeps 0 of every period';
    throw new UsageError(
      `Refusing ${optionName}=${showValue(JSON.stringify(plan))}: the plan ${what}, so it would delete every ` +
        `snapshot. If that is really intended, use --delete-dst-snapshots --include-snapshot-regex='.*' instead`,
    );
  }
  return plan;
}
