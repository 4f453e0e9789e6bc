import type { DatasetDeletionPlan, DeletionRule, KeepRule } from './types.js';

/** A dataset deletion plan as --explain prints it (schema/explain.schema.json, `$defs.datasetDeletion`). */
export interface DatasetDeletionExplanation {
  /** One `zfs destroy -r` each: the top, why, and every dataset it removes. */
  readonly destroy: readonly {
    readonly dataset: string;
    readonly rule: DeletionRule;
    readonly datasets: readonly string[];
  }[];
  /** One per selected destination dataset. */
  readonly datasets: readonly {
    readonly dataset: string;
    readonly verdict: 'delete' | 'keep';
    readonly rule: DeletionRule | KeepRule;
    readonly destroyedWith: string | null;
    readonly blockedBy: string | null;
  }[];
}

/** Pure: the JSON form of a plan. */
export function explainDatasetDeletion(plan: DatasetDeletionPlan): DatasetDeletionExplanation {
  return {
    destroy: plan.destroys.map((d) => ({ dataset: d.dataset, rule: d.rule, datasets: d.datasets })),
    datasets: plan.decisions.map((d) => ({
      dataset: d.dataset,
      verdict: d.verdict,
      rule: d.rule,
      destroyedWith: d.verdict === 'delete' ? d.destroyedWith : null,
      blockedBy: d.verdict === 'keep' ? (d.blockedBy ?? null) : null,
    })),
  };
}
