/** Shorthands for writing contract scenarios (see types.ts). */
import type { Outcome, SendOp, StderrClass } from './types.js';

export const OK: Outcome = { ok: true };

/** A query that succeeded with this normalized answer. */
export const answers = (out: unknown): Outcome => ({ ok: true, out });

/** A failure: zfs's first line of stderr (names relative to the root) and bzfs's classes of it. */
export const fails = (error: string, ...stderr: StderrClass[]): Outcome => ({
  ok: false,
  error,
  ...(stderr.length > 0 ? { stderr } : {}),
});

export const missing = (name: string): Outcome =>
  fails(`cannot open '${name}': dataset does not exist`, 'dataset-missing');

/** `zfs send [-i|-I from] to | zfs receive -s -u into`, as bzfs runs it. */
export function send(to: string, into: string, o: Omit<SendOp, 'op' | 'to' | 'into'> = {}): SendOp {
  return { op: 'send', to, into, ...o };
}

export const incr = (flag: '-i' | '-I', from: string, to: string, into: string, force = false): SendOp =>
  send(to, into, { from: { flag, name: from }, ...(force ? { force } : {}) });

export const listSnapshots = (dataset: string) => ({ op: 'listSnapshots', dataset }) as const;
