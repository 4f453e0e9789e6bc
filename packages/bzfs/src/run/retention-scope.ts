import type { BzfsConfig } from '../config/types.js';
import type { FilterGroup } from '../filters/filter-groups.js';
import { pruneTargets, type PruneTarget } from '../plan/retention/targets.js';
import type { TaskContext } from './context.js';
import { listDstTree } from './dst-tree.js';

/** What the retention task knows before it lists the destination tree again (replication may have changed it). */
export interface RetentionTaskPlan {
  /** undefined: the source is `dummy`. */
  readonly srcRoot: string | undefined;
  readonly dstRoot: string;
  readonly srcDatasets: readonly string[];
}

/** The run's snapshot filters (with --delete-dst-snapshots-except-plan's groups), which say what the rules select. */
export function retentionGroups(cfg: BzfsConfig): readonly FilterGroup[] {
  return cfg.selection.snapshotFilters;
}

/** The datasets to prune, from a fresh listing of the destination tree. */
export async function listTargets(ctx: TaskContext, plan: RetentionTaskPlan): Promise<PruneTarget[]> {
  const dstDatasets = await listDstTree(ctx, plan.dstRoot);
  return pruneTargets({ ...plan, dstDatasets, selection: ctx.cfg.selection });
}
