import { describe, expect, it } from '@jest/globals';
import type { SelectionSettings } from '../config/types.js';
import { planPairReplication } from './pair-replication.js';

const NONE: SelectionSettings = {
  recursive: true,
  skipParent: false,
  includeDatasets: [],
  excludeDatasets: [],
  includeDatasetRegex: [],
  excludeDatasetRegex: [],
  snapshotFilters: [[]],
};
const TREE = ['pool/src', 'pool/src/a', 'pool/src/a/b', 'pool/src/c'];

function plan(selection: Partial<SelectionSettings>, existing: string[], dstRoot = 'pool/dst') {
  const set = new Set(existing);
  return planPairReplication({
    srcRoot: 'pool/src',
    dstRoot,
    srcDatasets: TREE,
    selection: { ...NONE, ...selection },
    dstExists: (ds) => set.has(ds),
  });
}

describe('planPairReplication', () => {
  it('maps every selected dataset below the destination root, parents first', () => {
    expect(plan({}, ['pool']).datasets).toEqual([
      { src: 'pool/src', dst: 'pool/dst' },
      { src: 'pool/src/a', dst: 'pool/dst/a' },
      { src: 'pool/src/a/b', dst: 'pool/dst/a/b' },
      { src: 'pool/src/c', dst: 'pool/dst/c' },
    ]);
  });

  it('--exclude-dataset drops a subtree; --skip-parent the root; the tops then need their parents', () => {
    const p = plan({ excludeDatasets: ['a'], skipParent: true }, ['pool']);
    expect(p.datasets.map((d) => d.src)).toEqual(['pool/src/c']);
    expect(p.ancestors).toEqual({ kind: 'create', datasets: ['pool/dst'] });
  });

  it('--include-dataset of a nested dataset: its missing destination parents are created', () => {
    const p = plan({ includeDatasets: ['a/b'] }, ['pool'], 'pool/x/dst');
    expect(p.datasets).toEqual([{ src: 'pool/src/a/b', dst: 'pool/x/dst/a/b' }]);
    expect(p.ancestors).toEqual({ kind: 'create', datasets: ['pool/x', 'pool/x/dst', 'pool/x/dst/a'] });
  });

  it('a missing destination pool is reported', () => {
    expect(plan({}, [], 'tank/dst').ancestors).toEqual({ kind: 'pool-missing', pool: 'tank' });
  });
});
