import type { DatasetPair, Endpoint } from '../config/types.js';
import { UsageError } from '../model/errors.js';
import { describeTarget } from '../model/locator.js';

/** What every spelling of "this machine" is reduced to. */
const LOCAL = 'local';

/**
 * The machine an endpoint's datasets live on, as one canonical string, so that two spellings of
 * one machine compare equal. Only the host counts: two ssh users or two ports on one host still
 * reach the same pools (the original compares `src.ssh_host == dst.ssh_host`). Host names are
 * case-insensitive DNS names (a trailing dot is the same name), IPv4 and IPv6 addresses are
 * written in their canonical form (the WHATWG URL host parser does what getaddrinfo accepts:
 * `127.1`, `0:0::1`), and the loopback names mean the local machine. Another name of this host
 * (its hostname, a LAN address) is not recognised: that would need name resolution.
 */
export function machineOf(e: Endpoint): string {
  const host = e.ssh?.host;
  if (host === undefined || host === '-') return LOCAL;
  const zone = host.indexOf('%');
  const address = zone < 0 ? host : host.slice(0, zone);
  let canonical: string;
  try {
    canonical = new URL(`http://${address.includes(':') ? `[${address}]` : address}/`).hostname;
  } catch {
    canonical = address.toLowerCase();
  }
  canonical = canonical.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (isLoopback(canonical)) return LOCAL;
  return zone < 0 ? canonical : `${canonical}%${host.slice(zone + 1).toLowerCase()}`;
}

function isLoopback(canonical: string): boolean {
  return (
    canonical === 'localhost' ||
    canonical === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(canonical) ||
    /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(canonical)
  );
}

/**
 * The same dataset on the same machine, or nested trees under --recursive, would replicate into
 * itself (receiving into the tree that is being sent).
 */
export function rejectOverlaps(pairs: readonly DatasetPair[], recursive: boolean): void {
  for (const { src, dst } of pairs) {
    if (machineOf(src) !== machineOf(dst)) continue;
    const nested = (a: string, b: string) =>
      a === b || (recursive && (b.startsWith(`${a}/`) || a.startsWith(`${b}/`)));
    if (nested(src.dataset, dst.dataset)) {
      throw new UsageError(
        `source ${describeTarget(endpointLocator(src))} and destination ` +
          `${describeTarget(endpointLocator(dst))} overlap: both are on the same machine and ` +
          (src.dataset === dst.dataset
            ? 'name the same dataset'
            : 'one is inside the other under --recursive'),
      );
    }
  }
}

const endpointLocator = (e: Endpoint) =>
  e.ssh === undefined
    ? { dataset: e.dataset }
    : { dataset: e.dataset, host: e.ssh.host, ...(e.ssh.user ? { user: e.ssh.user } : {}) };
