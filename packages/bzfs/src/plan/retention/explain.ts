import { fullName } from '../../model/snapshot.js';
import type { PruneTarget } from './targets.js';
import type { RetentionPlan } from './types.js';

/** One dataset's part of the delete-dst-snapshots section of --explain (schema/explain.schema.json). */
export interface RetentionExplanation {
  readonly dataset: string;
  /** The source dataset it is cross-checked against; null with `dummy`. */
  readonly source: string | null;
  readonly kind: 'snapshot' | 'bookmark' | null;
  /** One per candidate, oldest first: what happens to it and the rule that decided. */
  readonly decisions: readonly {
    readonly name: string;
    readonly verdict: 'delete' | 'keep' | 'skip';
    readonly rule: string;
    readonly safety: string | null;
  }[];
  readonly warnings: readonly string[];
  /** `gone`: the dataset vanished after the tree was listed. */
  readonly status: 'planned' | 'gone' | 'error';
  readonly error: string | null;
}

/** Pure: the JSON form of one dataset's retention plan, or of why there is none. */
export function explainRetentionPlan(
  t: PruneTarget,
  plan: RetentionPlan | undefined | { readonly error: string },
): RetentionExplanation {
  const base = { dataset: t.dst, source: t.src ?? null };
  if (plan === undefined || 'error' in plan) {
    const error = plan === undefined ? null : plan.error;
    return {
      ...base,
      kind: null,
      decisions: [],
      warnings: [],
      status: error === null ? 'gone' : 'error',
      error,
    };
  }
  return {
    ...base,
    kind: plan.kind,
    decisions: plan.decisions.map((d) => ({
      name: fullName(d.entry),
      verdict: d.verdict,
      rule: d.rule,
      safety: d.safety ?? null,
    })),
    warnings: plan.warnings,
    status: 'planned',
    error: null,
  };
}
