/**
 * The fake's zfs commands that change a dataset without a stream: create, rollback, destroy of
 * snapshots, of a bookmark and of a tree, snapshot, bookmark, and `receive -A`, each with the refusals and messages
 * of real zfs.
 */
import type { CommandResult, Place } from '../../../src/exec/runner.js';
import { byTxg, missing, ok, parentOf, USAGE_EXIT, ZfsFailure } from './results.js';
import { copyOf, type FakeDataset, type FakeWorld } from './world.js';

/** Runs `zfs SUB ARGS...` if it is one of these commands; undefined otherwise. */
export function applyAdmin(
  w: FakeWorld,
  place: Place,
  sub: string,
  args: readonly string[],
): CommandResult | undefined {
  const last = args[args.length - 1]!;
  const flags = args.slice(0, -1);
  switch (sub) {
    case 'create':
      return args.length === 2 && args[0] === '-u' ? create(w, place, last) : undefined;
    case 'rollback':
      return flags.every((f) => ['-r', '-R', '-f'].includes(f)) ? rollback(w, place, last, flags) : undefined;
    case 'destroy':
      if (args.length === 1 && last.includes('#')) return destroyBookmark(w, place, last);
      if (flags[0] === '-r' && flags.slice(1).every((f) => ['-R', '-f'].includes(f)) && !/[@#]/.test(last))
        return destroyTree(w, place, last);
      return flags.every((f) => ['-R', '-f'].includes(f)) && last.includes('@')
        ? destroySnapshots(w, place, last, flags)
        : undefined;
    case 'bookmark':
      return args.length === 2 ? bookmark(w, place, args[0]!, last) : undefined;
    case 'snapshot':
      return snapshot(w, place, args);
    case 'receive':
      return args.length === 2 && args[0] === '-A' ? abortReceive(w, place, last) : undefined;
    default:
      return undefined;
  }
}

function create(w: FakeWorld, place: Place, name: string): CommandResult {
  if (w.dataset(place, name)) throw new ZfsFailure(`cannot create '${name}': dataset already exists`);
  const parent = parentOf(name);
  if (parent === undefined || !w.dataset(place, parent))
    throw new ZfsFailure(`cannot create '${name}': parent does not exist`);
  w.createDataset(place, name);
  return ok();
}

/**
 * An interrupted incremental receive keeps its data in a hidden clone (`DS/%recv`) of the newest
 * snapshot: that snapshot cannot go (by rollback or destroy) unless -R takes the clone with it.
 */
function hasRecvClone(w: FakeWorld, d: FakeDataset): boolean {
  return d.resumeToken !== undefined && !d.partialOnly && w.tokenInfo(d.resumeToken)?.fromguid !== undefined;
}

function rollback(w: FakeWorld, place: Place, snapshot: string, flags: readonly string[]): CommandResult {
  const [dsName, snap] = snapshot.split('@') as [string, string | undefined];
  const d = w.dataset(place, dsName);
  const target = d?.entries.find((e) => e.kind === 'snapshot' && e.name === snap);
  if (d === undefined || target === undefined) throw missing(snapshot);
  const newer = d.entries.filter((e) => e.createtxg > target.createtxg).sort(byTxg);
  if (newer.length > 0 && !flags.includes('-r') && !flags.includes('-R')) {
    // zfs names the snapshots first, then the bookmarks.
    const names = [
      ...newer.filter((e) => e.kind === 'snapshot').map((e) => `${dsName}@${e.name}`),
      ...newer.filter((e) => e.kind === 'bookmark').map((e) => `${dsName}#${e.name}`),
    ];
    throw new ZfsFailure(
      `cannot rollback to '${snapshot}': more recent snapshots or bookmarks exist\n` +
        `use '-r' to force deletion of the following snapshots and bookmarks:\n${names.join('\n')}`,
    );
  }
  if (newer.some((e) => e.kind === 'snapshot') && hasRecvClone(w, d)) {
    if (!flags.includes('-R'))
      throw new ZfsFailure(
        `cannot rollback to '${snapshot}': clones of previous snapshots exist\n` +
          `use '-R' to force deletion of the following clones and dependents:\n${dsName}/%recv`,
      );
    delete d.resumeToken;
  }
  d.entries = d.entries.filter((e) => e.createtxg <= target.createtxg);
  d.data = target.data;
  return ok();
}

function destroySnapshots(w: FakeWorld, place: Place, spec: string, flags: readonly string[]): CommandResult {
  const [dsName, list] = spec.split('@') as [string, string];
  const d = w.need(place, dsName);
  const names = new Set(list.split(','));
  const snaps = d.entries.filter((e) => e.kind === 'snapshot').sort(byTxg);
  const newest = snaps[snaps.length - 1];
  if (newest !== undefined && names.has(newest.name) && hasRecvClone(w, d)) {
    if (!flags.includes('-R'))
      throw new ZfsFailure(
        `cannot destroy '${dsName}@${newest.name}': snapshot has dependent clones\n` +
          `use '-R' to destroy the following datasets:\n${dsName}/%recv`,
      );
    delete d.resumeToken;
  }
  // All or nothing: one held snapshot keeps the others too.
  const held = snaps.find((e) => names.has(e.name) && (e.userrefs ?? 0) > 0);
  if (held !== undefined)
    throw new ZfsFailure(
      `cannot destroy snapshot ${dsName}@${held.name}: it's being held. Run 'zfs holds -r ${dsName}@${held.name}' to see holders.`,
    );
  const before = d.entries.length;
  // Names that do not exist are passed over, as long as one does.
  d.entries = d.entries.filter((e) => e.kind !== 'snapshot' || !names.has(e.name));
  if (d.entries.length === before)
    throw new ZfsFailure('could not find any snapshots to destroy; check snapshot names.');
  return ok();
}

/**
 * `zfs destroy -r DS`: the dataset and its descendants, with their snapshots and bookmarks. A pool stays (zfs
 * destroys only what is in it). Holds and clones are not modelled.
 */
function destroyTree(w: FakeWorld, place: Place, name: string): CommandResult {
  w.need(place, name);
  for (const n of [...w.datasets(place).keys()]) if (n.startsWith(`${name}/`)) w.removeDataset(place, n);
  if (parentOf(name) === undefined) w.dataset(place, name)!.entries = [];
  else w.removeDataset(place, name);
  return ok();
}

/** `zfs destroy DS#BM`: one bookmark per command; a missing one is refused with zfs's message. */
function destroyBookmark(w: FakeWorld, place: Place, spec: string): CommandResult {
  const [dsName, bm] = spec.split('#') as [string, string];
  const d = w.dataset(place, dsName);
  if (d === undefined || !d.entries.some((e) => e.kind === 'bookmark' && e.name === bm))
    throw new ZfsFailure(`bookmark '${spec}' does not exist.`);
  d.entries = d.entries.filter((e) => e.kind !== 'bookmark' || e.name !== bm);
  return ok();
}

function bookmark(w: FakeWorld, place: Place, snapName: string, bmName: string): CommandResult {
  const [dsName, snap] = snapName.split('@') as [string, string];
  const [bmDs, bm] = bmName.split('#') as [string, string];
  if (bmDs !== dsName || !bm) throw new ZfsFailure(`cannot create bookmark '${bmName}': invalid name`);
  const d = w.dataset(place, dsName);
  const e = d?.entries.find((x) => x.kind === 'snapshot' && x.name === snap);
  if (d === undefined || e === undefined) throw missing(snapName, USAGE_EXIT);
  if (d.entries.some((x) => x.kind === 'bookmark' && x.name === bm))
    throw new ZfsFailure(`cannot create bookmark '${bmName}': bookmark exists`);
  d.entries.push(copyOf(e, { kind: 'bookmark', name: bm }));
  return ok();
}

function abortReceive(w: FakeWorld, place: Place, name: string): CommandResult {
  const d = w.need(place, name, USAGE_EXIT);
  if (d.resumeToken === undefined)
    throw new ZfsFailure(`'${name}' does not have any resumable receive state to abort`);
  delete d.resumeToken;
  if (d.partialOnly) w.removeDataset(place, name);
  return ok();
}

/**
 * `zfs snapshot [-r] a@n b@n ...`: all or nothing, in one transaction group (one createtxg for every
 * snapshot, descendants included with -r). Every dataset is opened first; then any snapshot that
 * exists already fails the whole command, as the kernel checks them all before making any.
 */
function snapshot(w: FakeWorld, place: Place, args: readonly string[]): CommandResult | undefined {
  const recursive = args[0] === '-r';
  const names = recursive ? args.slice(1) : args;
  if (names.length === 0 || names.some((n) => !n.includes('@') || n.startsWith('-'))) return undefined;
  const split = names.map((n) => n.split('@') as [string, string]);
  for (const [ds] of split) w.need(place, ds);
  const targets: [string, string][] = split.flatMap(([ds, snap]) => {
    const tree = recursive ? [...w.datasets(place).keys()].filter((n) => n.startsWith(`${ds}/`)) : [];
    return [ds, ...tree].map((d): [string, string] => [d, snap]);
  });
  for (const [ds, snap] of targets) {
    if (w.dataset(place, ds)!.entries.some((e) => e.kind === 'snapshot' && e.name === snap))
      throw new ZfsFailure(`cannot create snapshot '${ds}@${snap}': dataset already exists`);
  }
  const createtxg = w.nextTxg();
  for (const [ds, name] of targets) {
    const d = w.dataset(place, ds)!;
    d.entries.push({
      kind: 'snapshot',
      name,
      guid: w.nextGuid(),
      createtxg,
      creation: w.creationAt(createtxg),
      data: d.data,
    });
  }
  return ok();
}

/**
 * bzfs's bookmark channel program (src/zfs/bookmark-program.ts): `zfs program -j POOL /dev/stdin SNAP BM ...`,
 * answered as real zfs prints the script's return table: each bookmark with its errno.
 */
export function bookmarkChannelProgram(w: FakeWorld, place: Place, args: readonly string[]): CommandResult {
  if (args[0] !== '-j' || args[2] !== '/dev/stdin' || args.length % 2 !== 1)
    throw new ZfsFailure(`fake: unexpected zfs program ${args.join(' ')}`, USAGE_EXIT);
  const made: Record<string, number> = {};
  for (let i = 3; i < args.length; i += 2) {
    const [snap, bm] = [args[i]!, args[i + 1]!];
    try {
      bookmark(w, place, snap, bm);
      made[bm] = 0;
    } catch (e) {
      if (!(e instanceof ZfsFailure)) throw e;
      made[bm] = /bookmark exists/.test(e.stderr) ? 17 : 2;
    }
  }
  return ok(`${JSON.stringify({ return: made })}\n`);
}
