/**
 * Applying a `zfs send | zfs receive` pipeline with ZFS's rules: a full stream needs a new dataset
 * (or -F and one without snapshots), an incremental one needs its base on the destination and the
 * destination unchanged since that base (or -F, which discards what came after), partial receive
 * state blocks everything but its own resume, and an interrupted `receive -s` leaves that state.
 */
import type { Command, CommandResult, Place } from '../../../src/exec/runner.js';
import { byTxg, ok, parentOf, ZfsFailure } from './results.js';
import { parseReceive, parseSend, type ReceiveSpec, type Stream } from './streams.js';
import { copyOf, type FakeDataset, type FakeWorld } from './world.js';

export function runSendReceive(w: FakeWorld, stages: readonly Command[]): CommandResult {
  if (stages.length !== 2) throw new Error(`fake: expected send | receive, got ${stages.length} stages`);
  const recv = parseReceive(stages[1]!);
  let stream: Stream;
  try {
    stream = parseSend(w, stages[0]!);
  } catch (e) {
    // The receive then reads an empty stream and says so after the send's own message.
    if (e instanceof ZfsFailure)
      throw new ZfsFailure(`${e.stderr}\ncannot receive: failed to read from stream`);
    throw e;
  }
  receive(w, stages[1]!.place, stream, recv);
  return ok();
}

/** An interrupted `send | receive -s`: the destination keeps a token for the first snapshot of the stream. */
export function interruptSendReceive(w: FakeWorld, stages: readonly Command[]): void {
  if (stages.length !== 2) return;
  const stream = parseSend(w, stages[0]!);
  const recv = parseReceive(stages[1]!);
  if (!recv.flags.has('-s') || recv.flags.has('-n')) return;
  const place = stages[1]!.place;
  try {
    // A receive that zfs refuses at once never gets far enough to save anything.
    receive(w, place, stream, { ...recv, flags: new Set([...recv.flags, '-n']) });
  } catch (e) {
    if (e instanceof ZfsFailure) return;
    throw e;
  }
  const first = stream.snaps[0]!;
  const token = w.newToken({
    toname: `${stream.srcDataset}@${first.name}`,
    toguid: first.guid,
    ...(stream.fromguid ? { fromguid: stream.fromguid } : {}),
  });
  const d = w.dataset(place, recv.dataset) ?? w.createDataset(place, recv.dataset, { partialOnly: true });
  d.resumeToken = token;
}

const snapshotsOf = (d: FakeDataset) => d.entries.filter((e) => e.kind === 'snapshot').sort(byTxg);

function receive(w: FakeWorld, place: Place, stream: Stream, recv: ReceiveSpec): void {
  const name = recv.dataset;
  const dry = recv.flags.has('-n');
  const force = recv.flags.has('-F');
  const d = w.dataset(place, name);
  if (!stream.full && d === undefined)
    throw new ZfsFailure(`cannot receive incremental stream: destination '${name}' does not exist`);
  const fresh = d === undefined || stream.full ? stream : withoutExisting(stream, d, name);
  // zfs passes over snapshots the destination already has.
  if (fresh.snaps.length === 0) return;
  if (d?.resumeToken !== undefined && d.resumeToken !== stream.token) {
    throw new ZfsFailure(
      `cannot receive ${stream.full ? 'new filesystem' : 'incremental'} stream: destination ${name} contains partially-complete state from "zfs receive -s".`,
    );
  }
  if (stream.token !== undefined && d?.resumeToken !== stream.token)
    throw new ZfsFailure(`cannot receive resume stream: destination ${name} has no partial receive state`);
  const target = stream.full
    ? fullTarget(w, place, stream, d, recv)
    : incrementalTarget(fresh, d!, name, force, dry);
  if (dry || target === undefined) return;
  for (const e of fresh.snaps) target.entries.push(copyOf(e, { createtxg: w.nextTxg() }));
  target.data = fresh.snaps[fresh.snaps.length - 1]!.data;
  delete target.resumeToken;
  delete target.partialOnly;
}

/**
 * The stream without the snapshots the destination already has (same name and GUID); the last
 * of those becomes the base of the rest. The same name with another GUID is refused.
 */
function withoutExisting(stream: Stream, d: FakeDataset, name: string): Stream {
  let fromguid = stream.fromguid;
  const snaps = [];
  for (const e of stream.snaps) {
    const there = d.entries.find((x) => x.kind === 'snapshot' && x.name === e.name);
    if (there === undefined) snaps.push(e);
    else if (there.guid !== e.guid)
      throw new ZfsFailure(`cannot restore to ${name}@${e.name}: destination already exists`);
    else if (snaps.length === 0) fromguid = e.guid;
  }
  return { ...stream, snaps, ...(fromguid === undefined ? {} : { fromguid }) };
}

/** The dataset a full stream lands in (undefined for a dry run into a new one). */
function fullTarget(
  w: FakeWorld,
  place: Place,
  stream: Stream,
  d: FakeDataset | undefined,
  recv: ReceiveSpec,
): FakeDataset | undefined {
  const name = recv.dataset;
  if (d !== undefined) {
    if (stream.token !== undefined) return d;
    if (!recv.flags.has('-F'))
      throw new ZfsFailure(
        `cannot receive new filesystem stream: destination '${name}' exists\nmust specify -F to overwrite it`,
      );
    const existing = snapshotsOf(d);
    if (existing.length > 0)
      throw new ZfsFailure(
        `cannot receive new filesystem stream: destination has snapshots (eg. ${name}@${existing[0]!.name})\nmust destroy them to overwrite it`,
      );
    return d;
  }
  const parent = parentOf(name);
  if (parent === undefined || !w.dataset(place, parent))
    throw new ZfsFailure(
      `cannot open '${parent ?? name}': dataset does not exist\ncannot receive new filesystem stream: unable to restore to destination`,
    );
  return recv.flags.has('-n') ? undefined : w.createDataset(place, name);
}

/**
 * An incremental stream needs its base among the destination's snapshots (not necessarily the
 * newest) and the destination unchanged since that base; -F rolls it back to the base first,
 * destroying newer snapshots (bookmarks stay).
 */
function incrementalTarget(
  stream: Stream,
  d: FakeDataset,
  name: string,
  force: boolean,
  dry: boolean,
): FakeDataset {
  const base = snapshotsOf(d).find((e) => e.guid === stream.fromguid);
  if (base === undefined)
    throw new ZfsFailure(
      `cannot receive incremental stream: most recent snapshot of ${name} does not\nmatch incremental source`,
    );
  if (!force && d.data.version !== base.data.version)
    throw new ZfsFailure(
      `cannot receive incremental stream: destination ${name} has been modified\nsince most recent snapshot`,
    );
  if (force && !dry) {
    d.entries = d.entries.filter((e) => e.kind === 'bookmark' || e.createtxg <= base.createtxg);
    d.data = base.data;
  }
  return d;
}
