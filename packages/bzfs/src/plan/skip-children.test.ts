import { describe, expect, it } from '@jest/globals';
import { childrenVerdict, type DatasetResult } from './skip-children.js';

const done = (value: Extract<DatasetResult, { kind: 'done' }>['value']): DatasetResult => ({
  kind: 'done',
  value,
});

describe('childrenVerdict', () => {
  it.each<[string, DatasetResult, string, string, string]>([
    // result                          dataset (default)      tree     fail
    ['replicated', done('replicated'), 'go-on', 'go-on', 'go-on'],
    ['up to date', done('up-to-date'), 'go-on', 'go-on', 'go-on'],
    [
      'no snapshots',
      done('skipped-no-snapshots'),
      'skip-if-dst-missing',
      'skip-if-dst-missing',
      'skip-if-dst-missing',
    ],
    ['source vanished', done('skipped-src-vanished'), 'skip', 'skip', 'skip'],
    ['failed', { kind: 'failed' }, 'skip-if-dst-missing', 'skip', 'skip'],
    ['skipped', { kind: 'skipped' }, 'skip', 'skip', 'skip'],
  ])('%s', (_what, r, dataset, tree, fail) => {
    expect(childrenVerdict('dataset', r)).toBe(dataset);
    expect(childrenVerdict('tree', r)).toBe(tree);
    expect(childrenVerdict('fail', r)).toBe(fail);
  });
});
