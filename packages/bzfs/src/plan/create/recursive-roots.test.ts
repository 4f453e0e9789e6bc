import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { recursiveRoots } from './recursive-roots.js';

const TREE = ['p', 'p/a', 'p/a/c', 'p/a-b', 'p/d'];

describe('recursiveRoots', () => {
  it.each<[string[], string[] | undefined]>([
    [TREE, ['p']],
    [['p/a', 'p/a/c'], ['p/a']],
    [
      ['p/a/c', 'p/d'],
      ['p/a/c', 'p/d'],
    ],
    [
      ['p/a', 'p/a/c', 'p/a-b'],
      ['p/a', 'p/a-b'],
    ], // 'p/a-b' is no child of 'p/a'
    [
      ['p/d', 'p/a/c', 'p/a'],
      ['p/a', 'p/d'],
    ],
    [['p', 'p/a', 'p/a-b', 'p/d'], undefined], // -r on p would also snapshot p/a/c
    [['p/a'], undefined],
    [[], []],
  ])('%j', (datasets, roots) => {
    expect(recursiveRoots(datasets, TREE)).toEqual(roots);
  });

  it('gives roots whose subtrees hold exactly the datasets, or undefined when none can', () => {
    const names = fc.constantFrom('a', 'b', 'a-b', 'c');
    const tree = fc
      .uniqueArray(fc.array(names, { minLength: 0, maxLength: 3 }), {
        maxLength: 12,
        selector: (p) => p.join('/'),
      })
      .map((paths) => {
        const all = new Set<string>();
        for (const path of paths)
          for (let i = 0; i <= path.length; i++) all.add(['pool', ...path.slice(0, i)].join('/'));
        return [...all];
      });
    fc.assert(
      fc.property(
        tree.chain((all) => fc.tuple(fc.constant(all), fc.subarray(all))),
        ([all, chosen]) => {
          const under = (root: string) => all.filter((d) => d === root || d.startsWith(`${root}/`));
          const roots = recursiveRoots(chosen, all);
          // The roots are exactly the chosen datasets without a chosen ancestor ...
          const isRoot = (d: string) => !chosen.some((o) => o !== d && d.startsWith(`${o}/`));
          const exactlyCovered = chosen.filter(isRoot).flatMap(under).length === chosen.length;
          if (roots === undefined) {
            expect(exactlyCovered).toBe(false);
          } else {
            // ... and `-r` on them reaches exactly the chosen ones.
            expect(roots).toEqual(chosen.filter(isRoot).sort());
            expect(new Set(roots.flatMap(under))).toEqual(new Set(chosen));
          }
        },
      ),
    );
  });
});
