import pLimit from 'p-limit';
import type { BzfsConfig } from '../config/types.js';
import type { ListedSnapshot } from '../plan/create/due.js';
import { batchLimit } from '../plan/batch.js';
import {
  describeCreation,
  snapshotCommands,
  type SnapshotCommand,
} from '../plan/create/creation-commands.js';
import {
  needsSnapshotListing,
  planSnapshotCreation,
  type CreationPlan,
} from '../plan/create/creation-plan.js';
import { selectedSourceDatasets } from '../plan/pair-replication.js';
import { zfsCmd } from '../zfs/commands.js';
import { mutate, type TaskContext } from './context.js';
import { registerTask } from './pair-task.js';
import { withRetries } from './retry.js';

/**
 * The create-src-snapshots task, first of a pair: the planner picks the source datasets the
 * dataset filters select; the executor lists their snapshots (only when some label's due-ness
 * depends on them), plans (plan/create/), logs every due decision with the next scheduled time,
 * and runs each command line.
 */
interface CreationTaskPlan {
  readonly datasets: readonly string[];
  /** The whole listed tree: what `zfs snapshot -r` would reach. */
  readonly allDatasets: readonly string[];
}

export const createSnapshotsTask = registerTask<CreationTaskPlan>({
  name: 'create-src-snapshots',
  enabled: (cfg) => cfg.create !== undefined,
  plan: (cfg, listing) => {
    const all = listing.src.map((d) => d.name);
    return {
      datasets: selectedSourceDatasets(listing.pair.src.dataset, all, cfg.selection),
      allDatasets: all,
    };
  },
  execute: async (plan, ctx) => {
    const creation = await planLive(plan, ctx);
    const docs = describeCreation(creation, scheduleOf(ctx));
    for (const l of docs) {
      for (const d of l.decisions) {
        const next = d.nextScheduled === null ? '' : `; next scheduled: ${d.nextScheduled}`;
        ctx.log.info(`${l.label} on ${d.dataset}: ${d.due ? 'due' : 'not due'} (${d.rule})${next}`);
      }
    }
    for (const cmd of snapshotCommands(creation, limitOf(ctx))) await createCarefully(ctx, cmd);
    return { failures: [] };
  },
  explain: async (plan, ctx) => {
    const creation = await planLive(plan, ctx);
    const labels = describeCreation(creation, scheduleOf(ctx));
    const commands = snapshotCommands(creation, limitOf(ctx)).map((c) => ({
      recursive: c.recursive,
      snapshots: c.datasets.map((ds) => `${ds}@${c.name}`),
    }));
    return { doc: { timestamp: creation.timestamp, labels, commands }, failed: false };
  },
});

const scheduleOf = (ctx: TaskContext) => {
  const c = settings(ctx.cfg);
  return { nowMs: ctx.nowMs, zone: c.zone, anchors: c.anchors };
};

function settings(cfg: BzfsConfig) {
  if (cfg.create === undefined) throw new Error('create-src-snapshots runs only with cfg.create');
  return cfg.create;
}

async function planLive(plan: CreationTaskPlan, ctx: TaskContext): Promise<CreationPlan> {
  const c = settings(ctx.cfg);
  const list = needsSnapshotListing(c.labels, c.evenIfNotDue);
  const limit = pLimit(ctx.cfg.run.threads);
  const datasets = await Promise.all(
    plan.datasets.map((dataset) =>
      limit(async () => ({ dataset, snapshots: list ? await snapshotsOf(ctx, dataset) : [] })),
    ),
  );
  return planSnapshotCreation({
    ...scheduleOf(ctx),
    labels: c.labels,
    datasets,
    allDatasets: plan.allDatasets,
    recursive: ctx.cfg.selection.recursive,
    timeFormat: c.timeFormat,
    evenIfNotDue: c.evenIfNotDue,
  });
}

async function snapshotsOf(ctx: TaskContext, dataset: string): Promise<ListedSnapshot[]> {
  const all = await ctx.src.listSnapshots(dataset);
  return (all ?? []).filter((s) => s.kind === 'snapshot');
}

/** The room for `ds@name` arguments after `[ssh ...] [sudo -n] zfs snapshot -r`; the OS is not probed (256 KiB). */
function limitOf(ctx: TaskContext) {
  const fixed = ctx.render({ stages: [ctx.src.command(zfsCmd.snapshot([], { recursive: true }))] });
  return batchLimit({ fixed: [fixed], oses: [undefined], separator: ' ' });
}

/**
 * `zfs snapshot` is not idempotent (a second one fails: the snapshot exists), so a transient failure
 * is retried only after listing what exists: the line may have run before the connection broke.
 * Only the missing snapshots are made again; a failure that is not transient fails at once.
 */
async function createCarefully(ctx: TaskContext, cmd: SnapshotCommand): Promise<void> {
  let attempt = 0;
  await withRetries(
    ctx.cfg.run.retry,
    ctx.log,
    `zfs snapshot ${cmd.name} on ${cmd.datasets.length} dataset(s)`,
    async () => {
      const todo = attempt++ === 0 ? cmd.datasets : await missing(ctx, cmd);
      if (todo.length === 0) return;
      const snapshots = todo.map((ds) => `${ds}@${cmd.name}`);
      if (await mutate(ctx, ctx.src, zfsCmd.snapshot(snapshots, { recursive: cmd.recursive }))) {
        const what = cmd.recursive ? ' (and their descendants)' : '';
        ctx.log.info(`Created ${snapshots.length} snapshot(s)${what}: ${snapshots.join(' ')}`);
      }
    },
    ctx.signal,
  );
}

/** The datasets of `cmd` that do not have its snapshot yet (a `-r` root that has it has it on its whole tree). */
async function missing(ctx: TaskContext, cmd: SnapshotCommand): Promise<string[]> {
  const out: string[] = [];
  for (const ds of cmd.datasets) {
    const snaps = await ctx.src.listSnapshots(ds);
    if (!(snaps ?? []).some((s) => s.kind === 'snapshot' && s.name === cmd.name)) out.push(ds);
  }
  if (out.length < cmd.datasets.length)
    ctx.log.info(
      `${cmd.datasets.length - out.length} of the snapshots ${cmd.name} exist already: not made again`,
    );
  return out;
}
