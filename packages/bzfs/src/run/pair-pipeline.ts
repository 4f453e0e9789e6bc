import type { BzfsConfig, DatasetPair, Endpoint } from '../config/types.js';
import type { CommandRunner, Pipeline } from '../exec/runner.js';
import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import type { ReportFiles } from '../infra/report-files.js';
import { isDummy } from '../model/dummy.js';
import { BzfsError } from '../model/errors.js';
import { ZfsClient, type Side } from '../zfs/client.js';
import type { DatasetListProp } from '../zfs/commands.js';
import type { TaskContext } from './context.js';
import type { HelperCache } from './transfer-helpers.js';
import { DstPresence } from './dst-presence.js';
import { endpointLabel } from './endpoint-label.js';
import { worseAlert, type MonitorAlert } from '../plan/monitor/alert.js';
import { TASK_ORDER, type PairListing, type RegisteredTask, type TaskOutcome } from './pair-task.js';
import { TASKS } from './tasks.js';
import { RunRecorder } from './run-recorder.js';
import { checkLoginShell, probeRemote, type RemoteFacts } from './remote-probe.js';

export interface RunDeps {
  /** The runner every command goes through: the dry-run decorator around the real one (main.ts). */
  readonly runner: CommandRunner;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly render: (p: Pipeline) => string;
  /** Whether this process runs as root (no sudo needed locally). */
  readonly localIsRoot: boolean;
  readonly clock: Clock;
  /** Where report files go (--compare-snapshot-lists' TSV files): beside the run's log file (main.ts). */
  readonly reports: ReportFiles;
  /** Collects what --run-report-file reports (main.ts); a run without one records into a fresh one. */
  readonly recorder?: RunRecorder;
  /** Where pv's progress lines go (`<log file>.pv`, main.ts); without it they are captured with the step's output. */
  readonly pvLog?: string;
  /** What each remote login told about itself, asked once per host and run (run/remote-probe.ts). */
  readonly remoteProbes?: Map<string, Promise<RemoteFacts>>;
}

/** The tasks the config asks for, in the original's order. */
export function enabledTasks(cfg: BzfsConfig): RegisteredTask[] {
  return TASKS.filter((t) => t.enabled(cfg)).sort(
    (a, b) => TASK_ORDER.indexOf(a.name) - TASK_ORDER.indexOf(b.name),
  );
}

/** Runs the pair's tasks in order over one listing per side; returns the errors it tolerated and the worst alert. */
export async function runPair(
  cfg: BzfsConfig,
  pair: DatasetPair,
  deps: RunDeps,
  force: { used: boolean },
  nowMs: number,
  helperCache: HelperCache = new Map(),
): Promise<TaskOutcome> {
  const ctx = await pairContext(cfg, pair, deps, force, nowMs, helperCache);
  const tasks = enabledTasks(cfg);
  if (tasks.length === 0) return { failures: [] };
  const listing = await listPair(ctx, pair);
  const failures: unknown[] = [];
  let alert: MonitorAlert | undefined;
  for (const [i, t] of tasks.entries()) {
    const outcome = await t.execute(ctx, listing);
    failures.push(...outcome.failures);
    alert = worseAlert(alert, outcome.alert);
    // As in the original: after a failed step nothing later runs, above all no deletion.
    const rest = tasks.slice(i + 1).map((x) => x.name);
    if (failures.length > 0 && rest.length > 0) {
      deps.log.warn(`Skipping ${rest.join(', ')} of this pair: ${t.name} failed`);
      break;
    }
  }
  return { failures, ...(alert && { alert }) };
}

/** The context of one pair's tasks: both sides (with their sudo decision) and the run's shared state. */
export async function pairContext(
  cfg: BzfsConfig,
  pair: DatasetPair,
  deps: RunDeps,
  force: { used: boolean },
  /** The run's clock value, read once per run (TaskContext.nowMs). */
  nowMs: number,
  /** The run's helper answers (TaskContext.helperCache); a fresh one when this pair is all there is. */
  helperCache: HelperCache = new Map(),
): Promise<TaskContext> {
  const [srcSide, dstSide] = await Promise.all([
    side('src', pair.src, cfg, deps),
    side('dst', pair.dst, cfg, deps),
  ]);
  const runOpts = () => ({ signal: deps.signal });
  deps.log.info(
    `Replicating ${endpointLabel(pair.src)} to ${endpointLabel(pair.dst)}${cfg.selection.recursive ? ' recursively' : ''}`,
  );
  return {
    cfg,
    src: new ZfsClient(srcSide, deps.runner, runOpts),
    dst: new ZfsClient(dstSide, deps.runner, runOpts),
    runner: deps.runner,
    log: deps.log,
    signal: deps.signal,
    render: deps.render,
    clock: deps.clock,
    reports: deps.reports,
    ...(deps.pvLog !== undefined && { pvLog: deps.pvLog }),
    recorder: deps.recorder ?? new RunRecorder(),
    nowMs,
    force,
    stats: { stepsSent: 0, datasetsReplicated: 0 },
    simulated: new Set(),
    announcedDestroys: new Set(),
    dstCreations: new Map(),
    helperCache,
  };
}

/**
 * Lists the source tree once and the destination tree once (`zfs list [-r]`). When the
 * destination root does not exist, its ancestors are looked up too, nearest first, up to the
 * first that exists: what the planners need to know about which parents to create.
 */
export async function listPair(ctx: TaskContext, pair: DatasetPair): Promise<PairListing> {
  const recursive = ctx.cfg.selection.recursive;
  const srcRoot = pair.src.dataset;
  const dstRoot = pair.dst.dataset;
  // A `dummy` source has no datasets: nothing to list, and nothing missing.
  const dummy = isDummy(srcRoot);
  // --cache-snapshots reads each dataset's snapshots_changed here, for free; the destination's partial-receive
  // tokens come along, so that replication needs no `zfs get` per dataset.
  const changed: DatasetListProp[] = ctx.cfg.cache.snapshots ? ['snapshots_changed'] : [];
  const [src, dstTree] = await Promise.all([
    dummy ? [] : ctx.src.listDatasets(srcRoot, recursive, changed),
    // `dummy` is never listed: it has no datasets, and neither do its "ancestors".
    isDummy(dstRoot) ? [] : ctx.dst.listDatasets(dstRoot, recursive, ['receive_resume_token', ...changed]),
  ]);
  if (src.length === 0 && !dummy)
    throw new BzfsError(`Source dataset does not exist: ${endpointLabel(pair.src)}`);
  const listed = new Set(dstTree.map((d) => d.name));
  const rootExists = listed.has(dstRoot);
  const ancestors = isDummy(dstRoot) ? [] : ancestorsOf(dstRoot);
  // Every ancestor of an existing dataset exists: the walk up stops at the first one that does.
  let firstExisting = rootExists ? 0 : ancestors.length;
  if (!rootExists) {
    for (const [i, a] of ancestors.entries()) {
      if (await ctx.dst.exists(a)) {
        firstExisting = i;
        break;
      }
    }
  }
  for (const a of ancestors.slice(firstExisting)) listed.add(a);
  const under = (ds: string) => ds.startsWith(`${dstRoot}/`);
  // A non-recursive listing says nothing about the root's children, unless the root is missing.
  const covers = (ds: string) =>
    ds === dstRoot || ancestors.includes(ds) || (under(ds) && (recursive || !rootExists));
  return {
    pair,
    src,
    dst: new DstPresence(listed, covers, (ds) => ctx.dst.exists(ds)),
    dstListed: new Map(dstTree.map((d) => [d.name, d])),
  };
}

/** `a/b/c` → [`a/b`, `a`]: nearest first. */
function ancestorsOf(ds: string): string[] {
  const out: string[] = [];
  for (let p = ds; p.includes('/');) out.push((p = p.slice(0, p.lastIndexOf('/'))));
  return out;
}

async function side(label: 'src' | 'dst', e: Endpoint, cfg: BzfsConfig, deps: RunDeps): Promise<Side> {
  const place = e.ssh ? { ssh: e.ssh } : {};
  if (!e.ssh) return { label, place, sudo: !cfg.noPrivilegeElevation && !deps.localIsRoot };
  // The login shell is checked for every remote side, before anything else runs there.
  const facts = await probeRemote(deps.remoteProbes ?? new Map(), e.ssh, deps.runner, deps.signal);
  checkLoginShell(facts, label, e.ssh);
  if (cfg.noPrivilegeElevation || e.ssh.user === 'root') return { label, place, sudo: false };
  return { label, place, sudo: facts.uid !== '0' };
}
