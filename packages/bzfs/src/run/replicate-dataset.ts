import { ConflictError, BzfsError } from '../model/errors.js';
import { compareByTxg, fullName, type SnapshotRef } from '../model/snapshot.js';
import { CommandFailedError } from '../exec/runner.js';
import { planDataset } from '../plan/replication-plan.js';
import type { DatasetPlan, PreAction, SendStep } from '../plan/types.js';
import { snapshotSelector } from '../filters/snapshot-filter.js';
import { recvOpts, resumeSendOpts, sendOpts, zfsCmd } from '../zfs/commands.js';
import { isModifiedSinceSnapshot, isStaleResumeState } from '../zfs/stderr.js';
import { createBookmarks } from './bookmarks.js';
import { describeConflict } from './conflict-message.js';
import { forceInEffect, mutate, type TaskContext } from './context.js';

export type DatasetOutcome = 'replicated' | 'up-to-date' | 'skipped-no-snapshots' | 'skipped-src-vanished';

/**
 * Makes one destination dataset converge to its source dataset: read both sides, plan, then run
 * the plan. Called again from scratch on a retry, since send/receive is not idempotent.
 */
export async function replicateDataset(
  ctx: TaskContext,
  srcDs: string,
  dstDs: string,
): Promise<DatasetOutcome> {
  // Each way back to planning is taken at most once, so this loop ends.
  let replanned = false;
  let clearedStale = false;
  for (;;) {
    const live = await planFromLiveState(ctx, srcDs, dstDs);
    if (live === 'src-vanished') {
      ctx.log.warn(`Source dataset ${srcDs} disappeared while running; skipping it`);
      return 'skipped-src-vanished';
    }
    try {
      const outcome = await execute(ctx, live, srcDs, dstDs, !replanned);
      if (outcome !== 'replan') return outcome;
      replanned = true;
    } catch (e) {
      // A stale partial receive blocks every receive: clear it once and re-plan at once.
      if (
        !clearedStale &&
        e instanceof CommandFailedError &&
        isStaleResumeState(e.stderr) &&
        ctx.cfg.run.dryrun === undefined
      ) {
        ctx.log.warn(
          `Clearing stale partial receive state of ${dstDs}: ${e.stderr.trim().split('\n')[0] ?? ''}`,
        );
        clearedStale = true;
        await mutate(ctx, ctx.dst, zfsCmd.receiveAbort(dstDs));
        continue;
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

interface LivePlan {
  readonly plan: DatasetPlan;
  /** The source's snapshots and bookmarks as listed for this plan, oldest first. */
  readonly src: readonly SnapshotRef[];
  /** The destination's snapshots; undefined when the destination does not exist. */
  readonly dst: readonly SnapshotRef[] | undefined;
}

async function planFromLiveState(
  ctx: TaskContext,
  srcDs: string,
  dstDs: string,
): Promise<LivePlan | 'src-vanished'> {
  const { cfg } = ctx;
  const [srcSnaps, dstAll] = await Promise.all([ctx.src.listSnapshots(srcDs), ctx.dst.listSnapshots(dstDs)]);
  if (srcSnaps === undefined) return 'src-vanished';
  const resume =
    cfg.replication.resumeRecv && dstAll !== undefined ? await ctx.dst.resumeState(dstDs) : undefined;
  const dst = dstAll?.filter((s) => s.kind === 'snapshot');
  // Only a destination without snapshots can be overwritten by a full receive: ask what it holds.
  const dstContents = dst?.length === 0 ? await ctx.dst.contents(dstDs) : undefined;
  const plan = planDataset({
    src: srcSnaps,
    dst,
    isSelected: snapshotSelector(cfg.selection.includeSnapshotRegex, cfg.selection.excludeSnapshotRegex),
    ...(resume ? { resume } : {}),
    ...(dstContents ? { dstContents } : {}),
    options: {
      noStream: cfg.replication.noStream,
      useBookmarks: cfg.replication.useBookmarks,
      force: forceInEffect(ctx),
    },
  });
  return { plan, src: [...srcSnaps].sort(compareByTxg), dst };
}

async function execute(
  ctx: TaskContext,
  { plan, src, dst }: LivePlan,
  srcDs: string,
  dstDs: string,
  mayReplan: boolean,
): Promise<DatasetOutcome | 'replan'> {
  switch (plan.kind) {
    case 'no-source-snapshots':
      return noSourceSnapshots(ctx, srcDs, dstDs, dst);
    case 'conflict':
      throw new ConflictError(
        describeConflict(plan.conflict, srcDs, dstDs, ctx.cfg.force.once && ctx.force.used),
      );
    case 'up-to-date':
      await runPreActions(ctx, plan.preActions, dstDs);
      ctx.log.info(`Already up-to-date: ${dstDs} (latest common snapshot ${plan.latestCommon.name})`);
      return 'up-to-date';
    case 'send': {
      const aborted = await runPreActions(ctx, plan.preActions, dstDs);
      // Aborting the partial receive of a destination without snapshots changes what it holds: a
      // dataset the interrupted receive created vanishes, an existing one shows only its own data
      // again, which must not be overwritten without --force. Decide on fresh state.
      if (aborted && dst?.length === 0 && mayReplan) return 'replan';
      // A skipped pre-action, or a parent that exists only in this dry run, leaves a destination
      // that real ZFS would not receive into.
      const unprepared =
        plan.preActions.some((a) => a.kind !== 'overwrite-contents') || ctx.simulated.has(parentOf(dstDs));
      let received = false;
      for (const [i, step] of plan.steps.entries()) {
        received = (await runStep(ctx, step, dstDs, simulatedOnly(ctx, unprepared, i))) || received;
      }
      if (dst === undefined && !received) ctx.simulated.add(dstDs);
      await createBookmarks(ctx, plan.steps, src);
      ctx.stats.datasetsReplicated++;
      return 'replicated';
    }
  }
}

const parentOf = (ds: string) => ds.slice(0, Math.max(0, ds.lastIndexOf('/')));

/**
 * --skip-missing-snapshots: fail; skip the dataset (default); or continue: the destination keeps
 * no snapshot the source does not select (destroyed with --force, else refused) and exists,
 * empty, so that the dataset's descendants can still be replicated below it.
 */
async function noSourceSnapshots(
  ctx: TaskContext,
  srcDs: string,
  dstDs: string,
  dstSnaps: readonly SnapshotRef[] | undefined,
): Promise<DatasetOutcome> {
  const msg = `Source dataset ${srcDs} has no selected snapshot`;
  const mode = ctx.cfg.replication.skipMissingSnapshots;
  if (mode === 'fail') throw new BzfsError(`${msg} (--skip-missing-snapshots=fail)`);
  if (mode === 'dataset') {
    ctx.log.warn(`${msg}; skipping it`);
    return 'skipped-no-snapshots';
  }
  if (dstSnaps !== undefined && dstSnaps.length > 0) {
    if (!forceInEffect(ctx).destroyAllIfNoCommon) {
      throw new ConflictError(
        `Conflict: ${msg} but destination ${dstDs} has ${dstSnaps.length} snapshot(s); ` +
          `with --skip-missing-snapshots=continue, --force destroys them.`,
      );
    }
    await runPreActions(ctx, [{ kind: 'destroy-snapshots', snapshots: dstSnaps }], dstDs);
  }
  if (dstSnaps === undefined && !(await mutate(ctx, ctx.dst, zfsCmd.createUnmounted(dstDs))))
    ctx.simulated.add(dstDs);
  ctx.log.warn(`${msg}; continuing with its descendants (--skip-missing-snapshots=continue)`);
  return 'skipped-no-snapshots';
}

/** Runs the plan's destination changes; returns whether partial receive state was really aborted. */
async function runPreActions(
  ctx: TaskContext,
  actions: readonly PreAction[],
  dstDs: string,
): Promise<boolean> {
  const o = { dependents: ctx.cfg.force.destroyDependents, unmount: ctx.cfg.force.unmount };
  let aborted = false;
  for (const a of actions) {
    switch (a.kind) {
      case 'abort-resume':
        ctx.log.warn(`Discarding partial receive state of ${dstDs}: ${a.reason}`);
        aborted = await mutate(ctx, ctx.dst, zfsCmd.receiveAbort(dstDs));
        break;
      case 'rollback':
        ctx.force.used = true;
        await mutate(ctx, ctx.dst, zfsCmd.rollback(fullName(a.to), { destroyNewer: a.destroyNewer, ...o }));
        break;
      case 'overwrite-contents':
        // Nothing to run: the full receive's -F does it. It is a forced change all the same.
        ctx.force.used = true;
        ctx.log.warn(
          `Overwriting ${dstDs}, which has no snapshots but holds data, with a full receive (--force)`,
        );
        break;
      case 'destroy-snapshots':
        ctx.force.used = true;
        if (a.snapshots.length === 0) break;
        await mutate(
          ctx,
          ctx.dst,
          zfsCmd.destroySnapshots(
            dstDs,
            a.snapshots.map((s) => s.name),
            o,
          ),
        );
        break;
    }
  }
  return aborted;
}

/**
 * Whether step i only gets logged. Under --dryrun=recv data really travels into `zfs receive -n`,
 * which changes nothing: so only the first step can run, and none if the destination is
 * `unprepared` (a skipped rollback or destroy, or a parent that was only announced), since real
 * ZFS would refuse the receive.
 */
function simulatedOnly(ctx: TaskContext, unprepared: boolean, i: number): boolean {
  if (ctx.cfg.run.dryrun === 'send') return true;
  return ctx.cfg.run.dryrun === 'recv' && (unprepared || i > 0);
}

/** Runs (or only logs) one send step; returns whether data really landed on the destination. */
async function runStep(ctx: TaskContext, step: SendStep, dstDs: string, logOnly: boolean): Promise<boolean> {
  const { cfg } = ctx;
  const verbose = cfg.run.verbose >= 2 ? ['-v'] : [];
  const send =
    step.kind === 'resume'
      ? zfsCmd.sendResume([...resumeSendOpts(cfg.replication.sendOpts), ...verbose], step.token)
      : zfsCmd.send(
          [...sendOpts(cfg.replication.sendOpts), ...verbose],
          step.kind === 'incremental' ? { flag: step.flag, name: fullName(step.from) } : undefined,
          fullName(step.to),
        );
  const recvExtra = [
    ...recvOpts(cfg.replication.recvOpts),
    ...verbose,
    ...(cfg.run.dryrun === 'recv' ? ['-n'] : []),
  ];
  const recv = zfsCmd.receive(
    recvExtra,
    { resumable: cfg.replication.resumeRecv && cfg.run.dryrun === undefined, force: step.kind === 'full' },
    dstDs,
  );
  const pipeline = { stages: [ctx.src.command(send), ctx.dst.command(recv)] };
  const line = ctx.render(pipeline);
  const what =
    step.kind === 'incremental'
      ? `${step.flag} ${step.from.name} → ${step.to.name}`
      : `${step.kind} → ${step.to.name}`;
  if (logOnly) {
    ctx.log.info(`Would execute (${what}): ${line}`);
    return false;
  }
  ctx.log.info(`Executing (${what}): ${line}`);
  await ctx.runner.runPipeline(pipeline, { signal: ctx.signal });
  ctx.stats.stepsSent += 1;
  return cfg.run.dryrun !== 'recv';
}
