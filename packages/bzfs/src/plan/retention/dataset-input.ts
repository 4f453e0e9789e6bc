import type { RetentionSettings } from '../../config/lifecycle.js';
import type { FilterGroup } from '../../filters/filter-groups.js';
import { snapshotSelection } from '../../filters/select-snapshots.js';
import type { SnapshotRef } from '../../model/snapshot.js';
import type { PruneCandidate, RetentionInput } from './types.js';

/**
 * Pure: the planner's input for one destination dataset, from its candidate listing, the source's listing (or
 * `dummy`), the run's snapshot filters and clock value. Bookmarks being pruned are ranked and filtered as
 * snapshots, as in the original (a bookmark otherwise passes every filter and never counts towards ranks).
 */
export function retentionInput(o: {
  readonly settings: RetentionSettings;
  readonly dst: readonly PruneCandidate[];
  /** The source dataset's snapshots and bookmarks ([] when it does not exist), or `dummy`. */
  readonly src: readonly SnapshotRef[] | 'dummy';
  readonly groups: readonly FilterGroup[];
  readonly nowMs: number;
  readonly useBookmarks: boolean;
}): RetentionInput {
  const { settings } = o;
  const asSnapshots = o.dst
    .filter((c) => c.kind === settings.kind)
    .map((c): SnapshotRef => ({ ...c, kind: 'snapshot' }));
  return {
    kind: settings.kind,
    dst: o.dst,
    source: o.src === 'dummy' ? { kind: 'dummy' } : { kind: 'dataset', entries: o.src },
    isSelected: snapshotSelection(asSnapshots, o.groups, o.nowMs),
    options: {
      except: settings.except,
      crosscheck: settings.crosscheck,
      useBookmarks: o.useBookmarks,
      forceDeleteLatestCommonSnapshot: settings.forceDeleteLatestCommonSnapshot,
    },
  };
}
