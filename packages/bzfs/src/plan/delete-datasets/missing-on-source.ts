import type { SelectionSettings } from '../../config/types.js';
import { dstSelection } from './dst-selection.js';
import { decideTrees } from './tree-verdicts.js';
import type { DatasetDeletionPlan } from './types.js';

/**
 * Pure: --delete-dst-datasets. A selected destination dataset goes when the source has no dataset at its place
 * (with the `dummy` source, which has none, every selected one goes), as a whole tree, and only when every
 * descendant goes too (tree-verdicts.ts). Without --recursive the root alone is looked at: if it goes, its
 * `zfs destroy -r` takes its children with it, as in the original.
 */
export function planMissingOnSource(o: {
  readonly dstRoot: string;
  /** The destination tree as listed now (after replication). */
  readonly dstTree: readonly string[];
  /** undefined: the source is `dummy`. */
  readonly srcRoot: string | undefined;
  /** The source tree as listed (the root alone without --recursive). */
  readonly srcDatasets: readonly string[];
  readonly selection: SelectionSettings;
}): DatasetDeletionPlan {
  const { srcRoot, dstRoot } = o;
  const onSource = new Set(
    srcRoot === undefined
      ? []
      : o.srcDatasets
          .filter((n) => n === srcRoot || n.startsWith(`${srcRoot}/`))
          .map((n) => dstRoot + n.slice(srcRoot.length)),
  );
  const rule = srcRoot === undefined ? 'dummy-source' : 'not-on-source';
  return decideTrees({
    ...dstSelection(o),
    own: (ds) => (onSource.has(ds) ? { eligible: false, rule: 'on-source' } : { eligible: true, rule }),
  });
}
