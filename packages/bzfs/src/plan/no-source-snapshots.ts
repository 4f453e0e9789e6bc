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
   * `continue`: the destination ends up existing and without snapshots, so that the dataset's
   * descendants can still be replicated below it: its snapshots destroyed (--force), or it is created.
   */
  | { readonly kind: 'continue'; readonly destroy: readonly SnapshotRef[]; readonly createDst: boolean };

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
  return { kind: 'continue', destroy: dst ?? [], createDst: dst === undefined };
}
