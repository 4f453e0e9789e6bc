/**
 * The job spec: one declarative description of a fleet's snapshot, replication, pruning and
 * monitoring policy, copied unchanged to every host. `schema.ts` describes the same shape for ajv and
 * for editors; keep the two in step (the schema tests load typed specs through the validator).
 */

/** `{org: {target: {period: count}}}`; a period is `[N]unit`, e.g. `hourly`, `10minutely`. */
export type SnapshotPlan = Record<string, Record<string, Record<string, number>>>;

/** Age limits for one `org/target/period`, as in the original's `--monitor-snapshot-plan`. */
export interface MonitorThresholds {
  /** Warn when the latest snapshot is this much later than its period, e.g. `"30 minutes"`. */
  warning?: string;
  critical?: string;
  /** How many periods the oldest source snapshot may span; defaults to the source plan's count. */
  srcSnapshotCycles?: number;
  /** Same for destinations; defaults to the destination plan's count. */
  dstSnapshotCycles?: number;
  /** Ignore snapshots that carry a `zfs hold` when checking the oldest one. */
  oldestSkipHolds?: boolean;
}

export type MonitorPlan = Record<string, Record<string, Record<string, MonitorThresholds>>>;

export interface DatasetPairSpec {
  /** Source dataset without host, e.g. `tank/data`. */
  src: string;
  /** Destination dataset without host, relative to the destination host's `root`. */
  dst: string;
}

export interface DstHostSpec {
  /** Root prefix of every destination dataset on this host; `^SRC_HOST`/`^DST_HOST` are substituted; `""` = none. */
  root: string;
  /** Logical targets replicated to this host (`onsite`, `us-west`, ...); `""` is a valid target. */
  targets: string[];
  /** Targets whose snapshots this host keeps when pruning; defaults to `targets`. */
  retainTargets?: string[];
}

export interface SshSideSpec {
  user?: string;
  port?: number;
  /** ssh_config(5) file, passed to ssh as `-F`. */
  configFile?: string;
}

export interface JobSpec {
  /** Editors may point this at the published schema; the jobrunner ignores it. */
  $schema?: string;
  /** Stable name of this job; part of every log file name. */
  jobId: string;
  rootDatasetPairs: DatasetPairSpec[];
  /** Also process descendants of each root dataset (bzfs `--recursive`). */
  recursive?: boolean;
  srcHosts: string[];
  dstHosts: Record<string, DstHostSpec>;
  srcSnapshotPlan?: SnapshotPlan;
  srcBookmarkPlan?: SnapshotPlan;
  dstSnapshotPlan?: SnapshotPlan;
  monitorSnapshotPlan?: MonitorPlan;
  ssh?: { src?: SshSideSpec; dst?: SshSideSpec };
  /** Extra bzfs options given to every run, e.g. `["--threads=4"]`. */
  bzfsOptions?: string[];
  /** Directory of the per-run log files, also passed to bzfs as `--log-dir`. */
  logDir?: string;
  /** Runs at once: a count, or a percentage of the CPU cores such as `"100%"`. */
  workers?: number | string;
  jitter?: boolean;
  workPeriodSeconds?: number;
  workerTimeoutSeconds?: number;
  /**
   * Daemon cadence per action (periods such as `10secondly`), passed to the runs as `--daemon-frequency`; it only
   * matters with `--daemon-lifetime` in `bzfsOptions` or on the command line.
   */
  daemonFrequencies?: {
    replication?: string;
    pruneSrc?: string;
    pruneDst?: string;
    monitorSnapshots?: string;
  };
}
