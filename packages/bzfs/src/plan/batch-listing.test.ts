import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { listingBatches, miniBatchSize } from './batch-listing.js';

const WIDE = { maxBytes: 1 << 20, separator: ' ' };

describe('miniBatchSize (the original rule: min(1024, max(n / (threads × 8), 4 remote | 1 local)))', () => {
  it.each([
    // datasets, threads, remote, expected
    [100, 1, false, 100],
    [100, 1, true, 100],
    [100, 2, false, 6],
    [100, 2, true, 6],
    [100, 4, false, 3],
    [100, 4, true, 4],
    [10, 8, false, 1],
    [10, 8, true, 4],
    [0, 4, false, 1],
    [100_000, 2, false, 1024],
    [5000, 1, true, 1024],
  ])('%i datasets, %i threads, remote %s: %i per batch', (n, threads, remote, expected) => {
    expect(miniBatchSize(n, { threads, remote })).toBe(expected);
  });
});

describe('listingBatches', () => {
  it('splits 100 datasets over 2 threads into 17 batches of at most 6, in order', () => {
    const names = Array.from({ length: 100 }, (_, i) => `pool/src/d${String(i).padStart(3, '0')}`);
    const batches = listingBatches(names, { threads: 2, remote: false, limit: WIDE });
    expect(batches).toHaveLength(17);
    expect(batches[0]).toEqual(names.slice(0, 6));
    expect(batches.at(-1)).toEqual(names.slice(96));
  });

  it('closes a batch early where the command line would be too long', () => {
    const names = ['aaaa', 'bbbb', 'cccc'];
    // Each name costs 5 bytes (with its separator): two fit into 10.
    expect(
      listingBatches(names, { threads: 1, remote: false, limit: { maxBytes: 10, separator: ' ' } }),
    ).toEqual([['aaaa', 'bbbb'], ['cccc']]);
  });

  it('property: no batch over either limit, each name exactly once, order kept', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9/_-]{0,30}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 300 }),
        fc.integer({ min: 1, max: 16 }),
        fc.boolean(),
        fc.integer({ min: 40, max: 2000 }),
        (names, threads, remote, maxBytes) => {
          const limit = { maxBytes, separator: ' ' };
          const batches = listingBatches(names, { threads, remote, limit });
          const size = miniBatchSize(names.length, { threads, remote });
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length).toBeLessThanOrEqual(size);
            expect(b.reduce((n, d) => n + 1 + Buffer.byteLength(d), 0)).toBeLessThanOrEqual(maxBytes);
          }
          expect(batches.flat()).toEqual(names);
        },
      ),
    );
  });
});
