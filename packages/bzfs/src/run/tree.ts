import pLimit from 'p-limit';
import type { SkipOnError } from '../config/types.js';

export type NodeResult<T> =
  { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'skipped' };

/**
 * Runs `work` for every dataset name, at most `threads` at once, each only after its nearest
 * ancestor in the list has finished. After a failure, `skipChildren` decides whether the
 * subtree is skipped; with skip-on-error=fail no new dataset starts after the first failure.
 */
export async function runTree<T>(
  names: readonly string[],
  threads: number,
  skipOnError: SkipOnError,
  work: (name: string) => Promise<T>,
  skipChildren: (name: string, r: NodeResult<T>) => Promise<boolean>,
): Promise<Map<string, NodeResult<T>>> {
  const limit = pLimit(threads);
  const sorted = [...names].sort();
  const set = new Set(sorted);
  const promises = new Map<string, Promise<NodeResult<T>>>();
  let aborted = false;
  const parentOf = (n: string): string | undefined => {
    for (let p = n; p.includes('/');) {
      p = p.slice(0, p.lastIndexOf('/'));
      if (set.has(p)) return p;
    }
    return undefined;
  };
  // Deciding needs a zfs/ssh call that can fail too (often right after the parent failed):
  // when in doubt the subtree is skipped, and the error stays confined to it.
  const skipChildrenSafely = (n: string, r: NodeResult<T>) => skipChildren(n, r).catch(() => true);
  for (const name of sorted) {
    const parent = parentOf(name);
    const before = parent === undefined ? Promise.resolve(undefined) : promises.get(parent)!;
    promises.set(
      name,
      before.then(async (pr): Promise<NodeResult<T>> => {
        if (pr !== undefined && (pr.kind === 'skipped' || (await skipChildrenSafely(parent!, pr))))
          return { kind: 'skipped' };
        return limit(async (): Promise<NodeResult<T>> => {
          if (aborted) return { kind: 'skipped' };
          try {
            return { kind: 'done', value: await work(name) };
          } catch (error) {
            if (skipOnError === 'fail') aborted = true;
            return { kind: 'failed', error };
          }
        });
      }),
    );
  }
  const results = new Map<string, NodeResult<T>>();
  for (const [name, p] of promises) results.set(name, await p);
  return results;
}
