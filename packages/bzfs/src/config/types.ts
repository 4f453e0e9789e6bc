import type { SshTarget } from '../exec/runner.js';
import type { ForceOptions } from '../plan/types.js';
import type { NameMatcher } from '../filters/name-matcher.js';

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

/** Everything one bzfs run needs to know, validated and immutable. */
export interface BzfsConfig {
  readonly pairs: readonly DatasetPair[];
  readonly recursive: boolean;
  readonly skipParent: boolean;
  readonly dryrun: 'send' | 'recv' | undefined;
  readonly verbose: number;
  readonly quiet: boolean;
  readonly logDir: string;
  readonly sendOpts: readonly string[];
  readonly recvOpts: readonly string[];
  readonly force: ForceOptions;
  readonly forceOnce: boolean;
  readonly forceDestroyDependents: boolean;
  readonly forceUnmount: boolean;
  readonly resumeRecv: boolean;
  readonly createBookmarks: CreateBookmarks;
  readonly useBookmarks: boolean;
  readonly noStream: boolean;
  readonly noPrivilegeElevation: boolean;
  readonly threads: number;
  readonly retry: RetryPolicy;
  readonly skipOnError: SkipOnError;
  readonly skipMissingSnapshots: SkipMissingSnapshots;
  readonly skipReplication: boolean;
  readonly includeSnapshotRegex: readonly NameMatcher[];
  readonly excludeSnapshotRegex: readonly NameMatcher[];
  readonly excludeDatasets: readonly string[];
  readonly includeDatasets: readonly string[];
  readonly includeDatasetRegex: readonly string[];
  /** DEFAULT_EXCLUDE_DATASET_REGEX unless --exclude-dataset-regex is given. */
  readonly excludeDatasetRegex: readonly string[];
  readonly sshControlPersistSecs: number;
  readonly timeoutMs: number | undefined;
  /** Identifies "the same job" for the lock: a second run with the same key exits 4. */
  readonly lockKey: string;
}
