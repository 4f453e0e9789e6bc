import { describe, expect, it } from '@jest/globals';
import type { SelectionSettings } from '../../config/types.js';
import { testConfig } from '../../../test/support/test-config.js';
import { planMissingOnSource } from './missing-on-source.js';

const selection = (o: Partial<SelectionSettings> = {}) =>
  testConfig({ selection: { recursive: true, ...o } }).selection;
const under = (root: string, ...rel: string[]) => [root, ...rel.map((r) => `${root}/${r}`)];

function plan(o: { dst: string[]; src?: string[] | 'dummy'; selection?: Partial<SelectionSettings> }) {
  const dummy = o.src === 'dummy';
  return planMissingOnSource({
    dstRoot: 'bak/d',
    dstTree: under('bak/d', ...o.dst),
    srcRoot: dummy ? undefined : 'tank/s',
    srcDatasets: dummy ? [] : under('tank/s', ...(o.src ?? [])),
    selection: selection(o.selection),
  });
}
const destroyed = (p: ReturnType<typeof plan>) => p.destroys.map((d) => d.dataset);

describe('planMissingOnSource (--delete-dst-datasets)', () => {
  it("the original's example: dst h1,h2,h3,d1, source h3 only: h1, h2 and d1 go; the root stays (it is on the source)", () => {
    const p = plan({ dst: ['h1', 'h2', 'h3', 'd1'], src: ['h3'] });
    expect(destroyed(p)).toEqual(['bak/d/d1', 'bak/d/h1', 'bak/d/h2']);
    expect(p.destroys.every((d) => d.rule === 'not-on-source')).toBe(true);
    expect(p.decisions.filter((d) => d.verdict === 'keep').map((d) => [d.dataset, d.rule])).toEqual([
      ['bak/d', 'on-source'],
      ['bak/d/h3', 'on-source'],
    ]);
  });

  it('...and when the filters select only h1,h2,h3, d1 stays: it is not selected', () => {
    const p = plan({
      dst: ['h1', 'h2', 'h3', 'd1'],
      src: ['h3'],
      selection: { includeDatasetRegex: ['h.*'] },
    });
    expect(destroyed(p)).toEqual(['bak/d/h1', 'bak/d/h2']);
  });

  it('a missing subtree goes as one destroy -r of its top; a nested dataset that the source has keeps its parents', () => {
    const p = plan({ dst: ['a', 'a/b', 'a/b/c', 'x', 'x/y'], src: ['x', 'x/y'] });
    expect(p.destroys).toEqual([
      { dataset: 'bak/d/a', rule: 'not-on-source', datasets: ['bak/d/a', 'bak/d/a/b', 'bak/d/a/b/c'] },
    ]);
  });

  it('an excluded subtree is never deleted, nor any ancestor of it, even when the source has none of them', () => {
    const p = plan({
      dst: ['foo', 'foo/a', 'foo/b', 'bar', 'zoo'],
      src: [],
      selection: { excludeDatasets: ['foo/a'] },
    });
    expect(destroyed(p)).toEqual(['bak/d/bar', 'bak/d/foo/b', 'bak/d/zoo']);
    expect(p.decisions.find((d) => d.dataset === 'bak/d/foo')).toEqual({
      dataset: 'bak/d/foo',
      verdict: 'keep',
      rule: 'child-not-selected',
      blockedBy: 'bak/d/foo/a',
    });
  });

  it('`dummy` source: every selected dataset goes, the root too when all is selected', () => {
    const all = plan({ dst: ['a', 'a/b', 'c'], src: 'dummy' });
    expect(all.destroys).toEqual([
      { dataset: 'bak/d', rule: 'dummy-source', datasets: ['bak/d', 'bak/d/a', 'bak/d/a/b', 'bak/d/c'] },
    ]);
    // The original's example: all tmp datasets within the tree, and nothing else.
    const tmp = plan({
      dst: ['tmp1', 'a', 'a/tmp', 'a/b'],
      src: 'dummy',
      selection: { includeDatasetRegex: ['(.*/)?tmp.*'], excludeDatasetRegex: ['!.*'] },
    });
    expect(destroyed(tmp)).toEqual(['bak/d/a/tmp', 'bak/d/tmp1']);
  });

  it('--skip-parent: the root is not selected, so it never goes; its children can', () => {
    const p = plan({ dst: ['a'], src: 'dummy', selection: { skipParent: true } });
    expect(destroyed(p)).toEqual(['bak/d/a']);
    expect(p.decisions.map((d) => d.dataset)).toEqual(['bak/d/a']);
  });

  it('without --recursive only the root is looked at: dummy deletes it (with its tree), a real source keeps it', () => {
    const flat = { recursive: false };
    const dummy = plan({ dst: ['a', 'a/b'], src: 'dummy', selection: flat });
    expect(dummy.destroys).toEqual([{ dataset: 'bak/d', rule: 'dummy-source', datasets: ['bak/d'] }]);
    expect(destroyed(plan({ dst: ['a'], src: [], selection: flat }))).toEqual([]);
  });

  it('a source dataset outside the source root does not protect anything', () => {
    const p = planMissingOnSource({
      dstRoot: 'bak/d',
      dstTree: ['bak/d', 'bak/d/a'],
      srcRoot: 'tank/s',
      srcDatasets: ['tank/s', 'tank/sa'],
      selection: selection(),
    });
    expect(destroyed(p)).toEqual(['bak/d/a']);
  });
});
