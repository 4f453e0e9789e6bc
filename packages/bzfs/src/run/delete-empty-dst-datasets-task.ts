import type { EmptyDefinition } from '../config/lifecycle.js';
import { isDummy } from '../model/dummy.js';
import { BzfsError } from '../model/errors.js';
import { batchLimit, chunkByBytes } from '../plan/batch.js';
import { emptyCandidates, planEmptyDeletion } from '../plan/delete-datasets/empty-datasets.js';
import { explainDatasetDeletion } from '../plan/delete-datasets/explain.js';
import type { DatasetDeletionPlan, EntryCounts } from '../plan/delete-datasets/types.js';
import { zfsCmd } from '../zfs/commands.js';
import type { TaskContext } from './context.js';
import { destroyTrees } from './destroy-trees.js';
import { listDstTree } from './dst-tree.js';
import { registerTask, type PairListing } from './pair-task.js';
import { withRetries } from './retry.js';

const OPTION = '--delete-empty-dst-datasets';
const NEEDS_RECURSIVE = `${OPTION} does nothing without --recursive (as in the original)`;

interface DeleteEmptyTaskPlan {
  readonly empty: EmptyDefinition;
  readonly recursive: boolean;
}

/**
 * The delete-empty-dst-datasets task, after the snapshot deletions: deletes the selected destination datasets
 * whose whole subtree has no snapshot (nor bookmark, by default), each tree with one `zfs destroy -r`
 * (plan/delete-datasets/empty-datasets.ts). Only the candidates' snapshots are listed, many datasets per command.
 */
export const deleteEmptyDstDatasetsTask = registerTask<DeleteEmptyTaskPlan>({
  name: 'delete-empty-dst-datasets',
  enabled: (cfg) => cfg.deleteDatasets.empty !== undefined,
  plan: (cfg) => ({ empty: cfg.deleteDatasets.empty!, recursive: cfg.selection.recursive }),
  execute: async (plan, ctx, listing) => {
    if (!plan.recursive) {
      ctx.log.warn(NEEDS_RECURSIVE);
      return { failures: [] };
    }
    const deletion = await planLive(plan, ctx, listing);
    const what = plan.empty === 'snapshots' ? 'snapshot' : 'snapshot or bookmark';
    const why = () => `selected, and no dataset of its tree has a ${what}`;
    return { failures: await destroyTrees(ctx, listing, deletion, { option: OPTION, why }) };
  },
  explain: async (plan, ctx, listing) => {
    const deletion = plan.recursive ? await planLive(plan, ctx, listing) : { destroys: [], decisions: [] };
    const skipped = plan.recursive ? null : NEEDS_RECURSIVE;
    return { doc: { empty: plan.empty, skipped, ...explainDatasetDeletion(deletion) }, failed: false };
  },
});

/** Lists the tree, then the candidates' snapshots, and plans; again from the start if a dataset vanished meanwhile. */
function planLive(
  plan: DeleteEmptyTaskPlan,
  ctx: TaskContext,
  listing: PairListing,
): Promise<DatasetDeletionPlan> {
  const dstRoot = listing.pair.dst.dataset;
  if (isDummy(dstRoot))
    throw new BzfsError(
      `${OPTION}: the destination is dummy, which has no datasets to delete; give a real one`,
    );
  return withRetries(
    ctx.cfg.run.retry,
    ctx.log,
    `listing ${dstRoot} for ${OPTION}`,
    async () => {
      const input = { dstRoot, dstTree: await listDstTree(ctx, dstRoot), selection: ctx.cfg.selection };
      const counts = await countsOf(ctx, emptyCandidates(input), plan.empty === 'snapshots+bookmarks');
      return planEmptyDeletion({ ...input, empty: plan.empty, counts });
    },
    ctx.signal,
  );
}

/** The candidates' own snapshot (and bookmark) counts, as many datasets per listing as the command line holds. */
async function countsOf(
  ctx: TaskContext,
  datasets: readonly string[],
  bookmarks: boolean,
): Promise<Map<string, EntryCounts>> {
  const fixed = ctx.render({ stages: [ctx.dst.command(zfsCmd.listEntryNames([], { bookmarks }))] });
  const limit = batchLimit({ fixed: [fixed], oses: [undefined], separator: ' ' });
  const counts = new Map<string, EntryCounts>();
  for (const batch of chunkByBytes(datasets, (ds) => ds, limit))
    for (const [ds, c] of await ctx.dst.entryCounts(batch, { bookmarks })) counts.set(ds, c);
  return counts;
}
