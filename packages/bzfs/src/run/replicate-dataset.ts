import { CommandFailedError } from '../exec/runner.js';
import { BzfsError, ConflictError } from '../model/errors.js';
import type { SnapshotRef } from '../model/snapshot.js';
import { planNoSourceSnapshots } from '../plan/no-source-snapshots.js';
import type { DatasetOutcome } from '../plan/skip-children.js';
import { planStepRuns } from '../plan/step-runs.js';
import { isModifiedSinceSnapshot, isStaleResumeState } from '../zfs/stderr.js';
import { describeConflict, describeNoSourceSnapshotsConflict } from '../plan/conflict-message.js';
import { forceInEffect, type TaskContext } from './context.js';
import { abortPartialReceive, createBookmarks, runPreActions, runSendSteps } from './dataset-actions.js';
import type { DstPresence } from './dst-presence.js';
import { ensureDstParents } from './dst-parents.js';
import type { ListedPair } from './batched-listing.js';
import { planFromLiveState, type LivePlan } from './live-plan.js';

/**
 * Makes one destination dataset converge to its source dataset: read both sides, plan, then run
 * the plan. Called again from scratch on a retry, since send/receive is not idempotent.
 * `presence`, when given, learns which destination datasets this run created. `first`: the pair's batched
 * listing of this dataset, for the first plan only (a re-plan lists fresh), and whom to tell when that plan
 * found both sides in sync with nothing to do (--cache-snapshots).
 */
export async function replicateDataset(
  ctx: TaskContext,
  srcDs: string,
  dstDs: string,
  presence?: DstPresence,
  first?: FirstListing,
): Promise<DatasetOutcome> {
  // Each way back to planning is taken at most once, so this loop ends.
  let replanned = false;
  let clearedStale = false;
  let listing = first?.listed;
  for (;;) {
    const prefetched = await listing;
    listing = undefined;
    const live = await planFromLiveState(ctx, srcDs, dstDs, prefetched);
    if (live === 'src-vanished') {
      ctx.log.warn(`Source dataset ${srcDs} disappeared while running; skipping it`);
      return 'skipped-src-vanished';
    }
    try {
      const outcome = await execute(ctx, live, srcDs, dstDs, !replanned, presence);
      const inSync = live.plan.kind === 'up-to-date' && live.plan.preActions.length === 0;
      if (inSync && prefetched !== undefined) first?.inSync?.(prefetched);
      if (outcome !== 'replan') return outcome;
      replanned = true;
    } catch (e) {
      // A stale partial receive blocks every receive: clear it once and re-plan at once. If the
      // clearing was only announced (--dryrun=recv), the receive would fail the same way again.
      if (!clearedStale && e instanceof CommandFailedError && isStaleResumeState(e.stderr)) {
        ctx.log.warn(
          `Clearing stale partial receive state of ${dstDs}: ${e.stderr.trim().split('\n')[0] ?? ''}`,
        );
        clearedStale = true;
        if (await abortPartialReceive(ctx, dstDs, presence)) continue;
        throw e;
      }
      if (e instanceof CommandFailedError && isModifiedSinceSnapshot(e.stderr)) {
        throw new BzfsError(
          `${e.message}\nThe destination ${dstDs} was changed after its newest snapshot; ` +
            `--force-rollback-to-latest-snapshot discards those changes.`,
          { cause: e },
        );
      }
      throw e;
    }
  }
}

async function execute(
  ctx: TaskContext,
  { plan, src, dst }: LivePlan,
  srcDs: string,
  dstDs: string,
  mayReplan: boolean,
  presence: DstPresence | undefined,
): Promise<DatasetOutcome | 'replan'> {
  switch (plan.kind) {
    case 'no-source-snapshots':
      return noSourceSnapshots(ctx, srcDs, dstDs, dst);
    case 'conflict':
      throw new ConflictError(
        describeConflict(plan.conflict, srcDs, dstDs, ctx.cfg.force.once && ctx.force.used),
      );
    case 'up-to-date':
      await runPreActions(ctx, plan.preActions, dstDs, presence);
      ctx.recorder.converged(dstDs, plan.latestCommon);
      ctx.log.info(
        `Already up-to-date: ${dstDs}` +
          (plan.latestCommon
            ? ` (latest common snapshot ${plan.latestCommon.name})`
            : ' (the source has only bookmarks)'),
      );
      return 'up-to-date';
    case 'send': {
      const aborted = await runPreActions(ctx, plan.preActions, dstDs, presence);
      // Aborting the partial receive of a destination without snapshots changes what it holds: a
      // dataset the interrupted receive created vanishes, an existing one shows only its own data
      // again, which must not be overwritten without --force. Decide on fresh state.
      if (aborted && dst?.length === 0 && mayReplan) return 'replan';
      // Below a --skip-missing-snapshots=continue dataset the parent may not exist yet.
      await ensureDstParents(ctx, dstDs, presence);
      const runs = planStepRuns(plan.steps, plan.preActions, {
        dryrun: ctx.cfg.run.dryrun,
        resumeRecv: ctx.cfg.replication.resumeRecv,
        parentOnlySimulated: ctx.simulated.has(parentOf(dstDs)),
      });
      const landed = await runSendSteps(ctx, plan.steps, runs, dstDs, presence);
      if (dst === undefined && !landed) ctx.simulated.add(dstDs);
      // What the destination shares with the source now: the last step's snapshot once it landed.
      ctx.recorder.converged(dstDs, landed ? plan.steps.at(-1)?.to : plan.latestCommon);
      await createBookmarks(ctx, plan.steps, src);
      ctx.stats.datasetsReplicated++;
      return 'replicated';
    }
  }
}

/** The pair's batched listing of a dataset and who learns that its first plan found both sides in sync. */
interface FirstListing {
  readonly listed: Promise<ListedPair | undefined>;
  readonly inSync?: (listed: ListedPair) => void;
}

const parentOf = (ds: string) => ds.slice(0, Math.max(0, ds.lastIndexOf('/')));

/** Carries out what --skip-missing-snapshots decided (plan/no-source-snapshots.ts). */
async function noSourceSnapshots(
  ctx: TaskContext,
  srcDs: string,
  dstDs: string,
  dstSnaps: readonly SnapshotRef[] | undefined,
): Promise<DatasetOutcome> {
  const msg = `Source dataset ${srcDs} has no selected snapshot`;
  const p = planNoSourceSnapshots(
    ctx.cfg.replication.skipMissingSnapshots,
    dstSnaps,
    forceInEffect(ctx).destroyAllIfNoCommon,
  );
  switch (p.kind) {
    case 'fail':
      throw new BzfsError(`${msg} (--skip-missing-snapshots=fail)`);
    case 'skip':
      ctx.log.warn(`${msg}; skipping it`);
      return 'skipped-no-snapshots';
    case 'conflict':
      throw new ConflictError(describeNoSourceSnapshotsConflict(srcDs, dstDs, p.dstSnapshots.length));
    case 'continue':
      if (p.destroy.length > 0)
        await runPreActions(ctx, [{ kind: 'destroy-snapshots', snapshots: p.destroy }], dstDs);
      ctx.log.warn(`${msg}; continuing with its descendants (--skip-missing-snapshots=continue)`);
      return 'continued-no-snapshots';
  }
}
