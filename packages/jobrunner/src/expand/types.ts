import type { BzfsOptions } from '@bzfs-ts/bzfs';
import type { JobSpec } from '../spec/types.js';
import type { Action } from './actions.js';
import type { LocalHost } from './locate.js';
import type { HostFilters } from './select.js';

/** The value types of bzfs's plan options, as the bzfs package's options type declares them. */
export type BzfsSnapshotPlan = NonNullable<BzfsOptions['includeSnapshotPlan']>;
export type MonitorSnapshotsPlan = NonNullable<BzfsOptions['monitorSnapshots']>;
export type MonitorAlert = NonNullable<MonitorSnapshotsPlan[string][string][string]['latest']>;
export type DatasetPair = BzfsOptions['datasetPairs'][number];

/** One concrete bzfs run. */
export interface Invocation {
  /** Position in the plan, from 0; part of the run's log file name. */
  readonly seq: number;
  /** `srcHost/action` or `srcHost/action/dstHost`: unique and readable. */
  readonly id: string;
  readonly action: Action;
  readonly srcHost: string;
  /** Set for the per-destination actions (replicate, prune-dst, monitor-dst). */
  readonly dstHost?: string;
  /** Ids of the runs that must all succeed before this one may start. */
  readonly after: readonly string[];
  readonly options: BzfsOptions;
}

/** A run (or some pairs of a run) that the spec implies but that is left out, and why. */
export interface SkippedRun {
  readonly action: Action;
  readonly srcHost: string;
  readonly dstHost?: string;
  readonly reason: string;
}

export interface Expansion {
  readonly srcHosts: readonly string[];
  readonly dstHosts: readonly string[];
  readonly invocations: readonly Invocation[];
  readonly skipped: readonly SkippedRun[];
}

/** Everything expansion depends on; see expand.ts. */
export interface ExpandInput {
  readonly spec: JobSpec;
  readonly actions: readonly Action[];
  readonly filters: HostFilters;
  readonly local: LocalHost;
  /** bzfs options for every run, after the spec's `bzfsOptions`. */
  readonly extraArgs?: readonly string[];
  /** Overrides the spec's `logDir`. */
  readonly logDir?: string;
  /** Pools of local destinations that are not imported (e.g. a removable drive not plugged in). */
  readonly missingLocalPools?: ReadonlySet<string>;
  /** With --jitter: shuffles the host order so that a fleet does not hit the same host first. */
  readonly rng?: () => number;
}
