import type { SnapshotRef } from '../../model/snapshot.js';

/** Where a snapshot is: only on the source, only on the destination, or on both (the same GUID). */
export type CompareLocation = 'src' | 'dst' | 'all';

/** The values --compare-snapshot-lists takes, as in the original; the bare option means the last. */
export const COMPARE_CHOICES = ['src', 'dst', 'all', 'src+dst', 'src+all', 'dst+all', 'src+dst+all'] as const;

/** A snapshot or bookmark as --compare-snapshot-lists lists it (zfsCmd.listCompareEntries). */
export interface CompareEntry extends SnapshotRef {
  /** `written`, in bytes; undefined for a bookmark (zfs prints `-`). */
  readonly written: bigint | undefined;
}

/** One row of the TSV file. */
export interface CompareRow {
  readonly location: CompareLocation;
  /** For `all` the source's entry (its name, createtxg and `written`), as in the original. */
  readonly entry: CompareEntry;
  /** The root the entry's name is relative to: the destination's for `dst`, the source's otherwise. */
  readonly rootDataset: string;
  readonly relDataset: string;
}

/** One dataset of the comparison, by its name relative to the roots (`''` for the roots themselves). */
export interface DatasetComparison {
  readonly relDataset: string;
  /** Whether the dataset is on the source only, the destination only, or on both. */
  readonly location: CompareLocation;
  readonly srcDataset: string | undefined;
  readonly dstDataset: string | undefined;
  /** Its snapshots in the requested locations, oldest first (by creation, then createtxg, then name). */
  readonly rows: readonly CompareRow[];
}
