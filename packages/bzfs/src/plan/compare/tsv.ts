import { fullName } from '../../model/snapshot.js';
import type { CompareRow, DatasetComparison } from './types.js';

/** The original's columns (`location creation_iso createtxg rel_name guid root_dataset rel_dataset name creation written`). */
const SNAPSHOT_COLUMNS = [
  'location',
  'creation_iso',
  'createtxg',
  'rel_name',
  'guid',
  'root_dataset',
  'rel_dataset',
  'name',
  'creation',
  'written',
];
const DATASET_COLUMNS = ['location', 'rel_dataset', 'src_dataset', 'dst_dataset'];

/** `src\t2024-11-06_08:30:05+00:00\t17435050\t/foo@s1\t…`: one row of the snapshots file. */
export function rowText(r: CompareRow): string {
  const e = r.entry;
  const name = fullName(e);
  return [
    r.location,
    isoUtc(e.creation),
    String(e.createtxg),
    name.slice(r.rootDataset.length),
    e.guid,
    r.rootDataset,
    r.relDataset,
    name,
    String(e.creation),
    e.written === undefined ? '-' : String(e.written),
  ].join('\t');
}

/** The snapshots file: a header, then every dataset's rows, datasets by relative name, rows oldest first. */
export function snapshotsTsv(datasets: readonly DatasetComparison[]): string {
  return lines([SNAPSHOT_COLUMNS.join('\t'), ...datasets.flatMap((d) => d.rows.map(rowText))]);
}

/** The datasets file: every dataset with the side(s) it is on; `''` for the side it is missing on. */
export function datasetsTsv(datasets: readonly DatasetComparison[]): string {
  return lines([
    DATASET_COLUMNS.join('\t'),
    ...datasets.map((d) => [d.location, d.relDataset, d.srcDataset ?? '', d.dstDataset ?? ''].join('\t')),
  ]);
}

/** The files' names, as the original's: `tank~src%tank~dst.tsv` and `tank~src%tank~dst.rel_datasets_tsv`. */
export function tsvFileNames(srcRoot: string, dstRoot: string): { snapshots: string; datasets: string } {
  const base = `${srcRoot}%${dstRoot}`.replaceAll('/', '~');
  return { snapshots: `${base}.tsv`, datasets: `${base}.rel_datasets_tsv` };
}

/** `2024-11-06_08:30:05+00:00`: unix seconds as ISO 8601 in UTC, as the original writes them. */
function isoUtc(secs: number): string {
  return `${new Date(secs * 1000).toISOString().slice(0, 19).replace('T', '_')}+00:00`;
}

const lines = (ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');
