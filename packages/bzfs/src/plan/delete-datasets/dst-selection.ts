import type { SelectionSettings } from '../../config/types.js';
import { selectedSourceDatasets } from '../pair-replication.js';

/**
 * Pure: the part of the destination tree the deletions look at, and which of it the dataset filters select. The
 * filters apply to names relative to the destination root, as the original applies them (and --skip-parent leaves
 * the root out under --recursive). Without --recursive only the root is looked at, whatever else was listed.
 */
export function dstSelection(o: {
  readonly dstRoot: string;
  readonly dstTree: readonly string[];
  readonly selection: SelectionSettings;
}): { tree: string[]; selected: Set<string> } {
  const tree = o.selection.recursive ? [...o.dstTree] : o.dstTree.filter((ds) => ds === o.dstRoot);
  return { tree, selected: new Set(selectedSourceDatasets(o.dstRoot, tree, o.selection)) };
}
