import type { EmptyDefinition } from '../../config/lifecycle.js';
import type { SelectionSettings } from '../../config/types.js';
import { dstSelection } from './dst-selection.js';
import { decideTrees } from './tree-verdicts.js';
import type { DatasetDeletionPlan, EntryCounts } from './types.js';

interface EmptyInput {
  readonly dstRoot: string;
  /** The destination tree as listed now (after the snapshot deletions). */
  readonly dstTree: readonly string[];
  readonly selection: SelectionSettings;
}

/**
 * Pure: the datasets --delete-empty-dst-datasets would delete if none had a snapshot: the only ones whose
 * snapshots need listing (a dataset with an unselected descendant stays whatever it has).
 */
export function emptyCandidates(o: EmptyInput): string[] {
  const plan = decideTrees({ ...dstSelection(o), own: () => ({ eligible: true, rule: 'empty' }) });
  return plan.destroys.flatMap((d) => d.datasets);
}

/**
 * Pure: --delete-empty-dst-datasets. A selected destination dataset goes when it has no snapshot (and, unless
 * `empty` is `snapshots`, no bookmark) and neither has any of its descendants, all of which must be selected
 * (tree-verdicts.ts). The root goes too when its whole tree is empty and selected, as in the original. A dataset
 * missing from `counts` was not listed: it stays.
 */
export function planEmptyDeletion(
  o: EmptyInput & {
    readonly empty: EmptyDefinition;
    /** Of the listed datasets (at least the candidates), each one's own entries. */
    readonly counts: ReadonlyMap<string, EntryCounts>;
  },
): DatasetDeletionPlan {
  return decideTrees({
    ...dstSelection(o),
    own: (ds) => {
      const c = o.counts.get(ds);
      if (c === undefined) return 'unknown';
      if (c.snapshots > 0) return { eligible: false, rule: 'has-snapshots' };
      if (o.empty === 'snapshots+bookmarks' && c.bookmarks > 0)
        return { eligible: false, rule: 'has-bookmarks' };
      return { eligible: true, rule: 'empty' };
    },
  });
}
