import { describe, expect, it } from '@jest/globals';
import { decideTrees, type OwnVerdict } from './tree-verdicts.js';

const ELIGIBLE: OwnVerdict = { eligible: true, rule: 'not-on-source' };
const ON_SOURCE: OwnVerdict = { eligible: false, rule: 'on-source' };

/** decideTrees over `tree`, with `selected` (default: all) and the datasets of `kept` not eligible. */
function decide(tree: string[], o: { selected?: string[]; kept?: string[]; unknown?: string[] } = {}) {
  return decideTrees({
    tree,
    selected: new Set(o.selected ?? tree),
    own: (ds) => (o.unknown?.includes(ds) ? 'unknown' : o.kept?.includes(ds) ? ON_SOURCE : ELIGIBLE),
  });
}
const tops = (p: ReturnType<typeof decide>) => p.destroys.map((d) => [d.dataset, d.datasets]);
const kept = (p: ReturnType<typeof decide>) =>
  p.decisions.flatMap((d) => (d.verdict === 'keep' ? [[d.dataset, d.rule, d.blockedBy ?? null]] : []));

describe('decideTrees', () => {
  it('collapses a deletable tree into one destroy of its top, which lists what it removes, parents first', () => {
    const p = decide(['p', 'p/a', 'p/a/b', 'p/a/b/c', 'p/a/d', 'p/e'], { kept: ['p', 'p/e'] });
    expect(tops(p)).toEqual([['p/a', ['p/a', 'p/a/b', 'p/a/b/c', 'p/a/d']]]);
    expect(p.decisions.find((d) => d.dataset === 'p/a/b/c')).toEqual({
      dataset: 'p/a/b/c',
      verdict: 'delete',
      rule: 'not-on-source',
      destroyedWith: 'p/a',
    });
    expect(kept(p)).toEqual([
      ['p', 'on-source', null],
      ['p/e', 'on-source', null],
    ]);
  });

  it('an unselected dataset stays, and so does every ancestor of it; its siblings still go', () => {
    const p = decide(['p', 'p/a', 'p/a/x', 'p/a/x/y', 'p/a/z', 'p/b'], {
      selected: ['p', 'p/a', 'p/a/x/y', 'p/a/z', 'p/b'],
    });
    expect(tops(p)).toEqual([
      ['p/a/x/y', ['p/a/x/y']],
      ['p/a/z', ['p/a/z']],
      ['p/b', ['p/b']],
    ]);
    expect(kept(p)).toEqual([
      ['p', 'child-kept', 'p/a'],
      ['p/a', 'child-not-selected', 'p/a/x'],
    ]);
    // The unselected dataset has no decision at all: it is not looked at.
    expect(p.decisions.map((d) => d.dataset)).not.toContain('p/a/x');
  });

  it('a dataset that stays by its own rule keeps its ancestors; its own verdict comes before its children', () => {
    const p = decide(['p', 'p/a', 'p/a/b'], { kept: ['p/a', 'p/a/b'] });
    expect(tops(p)).toEqual([]);
    expect(kept(p)).toEqual([
      ['p', 'child-kept', 'p/a'],
      ['p/a', 'on-source', null],
      ['p/a/b', 'on-source', null],
    ]);
  });

  it('an unknown dataset stays as not-listed, unless a child already keeps it', () => {
    const p = decide(['p', 'p/a', 'p/b', 'p/b/c'], { unknown: ['p/a', 'p/b'], kept: ['p/b/c'] });
    expect(kept(p)).toEqual([
      ['p', 'child-kept', 'p/a'],
      ['p/a', 'not-listed', null],
      ['p/b', 'child-kept', 'p/b/c'],
      ['p/b/c', 'on-source', null],
    ]);
  });

  it('the root goes as a whole when everything is deletable; names sort with "-" before "/" and still nest right', () => {
    const p = decide(['p/a-b', 'p', 'p/a', 'p/a/b', 'p/a-b/c']);
    expect(tops(p)).toEqual([['p', ['p', 'p/a', 'p/a-b', 'p/a-b/c', 'p/a/b']]]);
  });

  it('a lone root with no listed children goes by itself (the tree without --recursive)', () => {
    expect(tops(decide(['p']))).toEqual([['p', ['p']]]);
    expect(tops(decide([], { selected: [] }))).toEqual([]);
  });
});
