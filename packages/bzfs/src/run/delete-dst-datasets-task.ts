import { isDummy } from '../model/dummy.js';
import { BzfsError } from '../model/errors.js';
import { explainDatasetDeletion } from '../plan/delete-datasets/explain.js';
import { planMissingOnSource } from '../plan/delete-datasets/missing-on-source.js';
import type { DatasetDeletionPlan, TreeDestroy } from '../plan/delete-datasets/types.js';
import type { TaskContext } from './context.js';
import { destroyTrees } from './destroy-trees.js';
import { listDstTree } from './dst-tree.js';
import { endpointLabel } from './endpoint-label.js';
import { registerTask, type PairListing } from './pair-task.js';

const OPTION = '--delete-dst-datasets';

/** What the task knows before it lists the destination tree again (replication may have changed it). */
interface DeleteDstDatasetsTaskPlan {
  /** undefined: the source is `dummy`. */
  readonly srcRoot: string | undefined;
  readonly srcDatasets: readonly string[];
}

/**
 * The delete-dst-datasets task, after replication: deletes the selected destination datasets that the source does
 * not have (plan/delete-datasets/missing-on-source.ts), each tree with one `zfs destroy -r`.
 */
export const deleteDstDatasetsTask = registerTask<DeleteDstDatasetsTaskPlan>({
  name: 'delete-dst-datasets',
  enabled: (cfg) => cfg.deleteDatasets.missingOnSource,
  plan: (_cfg, listing) => ({
    srcRoot: isDummy(listing.pair.src.dataset) ? undefined : listing.pair.src.dataset,
    srcDatasets: listing.src.map((d) => d.name),
  }),
  execute: async (plan, ctx, listing) => {
    const deletion = await planLive(plan, ctx, listing);
    const srcOf = (ds: string) => plan.srcRoot + ds.slice(listing.pair.dst.dataset.length);
    const why = (d: TreeDestroy) =>
      d.rule === 'dummy-source'
        ? 'selected, and the source is dummy (every selected dataset goes)'
        : `selected, and the source has no ${srcOf(d.dataset)}`;
    return { failures: await destroyTrees(ctx, listing, deletion, { option: OPTION, why }) };
  },
  explain: async (plan, ctx, listing) => ({
    doc: { source: plan.srcRoot ?? null, ...explainDatasetDeletion(await planLive(plan, ctx, listing)) },
    failed: false,
  }),
});

async function planLive(
  plan: DeleteDstDatasetsTaskPlan,
  ctx: TaskContext,
  listing: PairListing,
): Promise<DatasetDeletionPlan> {
  const dstRoot = listing.pair.dst.dataset;
  if (isDummy(dstRoot))
    throw new BzfsError(
      `${OPTION}: the destination is dummy, which has no datasets to delete; give a real one`,
    );
  const dstTree = await listDstTree(ctx, dstRoot);
  if (dstTree.length === 0)
    ctx.log.warn(`${OPTION}: the destination ${endpointLabel(listing.pair.dst)} does not exist`);
  return planMissingOnSource({ ...plan, dstRoot, dstTree, selection: ctx.cfg.selection });
}
