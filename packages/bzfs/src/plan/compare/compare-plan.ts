import type { FilterGroup } from '../../filters/filter-groups.js';
import { selectSnapshots } from '../../filters/select-snapshots.js';
import { mergeByGuid } from './merge.js';
import type { CompareEntry, CompareLocation, CompareRow, DatasetComparison } from './types.js';

/** What --compare-snapshot-lists compares: both sides' selected datasets and everything listed on them. */
export interface CompareInput {
  /** The source root; with `dummy` (no datasets, nothing listed) every snapshot is `dst`. */
  readonly srcRoot: string;
  readonly dstRoot: string;
  /** The datasets the dataset filters select on each side. */
  readonly srcDatasets: readonly string[];
  readonly dstDatasets: readonly string[];
  /** What each side's listing returned; entries of datasets that are not selected are left out. */
  readonly src: readonly CompareEntry[];
  readonly dst: readonly CompareEntry[];
  /** The run's snapshot filters; they select bookmarks too, by name and time. */
  readonly groups: readonly FilterGroup[];
  readonly nowMs: number;
  /** false (--no-use-bookmark): source bookmarks take no part. Destination bookmarks never do. */
  readonly useBookmarks: boolean;
  /** The locations whose rows are wanted (--compare-snapshot-lists src+dst ...). */
  readonly locations: ReadonlySet<CompareLocation>;
}

/**
 * Pure: the comparison of the two trees, per dataset relative to its root (sorted by that name),
 * each dataset's snapshots merged by GUID and ordered by creation. A dataset on one side only is
 * compared with nothing: all its snapshots are `src` (or `dst`).
 */
export function planComparison(o: CompareInput): DatasetComparison[] {
  const srcByRel = new Map(o.srcDatasets.map((ds) => [ds.slice(o.srcRoot.length), ds]));
  const dstByRel = new Map(o.dstDatasets.map((ds) => [ds.slice(o.dstRoot.length), ds]));
  const srcEntries = byDataset(o.src.filter((e) => o.useBookmarks || e.kind === 'snapshot'));
  const dstEntries = byDataset(o.dst.filter((e) => e.kind === 'snapshot'));
  const selected = (ds: string | undefined, entries: Map<string, CompareEntry[]>) =>
    ds === undefined
      ? []
      : selectSnapshots(entries.get(ds) ?? [], o.groups, o.nowMs, { filterBookmarks: true });
  const relNames = [...new Set([...srcByRel.keys(), ...dstByRel.keys()])].sort(byText);
  return relNames.map((relDataset) => {
    const srcDataset = srcByRel.get(relDataset);
    const dstDataset = dstByRel.get(relDataset);
    const rows = mergeByGuid(selected(srcDataset, srcEntries), selected(dstDataset, dstEntries))
      .filter((m) => o.locations.has(m.location))
      .map((m): CompareRow => ({
        ...m,
        rootDataset: m.location === 'dst' ? o.dstRoot : o.srcRoot,
        relDataset,
      }))
      .sort(byCreation);
    const location = srcDataset === undefined ? 'dst' : dstDataset === undefined ? 'src' : 'all';
    return { relDataset, location, srcDataset, dstDataset, rows };
  });
}

function byDataset(entries: readonly CompareEntry[]): Map<string, CompareEntry[]> {
  const m = new Map<string, CompareEntry[]>();
  for (const e of entries) {
    const list = m.get(e.dataset);
    if (list === undefined) m.set(e.dataset, [e]);
    else list.push(e);
  }
  return m;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The original's order: creation, then createtxg, then the short name; the GUID breaks what ties remain. */
function byCreation(a: CompareRow, b: CompareRow): number {
  const x = a.entry;
  const y = b.entry;
  if (x.creation !== y.creation) return x.creation - y.creation;
  if (x.createtxg !== y.createtxg) return x.createtxg < y.createtxg ? -1 : 1;
  return byText(x.name, y.name) || byText(x.guid, y.guid);
}
