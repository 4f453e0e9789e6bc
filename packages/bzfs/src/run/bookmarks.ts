import { fullName, type SnapshotRef } from '../model/snapshot.js';
import { snapshotsCarried } from '../plan/send-steps.js';
import type { SendStep } from '../plan/types.js';
import { zfsCmd } from '../zfs/commands.js';
import { isBookmarkExists } from '../zfs/stderr.js';
import { mutate, type TaskContext } from './context.js';

/**
 * Bookmarks keep an incremental base on the source even after its snapshots are pruned. The
 * first and the last snapshot sent always get one; --create-bookmarks decides about the others.
 * A bookmark that already exists for the same snapshot (same GUID) is left alone.
 */
export async function createBookmarks(
  ctx: TaskContext,
  steps: readonly SendStep[],
  src: readonly SnapshotRef[],
): Promise<void> {
  if (ctx.cfg.replication.createBookmarks === 'none') return;
  const sent = steps.flatMap((s) => snapshotsCarried(s, src));
  const existing = new Set(src.filter((s) => s.kind === 'bookmark').map((b) => `${b.name}\t${b.guid}`));
  const wanted = sent.filter(
    (snap, i) =>
      (i === 0 || i === sent.length - 1 || bookmarkWorthy(snap.name, ctx.cfg.replication.createBookmarks)) &&
      !existing.has(`${snap.name}\t${snap.guid}`),
  );
  for (const snap of wanted) {
    // A concurrent run (another destination of the same source) may have just made it.
    const z = zfsCmd.bookmark(fullName(snap), fullName({ ...snap, kind: 'bookmark' }));
    await mutate(ctx, ctx.src, z, isBookmarkExists);
  }
}

const PERIOD_RANK: Record<string, number> = {
  secondly: 1,
  minutely: 2,
  hourly: 3,
  daily: 4,
  weekly: 5,
  monthly: 6,
  yearly: 7,
};

function bookmarkWorthy(name: string, mode: string): boolean {
  if (mode === 'all') return true;
  const suffix = /_([a-z]+)$/.exec(name)?.[1] ?? '';
  return (PERIOD_RANK[suffix] ?? 0) >= (PERIOD_RANK[mode] ?? Infinity);
}
