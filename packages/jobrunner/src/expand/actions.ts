/**
 * The actions a run may perform, in the order they run for one source host. The order is the
 * original's: snapshots exist before they are replicated, replicas exist before the source is pruned,
 * and monitoring sees the result of everything else.
 */
export const ACTIONS = [
  'create-src-snapshots',
  'replicate',
  'prune-src-snapshots',
  'prune-src-bookmarks',
  'prune-dst-snapshots',
  'monitor-src-snapshots',
  'monitor-dst-snapshots',
] as const;

export type Action = (typeof ACTIONS)[number];

/** Monitor runs legitimately exit 1 (WARNING) or 2 (CRITICAL). */
export const MONITOR_ACTIONS: ReadonlySet<Action> = new Set([
  'monitor-src-snapshots',
  'monitor-dst-snapshots',
]);
