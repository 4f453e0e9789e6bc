import { describe, expect, it } from '@jest/globals';
import { BzfsError } from '../../model/errors.js';
import type { SnapshotRef } from '../../model/snapshot.js';
import { dstSnaps } from '../../../test/support/test-dsl.js';
import { destroyBatches } from './destroy-batches.js';

const LOCAL = { prefix: ['zfs', 'destroy', '-v'], oses: ['Linux'] };

/** `count` snapshots of pool/dst whose names are `width` bytes long, oldest first. */
function many(count: number, width: number): SnapshotRef[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'snapshot',
    dataset: 'pool/dst',
    name: String(i).padStart(width, '0'),
    guid: String(i),
    createtxg: BigInt(i + 1),
    creation: 1_700_000_000 + i,
  }));
}

describe('destroyBatches', () => {
  it('one dataset per command, names oldest first whatever the input order', () => {
    const snaps = dstSnaps('s1', 's2', 's3');
    expect(destroyBatches('pool/dst', [...snaps].reverse(), LOCAL)).toEqual([['s1', 's2', 's3']]);
  });

  it('splits where the `ds@a,b,c` argument would pass 128 KiB, keeping order and every name', () => {
    // The fixed text `zfs destroy -v pool/dst@` (24 bytes) leaves 131047; each 100-byte name costs 101.
    const snaps = many(3000, 100);
    const batches = destroyBatches('pool/dst', snaps, LOCAL);
    expect(batches.map((b) => b.length)).toEqual([1297, 1297, 406]);
    expect(batches.flat()).toEqual(snaps.map((s) => s.name));
    for (const b of batches) expect(`pool/dst@${b.join(',')}`.length).toBeLessThan(128 * 1024);
  });

  it('a longer fixed part (ssh and its options) leaves room for fewer names', () => {
    const ssh = {
      prefix: ['ssh', '-o', 'x'.repeat(10_000), 'host', ...LOCAL.prefix],
      oses: ['Linux', 'Linux'],
    };
    expect(destroyBatches('pool/dst', many(3000, 100), ssh)[0]).toHaveLength(1198);
  });

  it('nothing to delete, no command', () => {
    expect(destroyBatches('pool/dst', [], LOCAL)).toEqual([]);
  });

  it('refuses bookmarks and snapshots of another dataset', () => {
    expect(() => destroyBatches('pool/dst', dstSnaps('s1', '#s1'), LOCAL)).toThrow(BzfsError);
    expect(() => destroyBatches('pool/other', dstSnaps('s1'), LOCAL)).toThrow(
      /pool\/dst@s1 with the snapshots of pool\/other/,
    );
  });
});
