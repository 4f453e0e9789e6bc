import { describe, expect, it } from '@jest/globals';
import { datasetSelector, DEFAULT_EXCLUDE_DATASET_REGEX, type DatasetFilters } from './dataset-filter.js';

const ROOT = 'pool/src';
const TREE = [
  'pool/src',
  'pool/src/a',
  'pool/src/a/b',
  'pool/src/a/tmp',
  'pool/src/a/tmp/child',
  'pool/src/temp',
  'pool/src/TMP1',
  'pool/src/tmp-2',
  'pool/src/template',
  'pool/src/attempt',
  'pool/src/c',
];
const NONE: DatasetFilters = {
  includeDatasets: [],
  excludeDatasets: [],
  includeDatasetRegex: [],
  excludeDatasetRegex: [],
};
const DEFAULTS: DatasetFilters = { ...NONE, excludeDatasetRegex: [DEFAULT_EXCLUDE_DATASET_REGEX] };
const pick = (f: DatasetFilters) =>
  TREE.filter(datasetSelector(ROOT, f)).map((n) => n.slice(ROOT.length) || '.');

describe('dataset selection', () => {
  it('by default excludes tmp/temp datasets (and their descendants), nothing else', () => {
    expect(pick(DEFAULTS)).toEqual(['.', '/a', '/a/b', '/template', '/attempt', '/c']);
  });

  it("'!.*' as exclude regex excludes nothing", () => {
    expect(pick({ ...NONE, excludeDatasetRegex: ['!.*'] })).toHaveLength(TREE.length);
  });

  it.each<[Partial<DatasetFilters>, string[]]>([
    [{ includeDatasets: ['a'] }, ['/a', '/a/b', '/a/tmp', '/a/tmp/child']],
    [{ includeDatasets: ['/pool/src/a/b'] }, ['/a/b']],
    [{ includeDatasets: ['/elsewhere/a'] }, []],
    [{ excludeDatasets: ['a', '/pool/src/c'] }, ['.', '/temp', '/TMP1', '/tmp-2', '/template', '/attempt']],
    [{ includeDatasetRegex: ['a/.*'] }, ['/a/b', '/a/tmp', '/a/tmp/child']],
    [{ includeDatasetRegex: ['!a'] }, ['.', '/temp', '/TMP1', '/tmp-2', '/template', '/attempt', '/c']],
    [{ includeDatasets: ['a'], excludeDatasetRegex: ['.*/b'] }, ['/a', '/a/tmp', '/a/tmp/child']],
    [{ includeDatasetRegex: ['c'], includeDatasets: ['a/b'] }, ['/a/b', '/c']],
  ])('%j selects %j', (f, expected) => {
    expect(pick({ ...NONE, ...f })).toEqual(expected);
  });

  it('never selects a dataset outside the root', () => {
    expect(datasetSelector(ROOT, NONE)('pool/other')).toBe(false);
    expect(datasetSelector(ROOT, NONE)('pool/srcx')).toBe(false);
  });
});
