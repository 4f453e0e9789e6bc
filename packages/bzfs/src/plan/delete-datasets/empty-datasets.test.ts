import { describe, expect, it } from '@jest/globals';
import type { EmptyDefinition } from '../../config/lifecycle.js';
import type { SelectionSettings } from '../../config/types.js';
import { DEFAULT_EXCLUDE_DATASET_REGEX } from '../../filters/dataset-filter.js';
import { testConfig } from '../../../test/support/test-config.js';
import { emptyCandidates, planEmptyDeletion } from './empty-datasets.js';
import type { EntryCounts } from './types.js';

const ROOT = 'bak/d';
const abs = (rel: string) => (rel === '' ? ROOT : `${ROOT}/${rel}`);
const selection = (o: Partial<SelectionSettings> = {}) =>
  testConfig({ selection: { recursive: true, ...o } }).selection;

/** The tree of the original's test: which datasets have snapshots (s) or bookmarks (b). */
const TREE: Record<string, Partial<EntryCounts>> = {
  '': {},
  axe: {},
  foo: {},
  'foo/a': {},
  'foo/a/b': {},
  'foo/a/b/c': {},
  'foo/a/b/d': {},
  'foo/a/e': { snapshots: 1 },
  'foo/b': {},
  'foo/b/c': {},
  'foo/b/c/d': {},
  'foo/b/d': {},
  'foo/c': { snapshots: 1 },
  zoo: {},
  boo: {},
};

function plan(o: {
  tree?: Record<string, Partial<EntryCounts>>;
  selection?: Partial<SelectionSettings>;
  empty?: EmptyDefinition;
  listed?: string[];
}) {
  const tree = o.tree ?? TREE;
  const counts = new Map(
    Object.entries(tree)
      .filter(([rel]) => o.listed === undefined || o.listed.includes(rel))
      .map(([rel, c]) => [abs(rel), { snapshots: c.snapshots ?? 0, bookmarks: c.bookmarks ?? 0 }]),
  );
  const input = { dstRoot: ROOT, dstTree: Object.keys(tree).map(abs), selection: selection(o.selection) };
  return planEmptyDeletion({ ...input, empty: o.empty ?? 'snapshots+bookmarks', counts });
}
const destroyed = (p: ReturnType<typeof plan>) => p.destroys.map((d) => d.dataset);

describe('planEmptyDeletion (--delete-empty-dst-datasets)', () => {
  it("the original's example: empty subtrees go whole, parents of a snapshot stay, the excluded one stays", () => {
    const p = plan({ selection: { excludeDatasets: ['boo'] } });
    expect(destroyed(p)).toEqual([abs('axe'), abs('foo/a/b'), abs('foo/b'), abs('zoo')]);
    expect(p.destroys.find((d) => d.dataset === abs('foo/b'))?.datasets).toEqual(
      ['foo/b', 'foo/b/c', 'foo/b/c/d', 'foo/b/d'].map(abs),
    );
    const rule = (rel: string) => p.decisions.find((d) => d.dataset === abs(rel))?.rule;
    expect([rule('foo/a'), rule('foo/a/e'), rule('foo/c'), rule(''), rule('boo')]).toEqual([
      'child-kept',
      'has-snapshots',
      'has-snapshots',
      'child-not-selected',
      undefined,
    ]);
  });

  it('a whole tree without snapshots goes, root included (as in the original)', () => {
    const p = plan({ tree: { '': {}, a: {}, 'a/b': {} } });
    expect(p.destroys).toEqual([{ dataset: ROOT, rule: 'empty', datasets: [ROOT, abs('a'), abs('a/b')] }]);
  });

  it('bookmarks count by default; with `snapshots` a dataset that has only bookmarks is empty', () => {
    const tree = { '': { snapshots: 1 }, a: { bookmarks: 2 }, b: {} };
    expect(destroyed(plan({ tree }))).toEqual([abs('b')]);
    expect(plan({ tree }).decisions.find((d) => d.dataset === abs('a'))?.rule).toBe('has-bookmarks');
    expect(destroyed(plan({ tree, empty: 'snapshots' }))).toEqual([abs('a'), abs('b')]);
  });

  it('an excluded child that has snapshots keeps its empty parent; the included empty sibling goes', () => {
    const tree = {
      '': { snapshots: 1 },
      parent: {},
      'parent/excluded': { snapshots: 1 },
      'parent/included': {},
    };
    const p = plan({ tree, selection: { excludeDatasets: ['parent/excluded'] } });
    expect(destroyed(p)).toEqual([abs('parent/included')]);
    expect(p.decisions.find((d) => d.dataset === abs('parent'))).toMatchObject({
      verdict: 'keep',
      rule: 'child-not-selected',
      blockedBy: abs('parent/excluded'),
    });
  });

  it('a dataset whose snapshots were not listed stays (nothing is known about it)', () => {
    const p = plan({ tree: { '': { snapshots: 1 }, a: {}, b: {} }, listed: ['', 'b'] });
    expect(destroyed(p)).toEqual([abs('b')]);
    expect(p.decisions.find((d) => d.dataset === abs('a'))?.rule).toBe('not-listed');
  });
});

describe('emptyCandidates', () => {
  it('only datasets whose whole subtree is selected need their snapshots listed', () => {
    const input = {
      dstRoot: ROOT,
      dstTree: ['', 'a', 'a/b', 'c', 'c/tmp'].map(abs),
      selection: selection({ excludeDatasetRegex: [DEFAULT_EXCLUDE_DATASET_REGEX] }),
    };
    // c/tmp is excluded by the default exclude regex: c and the root cannot go, whatever they hold.
    expect(emptyCandidates(input)).toEqual([abs('a'), abs('a/b')]);
  });
});
