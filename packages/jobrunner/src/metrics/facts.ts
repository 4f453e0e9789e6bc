import { parseLocator } from '@bzfs-ts/bzfs';
import type { RunSummary } from '../schedule/run-all.js';
import type { RunFacts } from './metrics.js';

/** What the metrics need of the runs that ran (a skipped run changes no series). */
export function runFacts(records: RunSummary['records']): RunFacts[] {
  return records.flatMap((r) =>
    r.status === 'skipped'
      ? []
      : [
          {
            action: r.inv.action,
            srcHost: r.inv.srcHost,
            ...(r.inv.dstHost !== undefined && { dstHost: r.inv.dstHost }),
            exitCode: r.exitCode,
            pairs: r.inv.options.datasetPairs.map((p) => ({
              src: parseLocator(p.src).dataset,
              dst: parseLocator(p.dst).dataset,
            })),
            ...(r.result.report !== undefined && { report: r.result.report }),
          },
        ],
  );
}
