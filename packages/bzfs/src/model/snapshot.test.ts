import { describe, expect, it } from '@jest/globals';
import { compareByTxg, fullName, type SnapshotRef } from './snapshot.js';

const ref = (kind: SnapshotRef['kind'], name: string, txg: number): SnapshotRef => ({
  kind,
  dataset: 'tank/a',
  name,
  guid: String(1000 + txg),
  createtxg: BigInt(txg),
  creation: txg,
});

describe('snapshot model', () => {
  it('names snapshots with @ and bookmarks with #', () => {
    expect(fullName(ref('snapshot', 's1', 1))).toBe('tank/a@s1');
    expect(fullName(ref('bookmark', 's1', 1))).toBe('tank/a#s1');
  });
  it('orders by txg, a bookmark before the snapshot of the same txg', () => {
    const list = [ref('snapshot', 'b', 2), ref('snapshot', 'a', 1), ref('bookmark', 'b', 2)];
    expect(list.sort(compareByTxg).map((s) => fullName(s))).toEqual(['tank/a@a', 'tank/a#b', 'tank/a@b']);
  });
});
