import { fullName } from '../../model/snapshot.js';
import { datasetStats } from './stats.js';
import type { CompareLocation, DatasetComparison } from './types.js';

/** The compare task's part of the --explain document (schema/explain.schema.json, `$defs.compare`). */
export function explainComparison(
  datasets: readonly DatasetComparison[],
  locations: readonly CompareLocation[],
): Record<string, unknown> {
  return {
    locations,
    datasets: datasets.map((d) => {
      const s = datasetStats(d.rows);
      return {
        relDataset: d.relDataset,
        location: d.location,
        srcDataset: d.srcDataset ?? null,
        dstDataset: d.dstDataset ?? null,
        counts: Object.fromEntries(locations.map((l) => [l, s.of[l].count])),
        latestCommon: s.latestCommon === undefined ? null : fullName(s.latestCommon.entry),
      };
    }),
  };
}
