import type { CreateBookmarks } from '../config/types.js';
import type { SnapshotRef } from '../model/snapshot.js';
import { snapshotsCarried } from './send-steps.js';
import type { SendStep } from './types.js';

/**
 * Which sent snapshots get a bookmark on the source. Bookmarks keep an incremental base after the
 * snapshot itself is pruned. The first and the last snapshot sent always get one; `mode` decides
 * about the others by their period suffix (`_hourly` ...). A bookmark that already exists for the
 * same snapshot (same name and GUID) is not planned again. `src` is sorted with compareByTxg.
 */
export function bookmarksToCreate(
  steps: readonly SendStep[],
  src: readonly SnapshotRef[],
  mode: CreateBookmarks,
): SnapshotRef[] {
  if (mode === 'none') return [];
  const sent = steps.flatMap((s) => snapshotsCarried(s, src));
  const existing = new Set(src.filter((s) => s.kind === 'bookmark').map((b) => `${b.name}\t${b.guid}`));
  return sent.filter(
    (snap, i) =>
      (i === 0 || i === sent.length - 1 || bookmarkWorthy(snap.name, mode)) &&
      !existing.has(`${snap.name}\t${snap.guid}`),
  );
}

const PERIOD_RANK: Readonly<Record<string, number>> = {
  secondly: 1,
  minutely: 2,
  hourly: 3,
  daily: 4,
  weekly: 5,
  monthly: 6,
  yearly: 7,
};

function bookmarkWorthy(name: string, mode: CreateBookmarks): boolean {
  if (mode === 'all') return true;
  const suffix = /_([a-z]+)$/.exec(name)?.[1] ?? '';
  return (PERIOD_RANK[suffix] ?? 0) >= (PERIOD_RANK[mode] ?? Infinity);
}
