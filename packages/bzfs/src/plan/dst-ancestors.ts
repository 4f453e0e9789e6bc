/** The destination datasets to create before anything is received, or why that cannot be done. */
export type AncestorPlan =
  | { readonly kind: 'create'; readonly datasets: readonly string[] }
  | { readonly kind: 'pool-missing'; readonly pool: string };

/**
 * Each selected subtree's top needs its destination parents to exist; receives create the rest.
 * Returns the missing ancestors of every top, each once and parents first (`zfs create -u` in
 * this order never fails for want of a parent). A missing pool cannot be created by bzfs.
 * `exists` answers from the destination's listing at the start of the run.
 */
export function planDstAncestors(tops: readonly string[], exists: (ds: string) => boolean): AncestorPlan {
  const planned = new Set<string>();
  const create: string[] = [];
  for (const top of tops) {
    const parts = top.split('/');
    const missing: string[] = [];
    for (let i = parts.length - 1; i >= 1; i--) {
      const ds = parts.slice(0, i).join('/');
      if (planned.has(ds) || exists(ds)) break;
      missing.unshift(ds);
    }
    if (missing[0] !== undefined && !missing[0].includes('/'))
      return { kind: 'pool-missing', pool: missing[0] };
    for (const ds of missing) planned.add(ds);
    create.push(...missing);
  }
  return { kind: 'create', datasets: create };
}
