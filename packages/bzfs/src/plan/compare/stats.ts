import type { CompareLocation, CompareRow } from './types.js';

/** What one location's rows of a dataset add up to. */
interface LocationStats {
  readonly count: number;
  /** The sum of `written` (a bookmark counts 0). */
  readonly written: bigint;
  /** Rows after the latest common (`all`) row; all rows when there is none. */
  readonly countSince: number;
  readonly writtenSince: bigint;
  readonly oldest: CompareRow | undefined;
  readonly latest: CompareRow | undefined;
}

export interface DatasetStats {
  readonly of: Readonly<Record<CompareLocation, LocationStats>>;
  /** The latest `all` row: undefined without one (or when `all` rows are not wanted). */
  readonly latestCommon: CompareRow | undefined;
}

/** Pure: the per-location figures of one dataset's rows (oldest first), as the original's summary reports them. */
export function datasetStats(rows: readonly CompareRow[]): DatasetStats {
  const common = rows.findLastIndex((r) => r.location === 'all');
  const statsOf = (loc: CompareLocation): LocationStats => {
    const mine = rows.filter((r) => r.location === loc);
    const since = rows.slice(common + 1).filter((r) => r.location === loc);
    return {
      count: mine.length,
      written: sumWritten(mine),
      countSince: since.length,
      writtenSince: sumWritten(since),
      oldest: mine[0],
      latest: mine.at(-1),
    };
  };
  return {
    of: { src: statsOf('src'), dst: statsOf('dst'), all: statsOf('all') },
    latestCommon: common < 0 ? undefined : rows[common],
  };
}

const sumWritten = (rows: readonly CompareRow[]): bigint =>
  rows.reduce((n, r) => n + (r.entry.written ?? 0n), 0n);
