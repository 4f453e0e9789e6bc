import { CommandFailedError } from '../exec/runner.js';
import { isRetryableFailure } from '../exec/retryable.js';
import type { FilterGroup } from '../filters/filter-groups.js';
import { fullName } from '../model/snapshot.js';
import { retentionInput } from '../plan/retention/dataset-input.js';
import { destroyBatches } from '../plan/retention/destroy-batches.js';
import { planRetention } from '../plan/retention/retention-plan.js';
import type { PruneTarget } from '../plan/retention/targets.js';
import type { RetentionPlan } from '../plan/retention/types.js';
import { zfsCmd } from '../zfs/commands.js';
import { parseDestroyDryRun } from '../zfs/parse-destroy.js';
import { isAlreadyDestroyed } from '../zfs/stderr.js';
import { mutate, type TaskContext } from './context.js';

/** What pruning one dataset did (or, under --dryrun, would do). */
export interface PruneOutcome {
  readonly deleted: number;
  /** Kept by a safety rule although the user's rules delete them (held, the latest common snapshot). */
  readonly skipped: number;
  /** Set when the destroys were only announced: the space `zfs destroy -n -v -p` says they would free. */
  readonly wouldReclaimBytes: number | undefined;
}

/** The retention plan of one target against the live state (read-only: two listings). */
export async function planTarget(
  ctx: TaskContext,
  t: PruneTarget,
  groups: readonly FilterGroup[],
  nowMs: number,
): Promise<RetentionPlan | undefined> {
  const settings = ctx.cfg.retention!;
  const [dst, src] = await Promise.all([
    ctx.dst.listPruneCandidates(t.dst, settings.kind),
    t.src === undefined ? Promise.resolve('dummy' as const) : ctx.src.listSnapshots(t.src),
  ]);
  // Gone since the tree was listed: nothing left to prune.
  if (dst === undefined) return undefined;
  const useBookmarks = ctx.cfg.replication.useBookmarks;
  return planRetention(retentionInput({ settings, dst, src: src ?? [], groups, nowMs, useBookmarks }));
}

/**
 * Prunes one destination dataset: plans from fresh listings (so a retry after a partial failure re-plans what is
 * left), then destroys oldest first, snapshots in `zfs destroy ds@a,b,c` batches within the command-line limit,
 * bookmarks one per command. A batch that finds nothing left to destroy is not an error. When the runner only
 * announces the destroys (--dryrun), `zfs destroy -n -v -p` says what each batch would free.
 */
export async function pruneDataset(
  ctx: TaskContext,
  t: PruneTarget,
  groups: readonly FilterGroup[],
  nowMs: number,
): Promise<PruneOutcome> {
  const plan = await planTarget(ctx, t, groups, nowMs);
  if (plan === undefined) {
    ctx.log.warn(`Not pruning ${t.dst}: it no longer exists`);
    return { deleted: 0, skipped: 0, wouldReclaimBytes: undefined };
  }
  logSafety(ctx, plan);
  const skipped = plan.decisions.filter((d) => d.verdict === 'skip').length;
  if (plan.toDelete.length === 0) return { deleted: 0, skipped, wouldReclaimBytes: undefined };
  const noun = plan.kind === 'snapshot' ? 'snapshot(s)' : 'bookmark(s)';
  ctx.log.info(
    `Deleting ${plan.toDelete.length} ${noun} of ${t.dst}: ${plan.toDelete.map((e) => e.name).join(', ')}`,
  );
  if (plan.kind === 'bookmark') {
    let simulated = false;
    for (const b of plan.toDelete)
      simulated = !(await mutate(ctx, ctx.dst, zfsCmd.destroyBookmark(t.dst, b.name), isAlreadyDestroyed));
    // A bookmark holds no blocks: destroying it frees nothing.
    return { deleted: plan.toDelete.length, skipped, wouldReclaimBytes: simulated ? 0 : undefined };
  }
  const dependents = ctx.cfg.force.destroyDependents;
  const destroy = (names: readonly string[]) =>
    zfsCmd.destroySnapshots(t.dst, names, { dependents, unmount: false });
  const prefix = [ctx.render({ stages: [ctx.dst.command(destroy(['']))] })];
  let wouldReclaim: number | undefined;
  for (const batch of destroyBatches(t.dst, plan.toDelete, { prefix, oses: [undefined] })) {
    if (await mutate(ctx, ctx.dst, destroy(batch), isAlreadyDestroyed)) continue;
    wouldReclaim = (wouldReclaim ?? 0) + (await reclaimable(ctx, t.dst, batch));
  }
  return { deleted: plan.toDelete.length, skipped, wouldReclaimBytes: wouldReclaim };
}

/** `zfs destroy -n -v -p`: changes nothing, so it runs under --dryrun too. */
async function reclaimable(ctx: TaskContext, ds: string, batch: readonly string[]): Promise<number> {
  const z = zfsCmd.destroySnapshotsDryRun(ds, batch, { dependents: ctx.cfg.force.destroyDependents });
  const cmd = ctx.dst.command(z);
  const r = await ctx.runner.run(cmd, { signal: ctx.signal, allowFailure: true });
  if (r.exitCode === 0) return parseDestroyDryRun(r.stdout).reclaimBytes;
  if (isAlreadyDestroyed(r.stderr)) return 0;
  const line = ctx.render({ stages: [cmd] });
  throw new CommandFailedError(line, r.exitCode, r.stderr, isRetryableFailure(r.exitCode, r.stderr));
}

function logSafety(ctx: TaskContext, plan: RetentionPlan): void {
  for (const d of plan.decisions) {
    if (d.safety === 'held')
      ctx.log.warn(
        `Not deleting ${fullName(d.entry)}: it is held (${d.entry.userrefs} zfs hold(s); \`zfs holds\` lists them)`,
      );
  }
  for (const w of plan.warnings) ctx.log.warn(w);
}
