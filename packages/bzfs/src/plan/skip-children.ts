import type { SkipOnError } from '../config/types.js';

/** How replicating one dataset ended, as far as its children care. */
export type DatasetOutcome =
  | 'replicated'
  | 'up-to-date'
  | 'skipped-no-snapshots'
  /** --skip-missing-snapshots=continue: nothing sent, but the children go on (their receives create it if needed). */
  | 'continued-no-snapshots'
  | 'skipped-src-vanished';

/** A dataset's result in the tree walk (run/tree.ts NodeResult, without the error itself). */
export type DatasetResult =
  | { readonly kind: 'done'; readonly value: DatasetOutcome }
  | { readonly kind: 'failed' }
  | { readonly kind: 'skipped' };

/** Whether the children of a dataset are skipped: yes, no, or only if its destination does not exist. */
export type ChildrenVerdict = 'skip' | 'go-on' | 'skip-if-dst-missing';

/**
 * Children of a dataset that could not be replicated have nowhere to go unless its destination
 * exists. --skip-on-error=tree (and fail) skips the subtree of every failure regardless.
 */
export function childrenVerdict(policy: SkipOnError, r: DatasetResult): ChildrenVerdict {
  if (r.kind === 'skipped') return 'skip';
  if (r.kind === 'done') {
    if (r.value === 'skipped-src-vanished') return 'skip';
    if (r.value === 'continued-no-snapshots') return 'go-on';
    return r.value === 'skipped-no-snapshots' ? 'skip-if-dst-missing' : 'go-on';
  }
  return policy === 'tree' || policy === 'fail' ? 'skip' : 'skip-if-dst-missing';
}
