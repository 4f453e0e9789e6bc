import { createHash } from 'node:crypto';
import type { BzfsConfig } from '../config/types.js';
import type { FilterGroup } from '../filters/filter-groups.js';
import { specOf } from '../filters/name-matcher.js';

/**
 * Two runs are "the same job" when they would do the same work to ZFS: the same pairs (with their
 * ssh targets), selection, replication and force settings, however the options were ordered or
 * spelled. The run-only part (`cfg.run`: verbosity, dry-run, threads, retries, log dir, timeout,
 * ssh persistence) is left out as a whole, so that e.g. a --dryrun started while the real job is
 * running exits 4, as in the original, and a new run-only option cannot change the key. The daemon
 * settings (`cfg.daemon`) are left out too: a cron-started duplicate of a daemon is the same job. So is `cfg.ssh`
 * (which ssh client and cipher): how hosts are reached, not what is done to them.
 */
export function lockKeyOf(cfg: BzfsConfig): string {
  // How the stream travels (helpers, --bwlimit, --r2r) and --cache-snapshots change how fast the job runs, not
  // which job it is.
  const {
    run: _run,
    daemon: _daemon,
    ssh: _ssh,
    lockKey: _lockKey,
    transfer: _transfer,
    cache: _cache,
    ...work
  } = cfg;
  const s = work.selection;
  // Dataset filters are sets: their order on the command line does not change what is selected.
  const normalized = {
    ...work,
    selection: {
      ...s,
      includeDatasets: sorted(s.includeDatasets),
      excludeDatasets: sorted(s.excludeDatasets),
      includeDatasetRegex: sorted(s.includeDatasetRegex),
      excludeDatasetRegex: sorted(s.excludeDatasetRegex),
      snapshotFilters: sorted(s.snapshotFilters.map(groupKey)),
    },
  };
  const json = JSON.stringify(normalized);
  return createHash('sha256').update(json).digest('hex');
}

/**
 * A filter group as key text. The selection is the union of the groups, so their order is sorted
 * away; within a group the filters narrow left to right and rank ranges apply one after another
 * (`latest 10` then `oldest 50%` is not `oldest 50%` then `latest 10`), so that order stays. The
 * regexes of one regex filter are a set: a matcher is keyed by the spec it came from (`!` included).
 */
function groupKey(group: FilterGroup): string {
  return JSON.stringify(
    group.map((f) =>
      f.kind === 'regex'
        ? { kind: f.kind, include: sorted(f.include.map(specOf)), exclude: sorted(f.exclude.map(specOf)) }
        : f,
    ),
  );
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
