import type { BzfsConfig, DatasetPair, Endpoint } from '../config/types.js';
import type { CommandRunner, Pipeline } from '../exec/runner.js';
import { datasetSelector } from '../filters/dataset-filter.js';
import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import { BzfsError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { ZfsClient, type Side } from '../zfs/client.js';
import { zfsCmd } from '../zfs/commands.js';
import { mutate, type TaskContext } from './context.js';
import { replicateDataset, type DatasetOutcome } from './replicate-dataset.js';
import { withRetries } from './retry.js';
import { runTree, type NodeResult } from './tree.js';

export interface RunDeps {
  readonly runner: CommandRunner;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly render: (p: Pipeline) => string;
  /** Whether this process runs as root (no sudo needed locally). */
  readonly localIsRoot: boolean;
  readonly clock: Clock;
}

/** Runs every SRC DST pair in turn; returns the exit code. Errors of one pair don't stop the next. */
export async function runAll(cfg: BzfsConfig, deps: RunDeps): Promise<ExitCode> {
  const errors: unknown[] = [];
  // --force-once counts across all pairs of the run.
  const force = { used: false };
  for (const pair of cfg.pairs) {
    try {
      const failures = await runPair(cfg, pair, deps, force);
      errors.push(...failures);
      if (failures.length > 0 && cfg.skipOnError === 'fail') break;
    } catch (e) {
      errors.push(e);
      deps.log.error(message(e));
      if (cfg.skipOnError === 'fail') break;
    }
  }
  if (errors.length > 0) {
    deps.log.error(`Tolerated ${errors.length} error(s). First: ${message(errors[0]).split('\n')[0]}`);
    const first = errors[0];
    return first instanceof BzfsError ? first.exitCode : ExitCode.ERROR;
  }
  return ExitCode.OK;
}

async function runPair(
  cfg: BzfsConfig,
  pair: DatasetPair,
  deps: RunDeps,
  force: { used: boolean },
): Promise<unknown[]> {
  const [srcSide, dstSide] = await Promise.all([
    side('src', pair.src, cfg, deps),
    side('dst', pair.dst, cfg, deps),
  ]);
  const runOpts = () => ({ signal: deps.signal });
  const ctx: TaskContext = {
    cfg,
    src: new ZfsClient(srcSide, deps.runner, runOpts),
    dst: new ZfsClient(dstSide, deps.runner, runOpts),
    runner: deps.runner,
    log: deps.log,
    signal: deps.signal,
    render: deps.render,
    force,
    stats: { stepsSent: 0, datasetsReplicated: 0 },
    simulated: new Set(),
  };
  const srcRoot = pair.src.dataset;
  const dstRoot = pair.dst.dataset;
  deps.log.info(
    `Replicating ${describe(pair.src)} to ${describe(pair.dst)}${cfg.selection.recursive ? ' recursively' : ''}`,
  );
  if (cfg.replication.skip) return [];
  const srcDatasets = await ctx.src.listDatasets(srcRoot, cfg.selection.recursive);
  if (srcDatasets.length === 0) throw new BzfsError(`Source dataset does not exist: ${describe(pair.src)}`);
  const selected = datasetSelector(srcRoot, cfg.selection);
  const names = srcDatasets
    .map((d) => d.name)
    .filter((n) => selected(n) && !(cfg.selection.skipParent && cfg.selection.recursive && n === srcRoot));
  const dstOf = (n: string) => dstRoot + n.slice(srcRoot.length);
  // Each selected subtree's top needs its destination parents; receives create the rest.
  const selectedSet = new Set(names);
  const madeOrPlanned = new Set<string>();
  for (const top of names.filter((n) => !selectedSet.has(n.slice(0, n.lastIndexOf('/'))))) {
    await ensureDstAncestors(ctx, dstOf(top), madeOrPlanned);
  }

  // Every child of a dataset asks the same question about it: ask zfs once.
  const dstExistence = new Map<string, Promise<boolean>>();
  const dstExistsOnce = (ds: string) => {
    if (!dstExistence.has(ds)) dstExistence.set(ds, ctx.dst.exists(ds));
    return dstExistence.get(ds)!;
  };
  const started = deps.clock.now();
  const results = await runTree<DatasetOutcome>(
    names,
    cfg.run.threads,
    cfg.skipOnError,
    (n) =>
      withRetries(
        cfg.run.retry,
        deps.log,
        `replication of ${n}`,
        () => replicateDataset(ctx, n, dstOf(n)),
        deps.signal,
      ),
    (n, r) => skipChildren(cfg.skipOnError, r, () => dstExistsOnce(dstOf(n))),
  );
  const failures: unknown[] = [];
  for (const [n, r] of results) {
    if (r.kind === 'failed') {
      failures.push(r.error);
      deps.log.error(`Failed to replicate ${n}: ${message(r.error)}`);
    } else if (r.kind === 'skipped') deps.log.warn(`Skipped ${n} (an ancestor failed or was skipped)`);
  }
  deps.log.info(
    `Replication done: ${describe(pair.src)} → ${describe(pair.dst)}: ${ctx.stats.datasetsReplicated} of ${names.length} dataset(s) ` +
      `received ${ctx.stats.stepsSent} send step(s); ${failures.length} failed; took ${((deps.clock.now() - started) / 1000).toFixed(1)}s`,
  );
  return failures;
}

/** Children of a dataset that could not be replicated have nowhere to go unless its destination exists. */
async function skipChildren(
  policy: string,
  r: NodeResult<DatasetOutcome>,
  dstExists: () => Promise<boolean>,
): Promise<boolean> {
  if (r.kind === 'skipped') return true;
  if (r.kind === 'done') {
    if (r.value === 'skipped-src-vanished') return true;
    return r.value === 'skipped-no-snapshots' && !(await dstExists());
  }
  if (policy === 'tree' || policy === 'fail') return true;
  return !(await dstExists());
}

/**
 * Creates the missing ancestors of a destination dataset top-down, one `zfs create -u` each, so
 * none of them gets mounted. `madeOrPlanned` avoids creating (or, under --dryrun, announcing)
 * the same ancestor twice.
 */
async function ensureDstAncestors(ctx: TaskContext, dst: string, madeOrPlanned: Set<string>): Promise<void> {
  const parts = dst.split('/');
  const missing: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) {
    const ds = parts.slice(0, i).join('/');
    if (madeOrPlanned.has(ds) || (await ctx.dst.exists(ds))) break;
    missing.unshift(ds);
  }
  if (missing[0] !== undefined && !missing[0].includes('/')) {
    throw new BzfsError(
      `Destination pool ${missing[0]} does not exist on ${ctx.dst.side.place.ssh?.host ?? 'this host'}`,
    );
  }
  for (const ds of missing) {
    if (!(await mutate(ctx, ctx.dst, zfsCmd.createUnmounted(ds)))) ctx.simulated.add(ds);
    madeOrPlanned.add(ds);
  }
}

async function side(label: 'src' | 'dst', e: Endpoint, cfg: BzfsConfig, deps: RunDeps): Promise<Side> {
  const place = e.ssh ? { ssh: e.ssh } : {};
  if (cfg.noPrivilegeElevation) return { label, place, sudo: false };
  if (!e.ssh) return { label, place, sudo: !deps.localIsRoot };
  if (e.ssh.user === 'root') return { label, place, sudo: false };
  const r = await deps.runner.run({ place, argv: ['id', '-u'], changesState: false }, { signal: deps.signal });
  return { label, place, sudo: r.stdout.trim() !== '0' };
}

const describe = (e: Endpoint) =>
  e.ssh ? `${e.ssh.user ? `${e.ssh.user}@` : ''}${e.ssh.host}:${e.dataset}` : e.dataset;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
