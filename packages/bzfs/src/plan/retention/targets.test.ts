import { describe, expect, it } from '@jest/globals';
import { testConfig } from '../../../test/support/test-config.js';
import { pruneTargets } from './targets.js';

const selection = (o: Parameters<typeof testConfig>[0] = {}) => testConfig(o).selection;

describe('pruneTargets', () => {
  it('a real source: the selected source datasets mapped to the destination, where it has them', () => {
    const t = pruneTargets({
      srcRoot: 'pool/src',
      dstRoot: 'bak/dst',
      srcDatasets: ['pool/src', 'pool/src/a', 'pool/src/b', 'pool/src/c'],
      dstDatasets: ['bak/dst', 'bak/dst/a', 'bak/dst/c', 'bak/dst/only-on-dst'],
      selection: selection({ selection: { recursive: true, excludeDatasets: ['c'] } }),
    });
    expect(t).toEqual([
      { src: 'pool/src', dst: 'bak/dst' },
      { src: 'pool/src/a', dst: 'bak/dst/a' },
    ]);
  });

  it('`dummy`: the destination tree itself, by the same dataset filters and --skip-parent', () => {
    const t = pruneTargets({
      srcRoot: undefined,
      dstRoot: 'pool/src',
      srcDatasets: [],
      dstDatasets: ['pool/src', 'pool/src/a', 'pool/src/b'],
      selection: selection({ selection: { recursive: true, skipParent: true, excludeDatasets: ['b'] } }),
    });
    expect(t).toEqual([{ src: undefined, dst: 'pool/src/a' }]);
  });

  it('nothing when the destination does not exist', () => {
    const t = pruneTargets({
      srcRoot: 'pool/src',
      dstRoot: 'bak/dst',
      srcDatasets: ['pool/src'],
      dstDatasets: [],
      selection: selection(),
    });
    expect(t).toEqual([]);
  });
});
