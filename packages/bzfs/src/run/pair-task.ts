import type { BzfsConfig, DatasetPair } from '../config/types.js';
import type { MonitorAlert } from '../plan/monitor/alert.js';
import type { DatasetInfo } from '../zfs/client.js';
import type { TaskContext } from './context.js';
import type { DstPresence } from './dst-presence.js';

/**
 * The tasks of one SRC DST pair, in the order the original runs them. A task that is not
 * registered (run/tasks.ts) or whose options are off is skipped.
 */
export const TASK_ORDER = [
  'create-src-snapshots',
  'replicate',
  'delete-dst-datasets',
  'delete-dst-snapshots',
  'delete-empty-dst-datasets',
  'compare',
  'monitor',
] as const;
type TaskName = (typeof TASK_ORDER)[number];

/** What every task of a pair plans from: one dataset listing per side, made once per pair. */
export interface PairListing {
  readonly pair: DatasetPair;
  /** The source tree (just the root unless --recursive), parents first. */
  readonly src: readonly DatasetInfo[];
  /** Which destination datasets exist: the listing, kept up to date with what the run changes. */
  readonly dst: DstPresence;
  /**
   * The destination tree as listed when the pair started, by name, with its partial-receive tokens (and
   * --cache-snapshots' snapshots_changed): true of then, not necessarily of now; absent where nothing was listed.
   */
  readonly dstListed?: ReadonlyMap<string, DatasetInfo>;
}

/**
 * One task of the pipeline: a pure planner (plain data in, a typed plan out; unit-tested without
 * any runner) and a small executor that carries the plan out. `explain` describes the plan for
 * --explain instead, reading live state but changing nothing; it returns a JSON-ready value.
 */
export interface PairTask<P> {
  readonly name: TaskName;
  /** Whether the config asks for this task at all. */
  readonly enabled: (cfg: BzfsConfig) => boolean;
  readonly plan: (cfg: BzfsConfig, listing: PairListing) => P;
  readonly execute: (plan: P, ctx: TaskContext, listing: PairListing) => Promise<TaskOutcome>;
  readonly explain: (plan: P, ctx: TaskContext, listing: PairListing) => Promise<ExplainedTask>;
}

/** What carrying out a plan leaves for the run's exit code. */
export interface TaskOutcome {
  /** The errors it tolerated (the pair goes on after them). */
  readonly failures: readonly unknown[];
  /** --monitor-snapshots: the worst alert that counts for the exit code (1 or 2), if any. */
  readonly alert?: MonitorAlert;
}

/** A task's part of the --explain document; `failed` says whether planning it failed somewhere. */
export interface ExplainedTask {
  readonly doc: Readonly<Record<string, unknown>>;
  readonly failed: boolean;
}

/** A task with its plan type hidden, so that tasks of different plan types share one list. */
export interface RegisteredTask {
  readonly name: TaskName;
  readonly enabled: (cfg: BzfsConfig) => boolean;
  readonly execute: (ctx: TaskContext, listing: PairListing) => Promise<TaskOutcome>;
  readonly explain: (ctx: TaskContext, listing: PairListing) => Promise<ExplainedTask>;
}

export function registerTask<P>(t: PairTask<P>): RegisteredTask {
  return {
    name: t.name,
    enabled: t.enabled,
    execute: (ctx, listing) => t.execute(t.plan(ctx.cfg, listing), ctx, listing),
    explain: (ctx, listing) => t.explain(t.plan(ctx.cfg, listing), ctx, listing),
  };
}
