import { humanBytes, humanDuration } from '../../model/human-units.js';
import { datasetStats } from './stats.js';
import { rowText } from './tsv.js';
import type { CompareLocation, DatasetComparison } from './types.js';

const LATEST_COMMON = 'latest common snapshot';

/**
 * Pure: the summary the original logs for one dataset, line by line, with its wording (scripts
 * grep for it): per requested location its latest and oldest row, counts and bytes written, what
 * came after the latest common snapshot, and the ages. `task` names the pair (`SRC vs. DST`);
 * `nowSecs` is the run's clock value.
 */
export function summaryLines(
  d: DatasetComparison,
  o: { readonly task: string; readonly locations: ReadonlySet<CompareLocation>; readonly nowSecs: number },
): string[] {
  const stats = datasetStats(d.rows);
  const prefix = `Comparing ${d.relDataset}~`;
  const every = o.locations.size === 3;
  const { src, dst, all } = stats.of;
  const verdict = every ? (src.count === 0 && dst.count === 0 && all.count > 0 ? 'True' : 'False') : 'n/a';
  const out = [
    `of ${o.task}`,
    'Q: No src snapshots are missing on dst, and no dst snapshots are missing on src, ' +
      `and there is a common snapshot? A: ${verdict}`,
  ];
  const common = stats.latestCommon?.entry.creation;
  for (const loc of (['all', 'src', 'dst'] as const).filter((l) => o.locations.has(l))) {
    const s = stats.of[loc];
    out.push(
      `Latest snapshot only in ${loc}: ${s.latest === undefined ? 'n/a' : rowText(s.latest)}`,
      `Oldest snapshot only in ${loc}: ${s.oldest === undefined ? 'n/a' : rowText(s.oldest)}`,
      `Snapshots only in ${loc}: ${s.count}`,
      `Snapshot data written only in ${loc}: ${humanBytes(Number(s.written))}`,
    );
    const ages = [
      ['latest', s.latest?.entry.creation],
      ['oldest', s.oldest?.entry.creation],
    ] as const;
    if (loc !== 'all') {
      const since = <T>(v: T) => (common === undefined ? 'n/a' : v);
      out.push(
        `Snapshots only in ${loc} since ${LATEST_COMMON}: ${since(s.countSince)}`,
        `Snapshot data written only in ${loc} since ${LATEST_COMMON}: ${since(humanBytes(Number(s.writtenSince)))}`,
        ...ages.map(
          ([label, t]) =>
            `Time diff between ${LATEST_COMMON} and ${label} snapshot only in ${loc}: ` +
            (t === undefined || common === undefined ? 'n/a' : humanDuration(common - t)),
        ),
      );
    }
    out.push(
      ...ages.map(
        ([label, t]) =>
          `Time diff between now and ${label} snapshot only in ${loc}: ` +
          (t === undefined ? 'n/a' : humanDuration(o.nowSecs - t)),
      ),
    );
  }
  return out.map((line) => `${prefix} ${line}`);
}
