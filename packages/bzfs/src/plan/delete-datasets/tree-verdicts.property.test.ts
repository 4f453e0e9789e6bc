import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decideTrees } from './tree-verdicts.js';

/** A random tree under `p`: node i > 0 hangs under an earlier node; flags say what is selected or on the source. */
const world = fc
  .array(fc.record({ parent: fc.nat(), selected: fc.boolean(), onSource: fc.boolean() }), {
    minLength: 1,
    maxLength: 24,
  })
  .map((nodes) => {
    const names: string[] = [];
    nodes.forEach((n, i) => names.push(i === 0 ? 'p' : `${names[n.parent % i]}/c${i}`));
    const under = (ds: string, top: string) => ds === top || ds.startsWith(`${top}/`);
    // What is on the source is a tree too: a dataset's ancestors are there whenever it is.
    const onSource = new Set(names.filter((ds) => names.some((x, i) => nodes[i]!.onSource && under(x, ds))));
    const selected = new Set(names.filter((_, i) => nodes[i]!.selected));
    return { names, onSource, selected, under };
  });

const decide = (w: { names: string[]; onSource: Set<string>; selected: Set<string> }) =>
  decideTrees({
    tree: w.names,
    selected: w.selected,
    own: (ds) =>
      w.onSource.has(ds) ? { eligible: false, rule: 'on-source' } : { eligible: true, rule: 'dummy-source' },
  });

describe('decideTrees: properties over random trees', () => {
  it('a destroy removes only selected datasets not on the source, and lists exactly what it removes', () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const d of decide(w).destroys) {
          const removed = w.names.filter((ds) => w.under(ds, d.dataset)).sort();
          expect([...d.datasets].sort()).toEqual(removed);
          for (const ds of removed) expect(w.selected.has(ds) && !w.onSource.has(ds)).toBe(true);
        }
      }),
    );
  });

  it('no top lies under another, and every selected dataset gets exactly one decision', () => {
    fc.assert(
      fc.property(world, (w) => {
        const p = decide(w);
        for (const a of p.destroys)
          for (const b of p.destroys) if (a !== b) expect(w.under(a.dataset, b.dataset)).toBe(false);
        expect(p.decisions.map((d) => d.dataset).sort()).toEqual([...w.selected].sort());
      }),
    );
  });

  it('deletes as much as allowed: the same set as the original (candidates whose children all go, less the source)', () => {
    fc.assert(
      fc.property(world, (w) => {
        const candidates = new Set<string>();
        for (const ds of [...w.names].sort().reverse()) {
          const kids = w.names.filter((c) => c.startsWith(`${ds}/`) && !c.slice(ds.length + 1).includes('/'));
          if (w.selected.has(ds) && kids.every((c) => candidates.has(c))) candidates.add(ds);
        }
        const expected = [...candidates].filter((ds) => !w.onSource.has(ds)).sort();
        const deleted = decide(w).decisions.filter((d) => d.verdict === 'delete');
        expect(deleted.map((d) => d.dataset).sort()).toEqual(expected);
      }),
    );
  });
});
