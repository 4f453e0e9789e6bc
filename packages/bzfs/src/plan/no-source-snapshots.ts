import type { SkipMissingSnapshots } from '../config/types.js';
import type { SnapshotRef } from '../model/snapshot.js';

/** What --skip-missing-snapshots makes of a source dataset that has no selected snapshot. */
export type NoSourceSnapshotsPlan =
  /** `fail`: the run reports an error. */
  | { readonly kind: 'fail' }
  /** `dataset` (default): the dataset is skipped (and its subtree, unless its destination exists). */
  | { readonly kind: 'skip' }
  /** `continue`, but the destination keeps snapshots the source does not select, and --force is off. */
  | { readonly kind: 'conflict'; readonly dstSnapshots: readonly SnapshotRef[] }
  /**
   * `continue`: the dataset's descendants are still replicated below it. Destination snapshots the
   * source does not select are destroyed (--force). A missing destination is not created now but
   * only when a descendant is received into it (`createdIfNeeded`), as in the original: a source
   * subtree without any snapshot to send leaves nothing behind on the destination.
   */
  | {
      readonly kind: 'continue';
      readonly destroy: readonly SnapshotRef[];
      readonly createdIfNeeded: boolean;
    };

/**
 * Pure: decides from the mode, the destination's snapshots (undefined: it does not exist) and
 * whether --force may destroy all destination snapshots.
 */
export function planNoSourceSnapshots(
  mode: SkipMissingSnapshots,
  dst: readonly SnapshotRef[] | undefined,
  forceDestroyAll: boolean,
): NoSourceSnapshotsPlan {
  if (mode === 'fail') return { kind: 'fail' };
  if (mode === 'dataset') return { kind: 'skip' };
  if (dst !== undefined && dst.length > 0 && !forceDestroyAll) return { kind: 'conflict', dstSnapshots: dst };
  return { kind: 'continue', destroy: dst ?? [], createdIfNeeded: dst === undefined };
}
