/** What --delete-dst-datasets and --delete-empty-dst-datasets decide: which trees `zfs destroy -r` removes, and why. */

/** How many snapshots and bookmarks a destination dataset has itself (not counting its descendants). */
export interface EntryCounts {
  readonly snapshots: number;
  readonly bookmarks: number;
}

/** Why a selected destination dataset goes. */
export type DeletionRule =
  /** --delete-dst-datasets: the source has no dataset at its place. */
  | 'not-on-source'
  /** --delete-dst-datasets with the `dummy` source, which has no datasets: every selected dataset goes. */
  | 'dummy-source'
  /** --delete-empty-dst-datasets: it has no snapshot (nor bookmark, if they count). */
  | 'empty';

/** Why a selected destination dataset stays. */
export type KeepRule =
  /** --delete-dst-datasets: the source has a dataset at its place. */
  | 'on-source'
  | 'has-snapshots'
  /** Only when bookmarks count (--delete-empty-dst-datasets=snapshots+bookmarks, the default). */
  | 'has-bookmarks'
  /** A child is not selected: an unselected dataset and its ancestors are never deleted. */
  | 'child-not-selected'
  /** A child stays (by one of these rules), so the parent stays too. */
  | 'child-kept'
  /** Its snapshots were not listed, so nothing is known about it: kept. */
  | 'not-listed';

export type DatasetDecision =
  | {
      readonly dataset: string;
      readonly verdict: 'delete';
      readonly rule: DeletionRule;
      /** The top of the tree whose `zfs destroy -r` removes it (itself when it is the top). */
      readonly destroyedWith: string;
    }
  | {
      readonly dataset: string;
      readonly verdict: 'keep';
      readonly rule: KeepRule;
      /** For the child-* rules: the child that stays. */
      readonly blockedBy?: string;
    };

/** One `zfs destroy -r`: a top dataset and every dataset it removes with it. */
export interface TreeDestroy {
  readonly dataset: string;
  readonly rule: DeletionRule;
  /** The top and its descendants, parents first: all selected, all deletable. */
  readonly datasets: readonly string[];
}

export interface DatasetDeletionPlan {
  /** One per selected destination dataset, by name. */
  readonly decisions: readonly DatasetDecision[];
  /** The destroys, by name; no top lies under another. */
  readonly destroys: readonly TreeDestroy[];
}
