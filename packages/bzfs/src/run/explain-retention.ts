import { messageOf } from '../model/errors.js';
import { explainRetentionPlan, type RetentionExplanation } from '../plan/retention/explain.js';
import type { TaskContext } from './context.js';
import type { ExplainedTask } from './pair-task.js';
import { planTarget } from './prune-dataset.js';
import { listTargets, retentionGroups, type RetentionTaskPlan } from './retention-scope.js';

/**
 * --explain for delete-dst-snapshots: each selected destination dataset's retention plan against the live state,
 * every candidate with its verdict and rule. A run prunes after replicating, so what replication would add or
 * change is not in this picture.
 */
export async function explainRetention(plan: RetentionTaskPlan, ctx: TaskContext): Promise<ExplainedTask> {
  const groups = retentionGroups(ctx.cfg);
  const { nowMs } = ctx;
  const datasets: RetentionExplanation[] = [];
  for (const t of await listTargets(ctx, plan)) {
    try {
      datasets.push(explainRetentionPlan(t, await planTarget(ctx, t, groups, nowMs)));
    } catch (e) {
      datasets.push(explainRetentionPlan(t, { error: messageOf(e) }));
    }
  }
  return { failed: datasets.some((d) => d.status === 'error'), doc: { datasets } };
}
