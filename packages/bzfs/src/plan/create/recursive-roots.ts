/**
 * When `zfs snapshot -r` may stand in for a list of datasets: `zfs snapshot -r root@name` snapshots
 * root and every descendant in one transaction, so it is right only if every dataset under each root
 * is to be snapshotted. A dataset that the dataset filters left out, or whose label is not due yet,
 * forces the explicit list (still atomic within one command line).
 */

/**
 * The roots of the subtrees `datasets` forms (sorted), if `-r` on them would snapshot exactly
 * `datasets` among `all` (every dataset of the tree, before filtering); undefined otherwise.
 */
export function recursiveRoots(datasets: readonly string[], all: readonly string[]): string[] | undefined {
  const chosen = new Set(datasets);
  const roots = [...chosen].filter((d) => !ancestors(d).some((a) => chosen.has(a))).sort();
  const rootSet = new Set(roots);
  for (const d of all) {
    if (!chosen.has(d) && [d, ...ancestors(d)].some((a) => rootSet.has(a))) return undefined;
  }
  return roots;
}

/** `a/b/c` → `a/b`, `a`. */
function ancestors(dataset: string): string[] {
  const out: string[] = [];
  for (let i = dataset.lastIndexOf('/'); i > 0; i = dataset.lastIndexOf('/', i - 1)) {
    out.push(dataset.slice(0, i));
  }
  return out;
}
