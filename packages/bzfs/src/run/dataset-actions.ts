import { fullName, type SnapshotRef } from '../model/snapshot.js';
import { bookmarksToCreate } from '../plan/bookmarks.js';
import { isForcedChange } from '../plan/forced.js';
import type { StepRunPlan } from '../plan/step-runs.js';
import type { PreAction, SendStep } from '../plan/types.js';
import { zfsCmd, type ZfsArgv } from '../zfs/commands.js';
import { parseSendSize } from '../zfs/parse-send-size.js';
import { recvOpts, resumeSendOpts, sendOpts } from '../zfs/managed-opts.js';
import { isBookmarkExists } from '../zfs/stderr.js';
import {
  BOOKMARKS_PER_PROGRAM,
  bookmarkProgram,
  confirmedBookmarks,
  withScriptOnStdin,
} from '../zfs/bookmark-program.js';
import pLimit from 'p-limit';
import { mutate, type TaskContext } from './context.js';
import type { DstPresence } from './dst-presence.js';
import { pipelineWanted, transferPipeline } from './transfer.js';

/**
 * The executors of one dataset's plan: they carry out what the planners decided, nothing more.
 * Whether a command really runs or is only announced is the runner's business (dry-run-runner.ts).
 */

/** Runs the plan's destination changes; returns whether partial receive state was really aborted. */
export async function runPreActions(
  ctx: TaskContext,
  actions: readonly PreAction[],
  dstDs: string,
  presence?: DstPresence,
): Promise<boolean> {
  const o = { dependents: ctx.cfg.force.destroyDependents, unmount: ctx.cfg.force.unmount };
  let aborted = false;
  for (const a of actions) {
    // Counted when reached, even if the command then fails: it may have done part of its work.
    if (isForcedChange(a)) ctx.force.used = true;
    switch (a.kind) {
      case 'abort-resume':
        ctx.log.warn(`Discarding partial receive state of ${dstDs}: ${a.reason}`);
        aborted = await abortPartialReceive(ctx, dstDs, presence);
        break;
      case 'rollback':
        await mutate(ctx, ctx.dst, zfsCmd.rollback(fullName(a.to), { destroyNewer: a.destroyNewer, ...o }));
        break;
      case 'overwrite-contents':
        // Nothing to run: the full receive's -F does it. It is a forced change all the same.
        ctx.log.warn(
          `Overwriting ${dstDs}, which has no snapshots but holds data, with a full receive (--force)`,
        );
        break;
      case 'destroy-snapshots': {
        if (a.snapshots.length === 0) break;
        const names = a.snapshots.map((s) => s.name);
        await mutate(ctx, ctx.dst, zfsCmd.destroySnapshots(dstDs, names, o));
        break;
      }
    }
  }
  return aborted;
}

/** `zfs receive -A`; returns whether it really ran. A dataset only an interrupted receive had made vanishes. */
export async function abortPartialReceive(
  ctx: TaskContext,
  dstDs: string,
  presence?: DstPresence,
): Promise<boolean> {
  const ran = await mutate(ctx, ctx.dst, zfsCmd.receiveAbort(dstDs));
  if (ran) presence?.uncertain(dstDs);
  return ran;
}

/**
 * Runs (or, as the plan says, only announces) the send steps in order; returns whether data
 * really landed on the destination.
 */
export async function runSendSteps(
  ctx: TaskContext,
  steps: readonly SendStep[],
  runs: StepRunPlan,
  dstDs: string,
  presence?: DstPresence,
): Promise<boolean> {
  let landed = false;
  for (const [i, step] of steps.entries()) {
    landed = (await runStep(ctx, step, runs, i, dstDs, presence)) || landed;
  }
  return landed;
}

async function runStep(
  ctx: TaskContext,
  step: SendStep,
  runs: StepRunPlan,
  i: number,
  dstDs: string,
  presence: DstPresence | undefined,
): Promise<boolean> {
  const { run, replication } = ctx.cfg;
  const verbose = run.verbose >= 2 ? ['-v'] : [];
  const send =
    step.kind === 'resume'
      ? zfsCmd.sendResume([...resumeSendOpts(replication.sendOpts), ...verbose], step.token)
      : zfsCmd.send(
          [...sendOpts(replication.sendOpts), ...verbose],
          step.kind === 'incremental' ? { flag: step.flag, name: fullName(step.from) } : undefined,
          fullName(step.to),
        );
  const recv = zfsCmd.receive(
    [...recvOpts(replication.recvOpts), ...verbose],
    { ...runs.receive, force: step.kind === 'full' },
    dstDs,
  );
  const what =
    step.kind === 'incremental'
      ? `${step.flag} ${step.from.name} → ${step.to.name}`
      : `${step.kind} → ${step.to.name}`;
  const sendCmd = ctx.src.command(send);
  const recvCmd = ctx.dst.command(recv);
  const announceOnly = runs.announceOnly[i] === true;
  // Only a run that really sends has a size to report.
  const report = run.runReportFile !== undefined && run.dryrun === undefined && !announceOnly;
  // One estimate serves the report, the pipeline's choice of helpers and pv's --size; none when nobody reads it.
  const estimate =
    !announceOnly && ctx.cfg.transfer.estimateSendSize && (report || pipelineWanted(ctx))
      ? await estimateSendBytes(ctx, send)
      : undefined;
  // Without an estimate (--no-estimate-send-size, or zfs gave none) the report says 0 bytes and the run summary
  // "sizes not estimated"; with one, both count it, whether or not a report was asked for.
  if (estimate !== undefined) ctx.recorder.sent(dstDs, estimate);
  // A step that is only announced runs nothing: no helpers to ask for.
  const pipeline = announceOnly
    ? { stages: [sendCmd, recvCmd] }
    : await transferPipeline(ctx, sendCmd, recvCmd, estimate);
  let r;
  try {
    r = await ctx.runner.runPipeline(pipeline, {
      signal: ctx.signal,
      what,
      ...(announceOnly ? { announceOnly: true } : {}),
    });
  } catch (e) {
    // A receive that failed half-way may have left a partially received dataset behind.
    if (recv.changesState) presence?.uncertain(dstDs);
    throw e;
  }
  if (r.simulated === true) return false;
  ctx.stats.stepsSent += 1;
  ctx.recorder.stepDone(dstDs);
  if (!recv.changesState) return false;
  presence?.created(dstDs);
  return true;
}

/**
 * The size of the stream `send` will write, by `zfs send -nvP` (the stream runs from one process to the next
 * through a kernel pipe, never through bzfs, so nothing here could count it): an estimate, which is also what
 * the original shows for progress. A failed estimate costs the report its figure (0) and pv its --size, not the
 * replication; the pipeline is then built as for a large stream.
 */
async function estimateSendBytes(ctx: TaskContext, send: ZfsArgv): Promise<number | undefined> {
  const cmd = ctx.src.command(zfsCmd.sendSizeEstimate(send));
  const r = await ctx.runner.run(cmd, { signal: ctx.signal, allowFailure: true });
  const bytes = r.exitCode === 0 ? parseSendSize(`${r.stdout}\n${r.stderr}`) : undefined;
  if (bytes === undefined) ctx.log.debug(`No size estimate: ${ctx.render({ stages: [cmd] })}`);
  return bytes;
}

/**
 * Creates the bookmarks the planner chose. A bookmark a concurrent run (another destination of
 * the same source) has just made is no error. Several go in one channel program per pool where the
 * source may run one (root, or zfs under sudo); what it did not confirm, and everything elsewhere,
 * goes in single `zfs bookmark` commands, a few at a time: they are independent of each other.
 */
export async function createBookmarks(
  ctx: TaskContext,
  steps: readonly SendStep[],
  src: readonly SnapshotRef[],
): Promise<void> {
  let todo = bookmarksToCreate(steps, src, ctx.cfg.replication.createBookmarks).map(
    (snap) => [fullName(snap), fullName({ ...snap, kind: 'bookmark' })] as const,
  );
  const mayRunProgram = ctx.src.side.sudo || !ctx.cfg.noPrivilegeElevation;
  if (todo.length > 1 && mayRunProgram) {
    for (let i = 0; i < todo.length; i += BOOKMARKS_PER_PROGRAM) {
      const chunk = todo.slice(i, i + BOOKMARKS_PER_PROGRAM);
      const done = await bookmarkInOneProgram(ctx, chunk);
      todo = todo.filter(([, bookmark]) => !done.has(bookmark));
    }
  }
  const limit = pLimit(BOOKMARK_PARALLELISM);
  const results = await Promise.allSettled(
    todo.map(([snap, bookmark]) =>
      limit(() => mutate(ctx, ctx.src, zfsCmd.bookmark(snap, bookmark), isBookmarkExists)),
    ),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

/** Single `zfs bookmark` commands at once: each is one small txg of its own. */
const BOOKMARK_PARALLELISM = 4;

/** The bookmarks one `zfs program` made (or found made); under --dryrun, all of them (only announced). */
async function bookmarkInOneProgram(
  ctx: TaskContext,
  pairs: readonly (readonly [string, string])[],
): Promise<Set<string>> {
  const pool = pairs[0]![0].split('/')[0]!;
  const cmd = withScriptOnStdin(ctx.src.command(bookmarkProgram(pool, pairs)));
  const r = await ctx.runner.run(cmd, {
    signal: ctx.signal,
    allowFailure: true,
    what: `${pairs.length} bookmarks in one channel program`,
  });
  if (r.simulated === true) return new Set(pairs.map(([, bookmark]) => bookmark));
  const done = r.exitCode === 0 ? confirmedBookmarks(r.stdout) : new Set<string>();
  if (done.size < pairs.length)
    ctx.log.debug(
      `zfs program confirmed ${done.size} of ${pairs.length} bookmarks (exit ${r.exitCode}): ` +
        `${r.stderr.trim().split('\n').slice(-2).join(' ')}; making the rest one by one`,
    );
  return done;
}
