import { isDummy } from '../model/dummy.js';
import { messageOf } from '../model/errors.js';
import { humanBytes } from '../model/human-units.js';
import type { TaskContext } from './context.js';
import { endpointLabel } from './endpoint-label.js';
import { explainRetention } from './explain-retention.js';
import { registerTask, type PairListing, type TaskOutcome } from './pair-task.js';
import { pruneDataset, type PruneOutcome } from './prune-dataset.js';
import { listTargets, retentionGroups, type RetentionTaskPlan } from './retention-scope.js';
import { withRetries } from './retry.js';
import { runTree } from './tree.js';

/** The delete-dst-snapshots task: prunes every selected destination dataset by the retention rules. */
export const retentionTask = registerTask<RetentionTaskPlan>({
  name: 'delete-dst-snapshots',
  enabled: (cfg) => cfg.retention !== undefined,
  plan: (_cfg, listing) => ({
    srcRoot: isDummy(listing.pair.src.dataset) ? undefined : listing.pair.src.dataset,
    dstRoot: listing.pair.dst.dataset,
    srcDatasets: listing.src.map((d) => d.name),
  }),
  execute: executeRetention,
  explain: explainRetention,
});

/**
 * Datasets in parallel (--threads), each one's snapshots serially; a dataset is retried as a whole (it re-plans
 * from fresh listings) and only for failures known to be transient.
 */
async function executeRetention(
  plan: RetentionTaskPlan,
  ctx: TaskContext,
  listing: PairListing,
): Promise<TaskOutcome> {
  const { cfg, log } = ctx;
  const targets = await listTargets(ctx, plan);
  const groups = retentionGroups(cfg);
  const { nowMs } = ctx;
  const byDst = new Map(targets.map((t) => [t.dst, t]));
  const results = await runTree(
    targets.map((t) => t.dst),
    cfg.run.threads,
    cfg.skipOnError,
    (ds) =>
      withRetries(
        cfg.run.retry,
        log,
        `pruning of ${ds}`,
        () => pruneDataset(ctx, byDst.get(ds)!, groups, nowMs),
        ctx.signal,
      ),
    // A child's snapshots do not depend on its parent's: only --skip-on-error=tree (or fail) skips the subtree.
    (_ds, r) => Promise.resolve(r.kind === 'failed' && cfg.skipOnError !== 'dataset'),
  );
  const failures: unknown[] = [];
  const done: PruneOutcome[] = [];
  for (const [ds, r] of results) {
    if (r.kind === 'done') {
      done.push(r.value);
      if (r.value.wouldReclaimBytes !== undefined)
        log.info(`Pruning ${ds} would reclaim ${sized(r.value.wouldReclaimBytes)}`);
    } else if (r.kind === 'failed') {
      failures.push(r.error);
      log.error(`Failed to prune ${ds}: ${messageOf(r.error)}`);
    } else log.warn(`Skipped pruning ${ds} (an ancestor failed)`);
  }
  log.info(summary(listing, targets.length, done, failures.length));
  return { failures };
}

/** `98304 bytes (96 KiB)`: exact for scripts, readable for people. */
const sized = (n: number) => `${n} bytes (${humanBytes(n)})`;

function summary(
  listing: PairListing,
  datasets: number,
  done: readonly PruneOutcome[],
  failed: number,
): string {
  const sum = (f: (o: PruneOutcome) => number) => done.reduce((n, o) => n + f(o), 0);
  const simulated = done.some((o) => o.wouldReclaimBytes !== undefined);
  const total = simulated ? `; would reclaim ${sized(sum((o) => o.wouldReclaimBytes ?? 0))} in total` : '';
  return (
    `Pruning done: ${endpointLabel(listing.pair.dst)}: ${simulated ? 'would delete' : 'deleted'} ` +
    `${sum((o) => o.deleted)} in ${datasets} dataset(s), kept ${sum((o) => o.skipped)} by the safety rules; ` +
    `${failed} failed${total}`
  );
}
