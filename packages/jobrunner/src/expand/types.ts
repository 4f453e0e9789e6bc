import type { BzfsOptions } from '@bzfs-ts/bzfs';
import type { JobSpec } from '../spec/types.js';
import type { Action } from './actions.js';
import type { DaemonFrequencies } from './daemon-frequency.js';
import type { LocalHost, Side } from './locate.js';
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
  /** Set on prune-src runs: what the prune guard (guard/) lists at launch time to keep every destination's base. */
  readonly guard?: PruneGuardSpec;
}

/**
 * The source trees of a prune-src run and, for each, the mapped tree on EVERY destination host of the spec
 * that receives from this source host, whatever --dst-host selects: a destination left out of this run still
 * needs its incremental base tomorrow.
 */
export interface PruneGuardSpec {
  readonly kind: 'snapshot' | 'bookmark';
  readonly recursive: boolean;
  readonly trees: readonly {
    readonly src: Side;
    readonly dsts: readonly { readonly dstHost: string; readonly side: Side }[];
  }[];
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
  /** --daemon-*-frequency: override the spec's `daemonFrequencies`. */
  readonly daemonFrequencies?: DaemonFrequencies;
  /** Overrides the spec's `logDir`. */
  readonly logDir?: string;
  /** Pools of local destinations that are not imported (e.g. a removable drive not plugged in). */
  readonly missingLocalPools?: ReadonlySet<string>;
  /** With --jitter: shuffles the host order so that a fleet does not hit the same host first. */
  readonly rng?: () => number;
}
