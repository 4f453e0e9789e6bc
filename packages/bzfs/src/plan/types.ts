import type { SnapshotRef } from '../model/snapshot.js';
import type { DestinationContents } from './destination-contents.js';

/** What the user's --force* options allow the planner to do to the destination. */
export interface ForceOptions {
  /** --force-rollback-to-latest-snapshot: roll the destination back to its own newest snapshot first. */
  readonly rollbackToLatestSnapshot: boolean;
  /** --force-rollback-to-latest-common-snapshot (also implied by --force): destroy dst snapshots newer than the common one. */
  readonly rollbackToLatestCommon: boolean;
  /** --force: if nothing is in common, destroy all destination snapshots and send in full. */
  readonly destroyAllIfNoCommon: boolean;
}

interface PlanOptions {
  /** --no-stream: send only the newest selected snapshot, skipping intermediates. */
  readonly noStream: boolean;
  /** false with --no-use-bookmark: source bookmarks are never used as incremental base. */
  readonly useBookmarks: boolean;
  readonly force: ForceOptions;
}

/** A decoded `receive_resume_token` of the destination (fields from `zfs send -nvt TOKEN`). */
export interface ResumeState {
  readonly token: string;
  /** GUID of the snapshot the interrupted stream was sending. */
  readonly toguid: string;
  /** Full name of that snapshot on the source, e.g. `pool/src@s3`. */
  readonly toname: string;
  /** GUID of the incremental base, absent for an interrupted full send. */
  readonly fromguid?: string;
}

export interface PlanInput {
  /** Every snapshot and bookmark of the source dataset, in any order. */
  readonly src: readonly SnapshotRef[];
  /** Every snapshot of the destination dataset; undefined when the destination dataset does not exist. */
  readonly dst: readonly SnapshotRef[] | undefined;
  /** The snapshot filter's verdict; bookmarks are never "selected" (they cannot be sent). */
  readonly isSelected: (s: SnapshotRef) => boolean;
  readonly resume?: ResumeState;
  /**
   * What an existing destination without snapshots holds; read only in that case. When it is
   * missing there, the planner assumes data: a full receive would overwrite it.
   */
  readonly dstContents?: DestinationContents;
  readonly options: PlanOptions;
}

export type SendStep =
  | { readonly kind: 'full'; readonly to: SnapshotRef }
  | {
      readonly kind: 'incremental';
      readonly flag: '-i' | '-I';
      readonly from: SnapshotRef;
      readonly to: SnapshotRef;
    }
  /** `zfs send -t TOKEN`: continues an interrupted stream; it ends at exactly one snapshot. */
  | { readonly kind: 'resume'; readonly token: string; readonly to: SnapshotRef };

/** Destination changes that must run, in order, before the send steps. */
export type PreAction =
  /** `zfs receive -A dst`: the partial state is stale or mismatched and would wedge replication. */
  | { readonly kind: 'abort-resume'; readonly reason: string }
  /** `zfs rollback [-r] dst@snap`; destroyNewer means dst snapshots newer than `to` are destroyed (-r). */
  | { readonly kind: 'rollback'; readonly to: SnapshotRef; readonly destroyNewer: boolean }
  /** `zfs destroy dst@a,b,...`: --force with nothing in common. */
  | { readonly kind: 'destroy-snapshots'; readonly snapshots: readonly SnapshotRef[] }
  /** No command: --force lets the full receive (`-F`) overwrite data of a destination without snapshots. */
  | { readonly kind: 'overwrite-contents'; readonly contents: DestinationContents | undefined };

export type Conflict =
  | {
      /** The destination has snapshots newer than the latest common one. */
      readonly kind: 'dst-has-newer';
      readonly latestCommon: SnapshotRef;
      readonly dstNewer: readonly SnapshotRef[];
    }
  | {
      /** The destination has snapshots but none shares a GUID with the source. */
      readonly kind: 'no-common';
      readonly dstSnapshots: readonly SnapshotRef[];
    }
  | {
      /** The destination exists without snapshots but holds data (undefined: its contents are unknown). */
      readonly kind: 'dst-has-data';
      readonly contents: DestinationContents | undefined;
    };

export type DatasetPlan =
  /**
   * The newest selected source snapshot is already on the destination; or the source selects no
   * snapshot but has bookmarks and the destination has snapshots: nothing is left to send (the
   * original's "Already-up-to-date"). `latestCommon` is absent only when none of those bookmarks
   * matches a destination snapshot.
   */
  | {
      readonly kind: 'up-to-date';
      readonly latestCommon?: SnapshotRef;
      readonly preActions: readonly PreAction[];
    }
  /** The source has no selected snapshot. */
  | { readonly kind: 'no-source-snapshots' }
  | { readonly kind: 'conflict'; readonly conflict: Conflict }
  | {
      readonly kind: 'send';
      readonly preActions: readonly PreAction[];
      /** Base on the source (snapshot or bookmark), absent for a full send. */
      readonly latestCommon?: SnapshotRef;
      readonly steps: readonly SendStep[];
    };
