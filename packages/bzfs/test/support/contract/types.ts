/**
 * The contract between the fake ZFS and real ZFS, as data: scenarios of a setup and a sequence of
 * the zfs commands bzfs builds, each with the result it must have, normalized so that the fake
 * and a real pool give the same answer (GUIDs named after their snapshot, txgs as ranks, names
 * relative to the scenario's root dataset). The unit tier runs them against the fake, the
 * integration tier against real ZFS (src/zfs/contract.test.ts, test/integration/contract.itest.ts).
 */
import type { DatasetListProp } from '../../../src/zfs/commands.js';
import type { CommandRunner, Place } from '../../../src/exec/runner.js';

/**
 * Dataset, snapshot and bookmark names are relative to the scenario's root: `src`, `src@s1`,
 * `src#b1`, `a/b`; '' is the root itself.
 */
export interface SendOp {
  readonly op: 'send';
  readonly from?: { readonly flag: '-i' | '-I'; readonly name: string };
  readonly to: string;
  readonly into: string;
  /** `zfs receive -F` (bzfs: full sends only). */
  readonly force?: boolean;
  /** bzfs --dryrun=recv: `zfs receive -n`, without -s. */
  readonly dryRun?: boolean;
}

/** One command bzfs runs, by the name of its builder in src/zfs/commands.ts (or ZfsClient's method). */
export type Op =
  | { readonly op: 'listSnapshots'; readonly dataset: string }
  | {
      readonly op: 'listDatasets';
      readonly root: string;
      readonly recursive: boolean;
      /** Extra columns (zfsCmd.listDatasets): normalized to whether each has a value. */
      readonly props?: readonly DatasetListProp[];
    }
  /** ZfsClient.listSnapshotsAndBookmarksOf: one listing of many datasets' snapshots and bookmarks, by dataset. */
  | { readonly op: 'listSnapshotsAndBookmarksOf'; readonly datasets: readonly string[] }
  | {
      readonly op: 'listCompareEntries';
      readonly root: string;
      readonly recursive: boolean;
      readonly bookmarks: boolean;
    }
  | { readonly op: 'resumeToken'; readonly dataset: string }
  | { readonly op: 'destinationContents'; readonly dataset: string }
  /** Decodes the token a dataset has now (`of`), or a literal token. */
  | { readonly op: 'decodeResumeToken'; readonly of?: string; readonly token?: string }
  /** ZfsClient.resumeState: the token read and decoded as bzfs does before planning. */
  | { readonly op: 'resumeState'; readonly dataset: string }
  | { readonly op: 'createUnmounted'; readonly dataset: string }
  | { readonly op: 'rollback'; readonly snapshot: string; readonly destroyNewer: boolean }
  | { readonly op: 'destroySnapshots'; readonly dataset: string; readonly names: readonly string[] }
  | { readonly op: 'destroySnapshotsDryRun'; readonly dataset: string; readonly names: readonly string[] }
  | { readonly op: 'listPruneCandidates'; readonly dataset: string; readonly kind: 'snapshot' | 'bookmark' }
  /** ZfsClient.listSnapshotsOf: one listing of many datasets' snapshots with holds, by dataset. */
  | { readonly op: 'listSnapshotsOf'; readonly datasets: readonly string[] }
  | { readonly op: 'bookmark'; readonly snapshot: string; readonly bookmark: string }
  | { readonly op: 'destroyBookmark'; readonly dataset: string; readonly name: string }
  | { readonly op: 'snapshot'; readonly snapshots: readonly string[]; readonly recursive: boolean }
  | { readonly op: 'receiveAbort'; readonly dataset: string }
  | { readonly op: 'listEntryNames'; readonly datasets: readonly string[]; readonly bookmarks: boolean }
  | { readonly op: 'destroyTree'; readonly dataset: string }
  | { readonly op: 'destroyTreeDryRun'; readonly dataset: string }
  | SendOp
  /** `zfs send -n -v -P` with the arguments of a send (bzfs's size estimate for --run-report-file). */
  | { readonly op: 'sendSizeEstimate'; readonly from?: SendOp['from']; readonly to: string }
  /** `zfs send -t TOKEN | zfs receive -s DATASET` with the token the dataset has now. */
  | { readonly op: 'sendResume'; readonly into: string };

/** A change to the world that bzfs never makes itself; made by the world's own means. */
export type Fixture =
  /** `zfs create` (mounted); the parent must exist. */
  | { readonly create: string }
  /** `zfs create -V 1M`. */
  | { readonly volume: string }
  /** New files of that many KiB of random data. */
  | { readonly write: string; readonly kb: number }
  | { readonly snapshot: string }
  /** `zfs hold`: a user hold on a snapshot. */
  | { readonly hold: string }
  /**
   * A `zfs receive -s` whose stream ends early, leaving partial receive state (the stream must
   * be well over 100 KB: write data before the snapshot `to`).
   */
  | {
      readonly interrupted: {
        readonly from?: string;
        readonly to: string;
        readonly into: string;
        readonly force?: boolean;
      };
    };

/** A setup step: a fixture, or a replication through bzfs's commands that must succeed. */
type SetupAction = Fixture | SendOp;

/** Which of bzfs's stderr classifiers (src/zfs/stderr.ts, src/exec/retryable.ts) match. */
export type StderrClass =
  | 'dataset-missing'
  | 'bookmark-exists'
  | 'stale-resume-state'
  | 'modified-since-snapshot'
  | 'resume-token-rejected'
  | 'already-destroyed'
  | 'retryable';

/** What a step must give. Failures are compared by classes and by zfs's first line of stderr. */
export interface Outcome {
  readonly ok: boolean;
  /** For a failure: the classes that match its stderr (none: omitted). */
  readonly stderr?: readonly StderrClass[];
  /** For a failure: the first line of stderr, names relative to the root. */
  readonly error?: string;
  /** For a query that succeeded: its parsed, normalized answer. */
  readonly out?: unknown;
}

interface Step {
  readonly do: Op;
  readonly expect: Outcome;
}

export interface Scenario {
  /** Also the name of its root dataset: a valid ZFS name component. */
  readonly id: string;
  readonly title: string;
  readonly setup: readonly SetupAction[];
  readonly steps: readonly Step[];
}

export interface SnapshotIdentity {
  /** Absolute snapshot name. */
  readonly name: string;
  readonly guid: string;
  readonly creation: number;
}

/** A ZFS (fake or real) that scenarios run against. Fixtures take absolute names. */
export interface ContractWorld {
  readonly runner: CommandRunner;
  /** Where bzfs's commands run. */
  readonly place: Place;
  /** Creates the scenario's empty root dataset; returns its name. */
  begin(id: string): Promise<string>;
  /** Makes the changes in order; returns the identity of every snapshot they took. */
  fixture(actions: readonly Fixture[]): Promise<SnapshotIdentity[]>;
}
