import type {
  CreateSettings,
  DatasetDeletionSettings,
  MonitorSettings,
  RetentionSettings,
} from './lifecycle.js';
import type { SshTarget } from '../exec/runner.js';
import type { TransferSettings } from './transfer.js';
import type { ForceOptions } from '../plan/types.js';
import type { NameMatcher } from '../filters/name-matcher.js';
import type { FilterGroup } from '../filters/filter-groups.js';
import type { CompareLocation } from '../plan/compare/types.js';
import type { Period } from '../model/period.js';

export type SkipOnError = 'fail' | 'tree' | 'dataset';
export type SkipMissingSnapshots = 'fail' | 'dataset' | 'continue';
export type CreateBookmarks = 'all' | 'hourly' | 'minutely' | 'secondly' | 'none';

export interface Endpoint {
  readonly dataset: string;
  /** undefined = this machine, no ssh. */
  readonly ssh?: SshTarget;
}

export interface DatasetPair {
  readonly src: Endpoint;
  readonly dst: Endpoint;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly minSleepSecs: number;
  readonly initialMaxSleepSecs: number;
  readonly maxSleepSecs: number;
  readonly maxElapsedSecs: number;
}

/**
 * How the job runs and reports, not what it does to ZFS: the only part left out of the lock key, so
 * that e.g. a --dryrun or a run with more --threads started while the real job runs exits 4, and
 * an option added here cannot change which runs exclude each other by accident.
 */
export interface RunSettings {
  readonly dryrun: 'send' | 'recv' | undefined;
  /** --explain: plan against the live state and print the plans as JSON; nothing changes state. */
  readonly explain: boolean;
  readonly verbose: number;
  readonly quiet: boolean;
  readonly logDir: string;
  readonly threads: number;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number | undefined;
  /** --run-report-file: where the run's JSON report goes at exit (model/run-report.ts). */
  readonly runReportFile: string | undefined;
  readonly sshControlPersistSecs: number;
  /** --exclude-envvar-regex and --include-envvar-regex: what to unset from the environment at startup. */
  readonly envVars: { readonly exclude: readonly NameMatcher[]; readonly include: readonly NameMatcher[] };
}

/** Which datasets and snapshots of the source take part. */
export interface SelectionSettings {
  readonly recursive: boolean;
  readonly skipParent: boolean;
  readonly includeDatasets: readonly string[];
  readonly excludeDatasets: readonly string[];
  readonly includeDatasetRegex: readonly string[];
  /** DEFAULT_EXCLUDE_DATASET_REGEX unless --exclude-dataset-regex is given. */
  readonly excludeDatasetRegex: readonly string[];
  /**
   * The snapshot filters (--include/--exclude-snapshot-regex, --include-snapshot-times-and-ranks,
   * --new-snapshot-filter-group, then the expanded --include-snapshot-plan and
   * --delete-dst-snapshots-except-plan): a snapshot is selected if it passes every filter of some group.
   */
  readonly snapshotFilters: readonly FilterGroup[];
}

/** How snapshots travel: zfs send/receive options, bookmarks, resuming. */
interface ReplicationSettings {
  /** --skip-replication */
  readonly skip: boolean;
  readonly sendOpts: readonly string[];
  readonly recvOpts: readonly string[];
  readonly resumeRecv: boolean;
  readonly createBookmarks: CreateBookmarks;
  readonly useBookmarks: boolean;
  readonly noStream: boolean;
  readonly skipMissingSnapshots: SkipMissingSnapshots;
}

/** What bzfs may destroy or roll back on the destination to converge (the --force family). */
interface ForceSettings extends ForceOptions {
  /** --force-once: the force options apply to the first change that needs them only. */
  readonly once: boolean;
  readonly destroyDependents: boolean;
  readonly unmount: boolean;
}

/** --compare-snapshot-lists: which locations' snapshots the TSV file lists (and the summary reports). */
export interface CompareSettings {
  /** In the order src, dst, all; never empty. */
  readonly locations: readonly CompareLocation[];
}

/**
 * Daemon mode (--daemon-lifetime, --daemon-frequency, --daemon-remote-conf-cache-ttl): the whole job again and
 * again in one process until the lifetime ends. Left out of the lock key like `run`: a duplicate that cron starts
 * while the daemon runs is the same job and exits 4, whatever its daemon options say.
 */
export interface DaemonSettings {
  /** 0: no daemon mode, one cycle. */
  readonly lifetimeMs: number;
  /** When the next cycle starts without --create-src-snapshots (else the create plan's periods decide). */
  readonly frequency: Period;
  /** How long what was detected about a remote host (programs, features) stays valid in one daemon. */
  readonly remoteConfCacheTtlMs: number;
}

/**
 * How bzfs reaches remote hosts (--ssh-program, --ssh-cipher, ...). Like `run`, no part of the lock
 * key: it changes how, not what, bzfs replicates.
 */
export interface SshConfig {
  /** undefined: --ssh-program=-, no remote access at all. */
  readonly program: string | undefined;
  readonly cipher: string | undefined;
  readonly maxSessionsPerConnection: number;
  /** --ssh-exit-on-shutdown: stop the masters this run used when it ends. */
  readonly exitOnShutdown: boolean;
}

/** Everything one bzfs run needs to know, validated and immutable, grouped by concern. */
interface CacheSettings {
  /** --cache-snapshots: replication skips listing a pair whose snapshots_changed values match the cache. */
  readonly snapshots: boolean;
}

export interface BzfsConfig {
  readonly pairs: readonly DatasetPair[];
  readonly run: RunSettings;
  readonly daemon: DaemonSettings;
  readonly ssh: SshConfig;
  readonly selection: SelectionSettings;
  readonly replication: ReplicationSettings;
  readonly force: ForceSettings;
  /** How the stream travels between send and receive: helpers, rate limit, size estimate, --r2r. */
  readonly transfer: TransferSettings;
  /** Snapshot creation on the source (--create-src-snapshots*); undefined when not asked for. */
  readonly create: CreateSettings | undefined;
  /** Pruning of destination snapshots or bookmarks (--delete-dst-snapshots*); undefined when not asked for. */
  readonly retention: RetentionSettings | undefined;
  /** Snapshot age checks on both sides, after every other task (--monitor-snapshots*); undefined when not asked for. */
  readonly monitor: MonitorSettings | undefined;
  /** Deletion of whole destination datasets (--delete-dst-datasets, --delete-empty-dst-datasets). */
  readonly deleteDatasets: DatasetDeletionSettings;
  /** --compare-snapshot-lists; undefined when not asked for. */
  readonly compare: CompareSettings | undefined;
  /** --cache-snapshots: what the run may skip on the strength of its snapshot cache (run/snapshot-cache.ts). */
  readonly cache: CacheSettings;
  /** --skip-on-error: what a failure skips (the dataset, its subtree, or everything). */
  readonly skipOnError: SkipOnError;
  /** --no-privilege-elevation: never prefix zfs with sudo. */
  readonly noPrivilegeElevation: boolean;
  /** Identifies "the same job" for the lock: a second run with the same key exits 4. */
  readonly lockKey: string;
}
