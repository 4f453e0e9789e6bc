import type { SelectionSettings } from '../../config/types.js';
import { planPairReplication } from '../pair-replication.js';

/** One destination dataset to prune, and the source dataset it is cross-checked against (none with `dummy`). */
export interface PruneTarget {
  readonly src: string | undefined;
  readonly dst: string;
}

/**
 * Pure: the destination datasets --delete-dst-snapshots prunes, parents first. With a real source, the selected
 * source datasets mapped as replication maps them (same dataset filters, same --skip-parent), where the destination
 * has them. With `dummy` as source, the destination tree itself is selected by the same filters.
 */
export function pruneTargets(o: {
  /** undefined: the source is `dummy`. */
  readonly srcRoot: string | undefined;
  readonly dstRoot: string;
  readonly srcDatasets: readonly string[];
  /** The destination tree as listed now (after replication). */
  readonly dstDatasets: readonly string[];
  readonly selection: SelectionSettings;
}): PruneTarget[] {
  const dummy = o.srcRoot === undefined;
  const { datasets } = planPairReplication({
    srcRoot: o.srcRoot ?? o.dstRoot,
    dstRoot: o.dstRoot,
    srcDatasets: dummy ? o.dstDatasets : o.srcDatasets,
    selection: o.selection,
    // Only the mapping is wanted here, not the parents replication would create.
    dstExists: () => true,
  });
  const onDst = new Set(o.dstDatasets);
  return datasets
    .filter((d) => onDst.has(d.dst))
    .map((d) => ({ src: dummy ? undefined : d.src, dst: d.dst }));
}
