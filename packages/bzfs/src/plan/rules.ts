import type { DatasetPlan, SendStep } from './types.js';

/**
 * The stable, machine-readable name of the rule that decided a dataset's plan, as --explain
 * prints it (`rule`). Documented in schema/explain.schema.json; renaming one breaks its readers.
 */
export function datasetRule(plan: Exclude<DatasetPlan, { kind: 'no-source-snapshots' }>): string {
  switch (plan.kind) {
    case 'up-to-date':
      return 'up-to-date';
    case 'conflict':
      return `conflict:${plan.conflict.kind}`;
    case 'send':
      return sendRule(
        plan.steps[0],
        plan.preActions.map((a) => a.kind),
      );
  }
}

function sendRule(first: SendStep | undefined, pre: readonly string[]): string {
  if (first?.kind === 'resume') return 'resume-interrupted-receive';
  if (first?.kind === 'full') {
    if (pre.includes('destroy-snapshots')) return 'force:destroy-all-then-full';
    if (pre.includes('overwrite-contents')) return 'force:overwrite-then-full';
    return 'first-full';
  }
  return pre.includes('rollback') ? 'force:rollback-then-incremental' : 'incremental-from-latest-common';
}
