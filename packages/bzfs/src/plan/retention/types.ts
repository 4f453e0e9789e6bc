import type { SnapshotRef } from '../../model/snapshot.js';

/** A destination snapshot or bookmark as listed for pruning; `userrefs` counts its `zfs hold` tags (0 for bookmarks). */
export interface PruneCandidate extends SnapshotRef {
  readonly userrefs: number;
}

type RetentionSource =
  /** The virtual `dummy` source: nothing to cross-check against (how a real dataset, given as destination, is pruned). */
  | { readonly kind: 'dummy' }
  /** A real source dataset: all its snapshots and bookmarks; none when it does not exist. */
  | { readonly kind: 'dataset'; readonly entries: readonly SnapshotRef[] };

export interface RetentionOptions {
  /** --delete-dst-snapshots-except (also set by --delete-dst-snapshots-except-plan): the filters say what to keep. */
  readonly except: boolean;
  /** false with --delete-dst-snapshots-no-crosscheck: only the source entries of the pruned kind protect. */
  readonly crosscheck: boolean;
  /** As in replication (false with --no-use-bookmark): decides which snapshot is the latest common one. */
  readonly useBookmarks: boolean;
  /** Lets the rules delete the latest common snapshot (ours; the original has no such protection, so no flag). */
  readonly forceDeleteLatestCommonSnapshot: boolean;
}

export interface RetentionInput {
  /** What --delete-dst-snapshots prunes: `snapshots` (the default) or `bookmarks`. */
  readonly kind: SnapshotRef['kind'];
  /** The destination dataset's entries, in any order; those not of `kind` are ignored. */
  readonly dst: readonly PruneCandidate[];
  readonly source: RetentionSource;
  /**
   * The snapshot filters' verdict over this dataset's candidates. Bookmarks are passed as snapshots (same name,
   * GUID, txg and creation) because the filters treat bookmarks as snapshots when bookmarks are pruned.
   */
  readonly isSelected: (s: SnapshotRef) => boolean;
  readonly options: RetentionOptions;
}

/** Why the user's rules keep or delete an entry, before the safety rules. */
export type RetentionRule =
  /** Standard mode: the filters do not select it. */
  | 'not-selected'
  /** Standard mode: selected, but its GUID is on the source (the cross-check). */
  | 'on-source'
  /** Standard mode: selected and its GUID is not on the source. */
  | 'selected-not-on-source'
  /** Standard mode with `dummy`: selected. */
  | 'selected'
  /** Except mode: the filters keep it (with `dummy`). */
  | 'kept-by-rules'
  /** Except mode: the filters keep it and its GUID is on the source. */
  | 'kept-and-on-source'
  /** Except mode: the filters keep it, but the source no longer has its GUID (sync semantics). */
  | 'kept-but-not-on-source'
  /** Except mode: the filters do not keep it. */
  | 'not-kept-by-rules';

/** A safety rule that changed (or, when forced, only marked) what the user's rules decided. */
type SafetyRule =
  /** It carries a `zfs hold` (userrefs > 0): never deleted. */
  | 'held'
  /** It is the latest snapshot in common with the source: kept unless forced. */
  | 'latest-common-snapshot'
  /** It is the latest common snapshot and forceDeleteLatestCommonSnapshot lets it go. */
  | 'latest-common-snapshot-forced';

export interface RetentionDecision {
  readonly entry: PruneCandidate;
  /** `skip`: the rules delete it, a safety rule keeps it. */
  readonly verdict: 'delete' | 'keep' | 'skip';
  readonly rule: RetentionRule;
  readonly safety?: SafetyRule;
}

export interface RetentionPlan {
  readonly kind: SnapshotRef['kind'];
  /** One per candidate of `kind`, oldest first (createtxg). */
  readonly decisions: readonly RetentionDecision[];
  /** The entries to destroy, oldest first. */
  readonly toDelete: readonly PruneCandidate[];
  /** For the log: a forced deletion of the common snapshot, or the rules overridden to keep it. */
  readonly warnings: readonly string[];
}
