import { messageOf } from '../model/errors.js';
import type { DatasetDeletionPlan, TreeDestroy } from '../plan/delete-datasets/types.js';
import { zfsCmd } from '../zfs/commands.js';
import { isDatasetMissing } from '../zfs/stderr.js';
import { mutate, type TaskContext } from './context.js';
import { endpointLabel } from './endpoint-label.js';
import type { PairListing } from './pair-task.js';
import { withRetries } from './retry.js';

/**
 * Runs the plan's `zfs destroy -r`, one tree after another in name order, each logged with the reason before it
 * runs (the runner logs the command). A tree already gone is not an error; a transient failure is retried (the
 * destroy goes on with whatever is left of the tree). When the runner only announces the destroy (--dryrun),
 * `zfs destroy -n -v -p -r` says what it would remove, and later tasks of the pair see the tree as gone.
 * Returns the failures; --skip-on-error=fail stops at the first.
 */
export async function destroyTrees(
  ctx: TaskContext,
  listing: PairListing,
  plan: DatasetDeletionPlan,
  o: { readonly option: string; readonly why: (d: TreeDestroy) => string },
): Promise<unknown[]> {
  const { cfg, log } = ctx;
  const flags = { dependents: cfg.force.destroyDependents, unmount: cfg.force.unmount };
  const failures: unknown[] = [];
  const done = { trees: 0, datasets: 0, simulated: false };
  for (const d of plan.decisions) {
    if (d.verdict === 'keep')
      log.debug(`Keeping ${d.dataset} (${o.option}): ${d.rule}${d.blockedBy ? ` (${d.blockedBy})` : ''}`);
  }
  for (const d of plan.destroys) {
    const more = d.datasets.length > 1 ? ` and its ${d.datasets.length - 1} descendant(s)` : '';
    log.info(`Deleting dataset ${d.dataset}${more} (${o.option}): ${o.why(d)}`);
    try {
      await withRetries(
        cfg.run.retry,
        log,
        `deleting ${d.dataset}`,
        async () => {
          if (await mutate(ctx, ctx.dst, zfsCmd.destroyTree(d.dataset, flags), isDatasetMissing)) {
            for (const ds of d.datasets) listing.dst.destroyed(ds);
            return;
          }
          done.simulated = true;
          ctx.announcedDestroys.add(d.dataset);
          const would = await ctx.dst.wouldDestroyTree(d.dataset, flags);
          if (would !== undefined) log.info(`Deleting ${d.dataset} would remove ${counted(would)}`);
        },
        ctx.signal,
      );
      done.trees++;
      done.datasets += d.datasets.length;
    } catch (e) {
      for (const ds of d.datasets) listing.dst.uncertain(ds);
      failures.push(e);
      log.error(`Failed to delete ${d.dataset} (${o.option}): ${messageOf(e)}`);
      if (cfg.skipOnError === 'fail') break;
    }
  }
  log.info(summary(listing, plan, o.option, done, failures.length));
  return failures;
}

/** `3 dataset(s) and 5 snapshot(s)`, from what `zfs destroy -n -v -p -r` names. */
function counted(names: readonly string[]): string {
  const snapshots = names.filter((n) => n.includes('@')).length;
  return `${names.length - snapshots} dataset(s) and ${snapshots} snapshot(s)`;
}

/** `... deleted 4 dataset(s) in 2 tree(s); kept 3 selected dataset(s) (on-source: 2, child-kept: 1); 0 failed`. */
function summary(
  listing: PairListing,
  plan: DatasetDeletionPlan,
  option: string,
  done: { readonly trees: number; readonly datasets: number; readonly simulated: boolean },
  failed: number,
): string {
  const rules = new Map<string, number>();
  for (const d of plan.decisions) if (d.verdict === 'keep') rules.set(d.rule, (rules.get(d.rule) ?? 0) + 1);
  const kept = [...rules.values()].reduce((n, c) => n + c, 0);
  const why = kept === 0 ? '' : ` (${[...rules].map(([r, c]) => `${r}: ${c}`).join(', ')})`;
  return (
    `${option} done: ${endpointLabel(listing.pair.dst)}: ${done.simulated ? 'would delete' : 'deleted'} ` +
    `${done.datasets} dataset(s) in ${done.trees} tree(s); kept ${kept} selected dataset(s)${why}; ${failed} failed`
  );
}
