import type { SelectionSettings } from '../config/types.js';
import { datasetSelector } from '../filters/dataset-filter.js';
import { planDstAncestors, type AncestorPlan } from './dst-ancestors.js';

/** One source dataset and the destination dataset it replicates to. */
export interface DatasetMapping {
  readonly src: string;
  readonly dst: string;
}

/** What the replication of one SRC DST pair does before any dataset is planned. */
export interface PairReplicationPlan {
  /** The selected datasets, parents before children. */
  readonly datasets: readonly DatasetMapping[];
  /** The destination ancestors to create first (or why they cannot be). */
  readonly ancestors: AncestorPlan;
}

/**
 * Pure: which source datasets of the listing take part (the dataset filters; --skip-parent leaves
 * out the root of a recursive pair), where each one goes, and which destination parents the top
 * of each selected subtree needs. Receives create the rest. `dstExists` answers from the
 * destination's listing at the start of the run.
 */
export function planPairReplication(o: {
  readonly srcRoot: string;
  readonly dstRoot: string;
  /** The source tree as listed, parents first. */
  readonly srcDatasets: readonly string[];
  readonly selection: SelectionSettings;
  readonly dstExists: (ds: string) => boolean;
}): PairReplicationPlan {
  const { srcRoot, dstRoot } = o;
  const names = selectedSourceDatasets(srcRoot, o.srcDatasets, o.selection);
  const dstOf = (n: string) => dstRoot + n.slice(srcRoot.length);
  const set = new Set(names);
  const tops = names.filter((n) => !set.has(n.slice(0, n.lastIndexOf('/'))));
  return {
    datasets: names.map((n) => ({ src: n, dst: dstOf(n) })),
    ancestors: planDstAncestors(tops.map(dstOf), o.dstExists),
  };
}

/**
 * The source datasets of the listing the dataset filters select, in listing order; --skip-parent
 * leaves out the root of a recursive pair. What every task of a pair works on (replication, creation).
 */
export function selectedSourceDatasets(
  srcRoot: string,
  srcDatasets: readonly string[],
  selection: SelectionSettings,
): string[] {
  const selected = datasetSelector(srcRoot, selection);
  const skipRoot = selection.skipParent && selection.recursive;
  return srcDatasets.filter((n) => selected(n) && !(skipRoot && n === srcRoot));
}
