import { compareByTxg, fullName, type SnapshotRef } from '../model/snapshot.js';
import type { FilterGroup, SnapshotFilter } from './filter-groups.js';
import { rankWindow } from './rank-range.js';
import { regexPasses } from './snapshot-filter.js';
import { resolveTimeRange } from './time-range.js';

/**
 * Snapshot selection over one dataset's snapshots and bookmarks, as the original's
 * filter_snapshots: each group starts from all snapshots and its filters narrow left to right;
 * the selection is the union of the groups. A times-and-ranks filter keeps a snapshot whose
 * creation is in the time range or whose rank is in the rank range; its rank ranges apply one after
 * another, each ranking (by createtxg, ties by name) and counting percentages of what the previous
 * step left. Bookmarks take no part: they never count towards ranks, and pass in the result.
 * `nowMs` is the run's clock value, which `N units ago` ends are relative to.
 */

/**
 * `snaps` without the unselected snapshots, in their given order; bookmarks always pass. With
 * `allExcept` the snapshots the filters select are the ones left out (--delete-dst-snapshots-except).
 * To filter bookmarks themselves (pruning them), pass them as snapshots, as the original does.
 * With `filterBookmarks` bookmarks face the filters too (--compare-snapshot-lists): by name and
 * creation time, but still never ranked, nor counted towards the snapshots' ranks.
 */
export function selectSnapshots<T extends SnapshotRef>(
  snaps: readonly T[],
  groups: readonly FilterGroup[],
  nowMs: number,
  opts: { readonly allExcept?: boolean; readonly filterBookmarks?: boolean } = {},
): T[] {
  const filterBookmarks = opts.filterBookmarks ?? false;
  const chosen = chosenNames(snaps, groups, nowMs, filterBookmarks);
  const allExcept = opts.allExcept ?? false;
  return snaps.filter(
    (s) => (s.kind === 'bookmark' && !filterBookmarks) || chosen.has(fullName(s)) !== allExcept,
  );
}

/**
 * The selection as the predicate the replication planner takes (what snapshotSelector gives for
 * regexes alone): true for a selected snapshot of `snaps`, false for bookmarks (a bookmark can be
 * a base but is never sent) and for anything not in `snaps`.
 */
export function snapshotSelection(
  snaps: readonly SnapshotRef[],
  groups: readonly FilterGroup[],
  nowMs: number,
): (s: SnapshotRef) => boolean {
  const chosen = chosenNames(snaps, groups, nowMs);
  return (s) => s.kind === 'snapshot' && chosen.has(fullName(s));
}

function chosenNames(
  snaps: readonly SnapshotRef[],
  groups: readonly FilterGroup[],
  nowMs: number,
  withBookmarks = false,
): Set<string> {
  const ordered = snaps.filter((s) => withBookmarks || s.kind === 'snapshot').sort(compareByTxg);
  const chosen = new Set<string>();
  for (const group of groups) {
    const left = group.reduce<readonly SnapshotRef[]>((list, f) => applyFilter(list, f, nowMs), ordered);
    for (const s of left) chosen.add(fullName(s));
  }
  return chosen;
}

/** `list` is oldest first; so is the result. */
function applyFilter(list: readonly SnapshotRef[], f: SnapshotFilter, nowMs: number): readonly SnapshotRef[] {
  if (f.kind === 'regex') return list.filter((s) => regexPasses(s.name, f.include, f.exclude));
  if (f.times === undefined) return list;
  const [lo, hi] = resolveTimeRange(f.times, nowMs);
  const inTime = (s: SnapshotRef): boolean => lo <= s.creation && s.creation < hi;
  if (f.ranks.length === 0) return list.filter(inTime);
  // Ranks count snapshots only: a bookmark in the list passes by its creation time alone.
  return f.ranks.reduce<readonly SnapshotRef[]>((left, range) => {
    const ranked = left.filter((s) => s.kind === 'snapshot');
    const rank = new Map(ranked.map((s, i) => [s, i]));
    const [from, to] = rankWindow(range, ranked.length);
    return left.filter((s) => {
      const i = rank.get(s);
      return (i !== undefined && from <= i && i < to) || inTime(s);
    });
  }, list);
}
