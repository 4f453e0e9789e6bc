import { createHash } from 'node:crypto';
import type { BzfsConfig } from '../config/types.js';
import { specOf } from '../filters/name-matcher.js';

/**
 * Two runs are "the same job" when they would do the same work to ZFS: the same pairs (with their
 * ssh targets), selection, replication and force settings, however the options were ordered or
 * spelled. The run-only part (`cfg.run`: verbosity, dry-run, threads, retries, log dir, timeout,
 * ssh persistence) is left out as a whole, so that e.g. a --dryrun started while the real job is
 * running exits 4, as in the original, and a new run-only option cannot change the key.
 */
export function lockKeyOf(cfg: BzfsConfig): string {
  const { run: _run, lockKey: _lockKey, ...work } = cfg;
  const s = work.selection;
  // Filters are sets: their order on the command line does not change what is selected.
  const sorted = (xs: readonly string[]) => [...xs].sort();
  const normalized = {
    ...work,
    selection: {
      ...s,
      includeDatasets: sorted(s.includeDatasets),
      excludeDatasets: sorted(s.excludeDatasets),
      includeDatasetRegex: sorted(s.includeDatasetRegex),
      excludeDatasetRegex: sorted(s.excludeDatasetRegex),
      // A matcher is keyed by the spec it came from (`!` included), so equal patterns, equal keys.
      includeSnapshotRegex: sorted(s.includeSnapshotRegex.map(specOf)),
      excludeSnapshotRegex: sorted(s.excludeSnapshotRegex.map(specOf)),
    },
  };
  const json = JSON.stringify(normalized);
  return createHash('sha256').update(json).digest('hex');
}
