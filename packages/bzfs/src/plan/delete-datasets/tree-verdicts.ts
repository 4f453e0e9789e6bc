import type { DatasetDecision, DatasetDeletionPlan, DeletionRule, KeepRule, TreeDestroy } from './types.js';

/** A selected dataset's own verdict, before its children are looked at. */
export type OwnVerdict =
  | { readonly eligible: true; readonly rule: DeletionRule }
  | { readonly eligible: false; readonly rule: KeepRule }
  /** Nothing is known about it (e.g. its snapshots were not listed): it stays, unless a child already keeps it. */
  | 'unknown';

const parentOf = (ds: string): string => ds.slice(0, Math.max(0, ds.lastIndexOf('/')));

/**
 * Pure: which selected datasets go, as whole trees. A dataset goes when it is selected, its own verdict lets it go
 * and every child it has in the tree goes too. So an unselected dataset never goes, nor does any ancestor of it,
 * and each top of a deletable tree is one `zfs destroy -r` that removes exactly the deletable datasets below it.
 * Sorted names list a parent before its descendants (a descendant's name extends its parent's with `/`), so the
 * reverse order decides every child before its parent in one pass.
 */
export function decideTrees(o: {
  /** The destination tree as listed: every dataset a `zfs destroy -r` of one of them would reach. */
  readonly tree: readonly string[];
  readonly selected: ReadonlySet<string>;
  readonly own: (ds: string) => OwnVerdict;
}): DatasetDeletionPlan {
  const names = [...new Set(o.tree)].sort();
  const children = new Map<string, string[]>();
  for (const ds of names) {
    const siblings = children.get(parentOf(ds));
    if (siblings === undefined) children.set(parentOf(ds), [ds]);
    else siblings.push(ds);
  }
  const deletable = new Map<string, DeletionRule>();
  const kept = new Map<string, { readonly rule: KeepRule; readonly blockedBy?: string }>();
  for (const ds of [...names].reverse()) {
    if (!o.selected.has(ds)) continue;
    const own = o.own(ds);
    if (own !== 'unknown' && !own.eligible) {
      kept.set(ds, { rule: own.rule });
      continue;
    }
    const blocking = (children.get(ds) ?? []).find((c) => !deletable.has(c));
    if (blocking !== undefined) {
      const rule = o.selected.has(blocking) ? 'child-kept' : 'child-not-selected';
      kept.set(ds, { rule, blockedBy: blocking });
    } else if (own === 'unknown') kept.set(ds, { rule: 'not-listed' });
    else deletable.set(ds, own.rule);
  }
  const topOf = new Map<string, string>();
  const destroys = new Map<string, { dataset: string; rule: DeletionRule; datasets: string[] }>();
  const decisions: DatasetDecision[] = [];
  for (const ds of names) {
    if (!o.selected.has(ds)) continue;
    const rule = deletable.get(ds);
    if (rule === undefined) {
      decisions.push({ dataset: ds, verdict: 'keep', ...kept.get(ds)! });
      continue;
    }
    // The parent, if deletable, was visited first and knows its top.
    const top = topOf.get(parentOf(ds)) ?? ds;
    topOf.set(ds, top);
    decisions.push({ dataset: ds, verdict: 'delete', rule, destroyedWith: top });
    if (top === ds) destroys.set(ds, { dataset: ds, rule, datasets: [ds] });
    else destroys.get(top)!.datasets.push(ds);
  }
  return { decisions, destroys: [...destroys.values()] as TreeDestroy[] };
}
