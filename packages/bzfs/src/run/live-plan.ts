import { snapshotSelection } from '../filters/select-snapshots.js';
import { compareByTxg, type SnapshotRef } from '../model/snapshot.js';
import { planDataset } from '../plan/replication-plan.js';
import type { DatasetPlan } from '../plan/types.js';
import type { ListedPair } from './batched-listing.js';
import { forceInEffect, type TaskContext } from './context.js';

/** A dataset's plan with the listings it was made from. */
export interface LivePlan {
  readonly plan: DatasetPlan;
  /** The source's snapshots and bookmarks as listed for this plan, oldest first. */
  readonly src: readonly SnapshotRef[];
  /** The destination's snapshots; undefined when the destination does not exist. */
  readonly dst: readonly SnapshotRef[] | undefined;
}

/**
 * Reads what the planner needs about one dataset on both sides (read-only commands only: also
 * what --explain runs) and plans it. `listed`: what the pair's batched listings said (run/batched-listing.ts),
 * used for the first plan only; without it both sides are listed now. The partial-receive token comes with the
 * destination's dataset listing when it was listed there (decoded only where one exists), else from `zfs get`.
 * The destination's contents are read only when it has no snapshots, the one case where a full receive could
 * overwrite data.
 */
export async function planFromLiveState(
  ctx: TaskContext,
  srcDs: string,
  dstDs: string,
  listed?: ListedPair,
): Promise<LivePlan | 'src-vanished'> {
  const { selection, replication } = ctx.cfg;
  const [srcSnaps, dstAll] = listed
    ? [listed.src, listed.dst]
    : await Promise.all([ctx.src.listSnapshots(srcDs), ctx.dst.listSnapshots(dstDs)]);
  if (srcSnaps === undefined) return 'src-vanished';
  const token = listed?.resumeToken;
  const resume =
    replication.resumeRecv && dstAll !== undefined
      ? await (token === undefined ? ctx.dst.resumeState(dstDs) : ctx.dst.decodeResumeState(dstDs, token))
      : undefined;
  const dst = dstAll?.filter((s) => s.kind === 'snapshot');
  const dstContents = dst?.length === 0 ? await ctx.dst.contents(dstDs) : undefined;
  const plan = planDataset({
    src: srcSnaps,
    dst,
    // Bookmarks never count towards ranks and are never sent; `nowMs` is the run's one clock value.
    isSelected: snapshotSelection(srcSnaps, selection.snapshotFilters, ctx.nowMs),
    ...(resume ? { resume } : {}),
    ...(dstContents ? { dstContents } : {}),
    options: {
      noStream: replication.noStream,
      useBookmarks: replication.useBookmarks,
      force: forceInEffect(ctx),
    },
  });
  return { plan, src: [...srcSnaps].sort(compareByTxg), dst };
}
