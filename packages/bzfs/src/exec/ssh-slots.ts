import { createHash } from 'node:crypto';
import type { SshTarget } from './runner.js';

/**
 * The pure half of ssh connection sharing (exec/ssh-masters.ts does the rest): which socket a
 * session uses, and how many sessions each master may carry.
 */

/** How one ssh session connects: through the master at `socket`, or on a TCP connection of its own. */
export type SshControl = { readonly socket: string } | 'dedicated';

/**
 * Linux's sun_path holds 108 bytes with the NUL; while it sets up a master, ssh binds a temporary
 * name 17 characters longer than the ControlPath. A longer path could not be bound at all.
 */
const SOCKET_PATH_MAX = 107 - 17;

/** Everything that makes two ssh connections interchangeable; the user is ours implicitly (the dir). */
export function endpointKey(t: SshTarget, program: string): string {
  return JSON.stringify([program, t.user ?? '', t.host, t.port ?? '', t.configFile ?? '']);
}

/**
 * The ControlPath of master number `slot` of an endpoint: the endpoint hashed (22 base64url
 * characters, 132 bits), so the path is short, fixed-length and free of anything a host name could
 * carry. Undefined when `dir` is too long for a unix socket: then nothing is shared.
 */
export function socketPath(dir: string, key: string, slot: number): string | undefined {
  const hash = createHash('sha256').update(key).digest('base64url').slice(0, 22);
  const path = `${dir}/${hash}.${slot}`;
  return path.length <= SOCKET_PATH_MAX ? path : undefined;
}

/**
 * The master a new session should use: the first one with fewer than `max` sessions of this
 * process (sshd's MaxSessions, default 10, caps sessions per TCP connection), else a new one.
 */
export function pickSlot(sessions: readonly number[], max: number): number {
  const free = sessions.findIndex((n) => n < max);
  return free === -1 ? sessions.length : free;
}

/**
 * Whether the remote groups of a pipeline of `groupCount` groups carry the replication stream: when
 * the pipeline leaves its host (more than one group), every remote group is a leg of it (a pull's
 * send, a push's receive). Such a leg gets a TCP connection of its own, so that a long stream neither shares a
 * connection's window and cipher with the short control sessions nor holds up a master's slot.
 */
export function isStreamLeg(groupCount: number): boolean {
  return groupCount > 1;
}
