import { BzfsError } from '../../model/errors.js';
import { compareByTxg, fullName, type SnapshotRef } from '../../model/snapshot.js';
import { batchLimit, chunkByBytes } from '../batch.js';

/**
 * The snapshot-name lists of the `zfs destroy ds@a,b,c` commands that delete `snapshots` of `dataset`: one dataset
 * per command, oldest first (so an interrupted run has removed the oldest ones), each list within the command-line
 * limit. `prefix` is the argv before the list (ssh and its options, `sudo`, `zfs destroy -v`); `oses` as in batchLimit.
 * Bookmarks cannot be listed this way: zfs destroys one bookmark per command.
 */
export function destroyBatches(
  dataset: string,
  snapshots: readonly SnapshotRef[],
  o: { readonly prefix: readonly string[]; readonly oses: readonly (string | undefined)[] },
): string[][] {
  const stray = snapshots.find((s) => s.kind !== 'snapshot' || s.dataset !== dataset);
  if (stray !== undefined) {
    throw new BzfsError(`Cannot destroy ${fullName(stray)} with the snapshots of ${dataset}`);
  }
  // The list is one argument, `ds@a,b,c`: its `ds@` is part of the fixed text.
  const limit = batchLimit({ fixed: [...o.prefix, `${dataset}@`], oses: o.oses, separator: ',' });
  const names = [...snapshots].sort(compareByTxg).map((s) => s.name);
  return chunkByBytes(names, (n) => n, limit);
}
