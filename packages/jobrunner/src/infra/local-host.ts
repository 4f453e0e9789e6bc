/** Learns what this machine is called, for the "this host runs without ssh" rule (expand/locate.ts). */
import { hostname, networkInterfaces, userInfo } from 'node:os';
import type { LocalHost } from '../expand/locate.js';

/**
 * `extraName` is `--localhost`. Setting `bzfs_disable_loopback=true` in the environment makes every
 * host remote, as in the original — useful when the "hosts" are ssh aliases of this machine.
 */
export function detectLocalHost(
  extraName: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LocalHost {
  const user = userInfo().username;
  if (env['bzfs_disable_loopback'] === 'true')
    return { names: new Set(), user, loopbackAddress: '127.0.0.1' };
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname()]);
  if (extraName !== undefined && extraName !== '') names.add(extraName);
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) names.add(a.address);
  }
  return { names, user, loopbackAddress: '127.0.0.1' };
}

/** The name this machine goes by in log file names. */
export function localHostName(extraName: string | undefined): string {
  return extraName !== undefined && extraName !== '' ? extraName : hostname();
}
