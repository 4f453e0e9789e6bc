/**
 * Reading the two ends of a `zfs send | zfs receive` pipeline: which snapshots the send would
 * stream (with send's own refusals), and the receive's target and flags.
 */
import type { Command } from '../../../src/exec/runner.js';
import { byTxg, missing, withoutSudo, ZfsFailure } from './results.js';
import type { Entry, FakeWorld } from './world.js';

export interface Stream {
  readonly srcDataset: string;
  readonly full: boolean;
  /** The GUID the destination must have as its base (incremental streams). */
  readonly fromguid?: string;
  /** The snapshots it carries, oldest first. */
  readonly snaps: readonly Entry[];
  /** Set for a resumed stream (`zfs send -t TOKEN`). */
  readonly token?: string;
}

export interface ReceiveSpec {
  readonly dataset: string;
  readonly flags: ReadonlySet<string>;
}

export function parseSend(w: FakeWorld, cmd: Command): Stream {
  const a = withoutSudo(cmd.argv);
  if (a[0] !== 'zfs' || a[1] !== 'send')
    throw new Error(`fake: pipeline must start with zfs send: ${a.join(' ')}`);
  let token: string | undefined;
  let flag: string | undefined;
  let from: string | undefined;
  const positional: string[] = [];
  let dry = false;
  for (let i = 2; i < a.length; i++) {
    const x = a[i]!;
    if (x === '-t') token = a[++i];
    else if (x === '-i' || x === '-I') {
      flag = x;
      from = a[++i];
    } else if (x === '-n' || x === '--dryrun') dry = true;
    else if (!x.startsWith('-')) positional.push(x);
  }
  // A dry-run send writes no stream at all.
  if (dry) throw new ZfsFailure('cannot receive: failed to read from stream');
  if (token !== undefined) return resumedStream(w, cmd, token, positional);
  if (positional.length !== 1) throw new Error(`fake: bad zfs send ${a.join(' ')}`);
  const toName = positional[0]!;
  const [dsName, snap] = toName.split('@') as [string, string | undefined];
  const d = w.dataset(cmd.place, dsName);
  const to = d?.entries.find((x) => x.kind === 'snapshot' && x.name === snap);
  if (d === undefined || to === undefined) throw missing(toName);
  if (from === undefined) return { srcDataset: dsName, full: true, snaps: [to] };
  const m = /^([^@#]+)([@#])(.+)$/.exec(from);
  if (m === null || m[1] !== dsName) throw new ZfsFailure(`cannot send: invalid incremental source ${from}`);
  const base = d.entries.find((x) => x.kind === (m[2] === '@' ? 'snapshot' : 'bookmark') && x.name === m[3]);
  if (base === undefined) throw missing(from);
  if (flag === '-I' && base.kind === 'bookmark')
    throw new ZfsFailure('Error: multiple snapshots cannot be sent from a bookmark.');
  if (base.createtxg >= to.createtxg)
    throw new ZfsFailure(`cannot send '${toName}': incremental source must be an earlier snapshot`);
  const snaps =
    flag === '-I'
      ? d.entries
          .filter((x) => x.kind === 'snapshot' && x.createtxg > base.createtxg && x.createtxg <= to.createtxg)
          .sort(byTxg)
      : [to];
  return { srcDataset: dsName, full: false, fromguid: base.guid, snaps };
}

function resumedStream(w: FakeWorld, cmd: Command, token: string, positional: readonly string[]): Stream {
  const info = w.tokenInfo(token);
  if (info === undefined || positional.length > 0)
    throw new ZfsFailure('cannot resume send: resume token is corrupt (invalid format)', 255);
  const [dsName, snap] = info.toname.split('@') as [string, string];
  const e = w.dataset(cmd.place, dsName)?.entries.find((x) => x.kind === 'snapshot' && x.name === snap);
  if (e === undefined || e.guid !== info.toguid)
    throw new ZfsFailure(`cannot resume send: '${info.toname}' used in the initial send no longer exists`);
  return {
    srcDataset: dsName,
    full: info.fromguid === undefined,
    snaps: [e],
    token,
    ...(info.fromguid ? { fromguid: info.fromguid } : {}),
  };
}

export function parseReceive(cmd: Command): ReceiveSpec {
  const a = withoutSudo(cmd.argv);
  if (a[0] !== 'zfs' || a[1] !== 'receive' || a.length < 3)
    throw new Error(`fake: pipeline must end with zfs receive: ${a.join(' ')}`);
  const flags = new Set<string>();
  const rest = a.slice(2, -1);
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i]!;
    if (x === '-o' || x === '-x') i++;
    else flags.add(x);
  }
  return { dataset: a[a.length - 1]!, flags };
}
