import { createHash } from 'node:crypto';
import type { BzfsConfig } from '../config/types.js';
import { specOf } from '../filters/name-matcher.js';

/**
 * Two runs are "the same job" when they would do the same work to ZFS: the same pairs (with their
 * ssh targets), recursion, filters, force, send/receive and bookmark/resume settings, however the
 * options were ordered or spelled. What only changes how the job runs or reports is left out, so
 * that e.g. a --dryrun started while the real job is running exits 4, as in the original.
 */
export function lockKeyOf(cfg: BzfsConfig): string {
  const {
    verbose: _verbose,
    quiet: _quiet,
    dryrun: _dryrun,
    threads: _threads,
    retry: _retry,
    logDir: _logDir,
    timeoutMs: _timeoutMs,
    sshControlPersistSecs: _sshControlPersistSecs,
    lockKey: _lockKey,
    ...work
  } = cfg;
  // Filters are sets: their order on the command line does not change what is selected.
  const sorted = (xs: readonly string[]) => [...xs].sort();
  const normalized = {
    ...work,
    includeDatasets: sorted(work.includeDatasets),
    excludeDatasets: sorted(work.excludeDatasets),
    includeDatasetRegex: sorted(work.includeDatasetRegex),
    excludeDatasetRegex: sorted(work.excludeDatasetRegex),
    // A matcher is keyed by the spec it came from (`!` included), so equal patterns, equal keys.
    includeSnapshotRegex: sorted(work.includeSnapshotRegex.map(specOf)),
    excludeSnapshotRegex: sorted(work.excludeSnapshotRegex.map(specOf)),
  };
  const json = JSON.stringify(normalized);
  return createHash('sha256').update(json).digest('hex');
}
