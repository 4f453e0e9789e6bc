/**
 * Turns (host, dataset) into the locator and ssh options of one side of a bzfs run.
 *
 * A host that is this machine runs without ssh (`-:tank/ds`) — unless the spec asks for a different ssh
 * user on that side, in which case bzfs must log in as that user, over the loopback address. This is
 * the original's rule; it lets one spec serve every host of a fleet, each seeing itself as local.
 */
import { substituteRoot } from '../spec/names.js';
import type { JobSpec, SshSideSpec } from '../spec/types.js';

export interface LocalHost {
  /** Names and addresses under which this machine is known: localhost, its hostname, `--localhost`, its IPs. */
  readonly names: ReadonlySet<string>;
  /** The Unix user running the jobrunner. */
  readonly user: string;
  /** Where to ssh to for "this machine as another user", normally 127.0.0.1. */
  readonly loopbackAddress: string;
}

/** One side of a run: the locator text and the ssh options bzfs needs for it. */
export interface Side {
  readonly locator: string;
  /** Undefined when the side is local and needs no ssh. */
  readonly ssh?: SshSideSpec;
  readonly isLocal: boolean;
}

export function resolveSide(
  host: string,
  dataset: string,
  ssh: SshSideSpec | undefined,
  local: LocalHost,
): Side {
  if (!local.names.has(host))
    return { locator: `${ipv6Safe(host)}:${dataset}`, ssh: sshOrUndefined(ssh), isLocal: false };
  const user = ssh?.user;
  if (user === undefined || user === local.user) return { locator: `-:${dataset}`, isLocal: true };
  return {
    locator: `${ipv6Safe(local.loopbackAddress)}:${dataset}`,
    ssh: sshOrUndefined(ssh),
    isLocal: false,
  };
}

/** The destination dataset of `pair.dst` on `dstHost` for a run from `srcHost`. */
export function dstDataset(spec: JobSpec, srcHost: string, dstHost: string, relative: string): string {
  const root = substituteRoot(spec.dstHosts[dstHost]?.root ?? '', srcHost, dstHost);
  return root === '' ? relative : `${root}/${relative}`;
}

/** The pool of a dataset, where a removable drive shows up (or not). */
export function poolOf(dataset: string): string {
  return dataset.split('/', 1)[0] ?? dataset;
}

/** bzfs reads the first `:` as the host separator, so IPv6 colons are written as `|`. */
function ipv6Safe(host: string): string {
  return host.replaceAll(':', '|');
}

function sshOrUndefined(ssh: SshSideSpec | undefined): SshSideSpec | undefined {
  return ssh === undefined || Object.keys(ssh).length === 0 ? undefined : ssh;
}
