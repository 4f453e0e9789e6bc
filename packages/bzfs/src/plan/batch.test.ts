import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BzfsError } from '../model/errors.js';
import { batchLimit, chunkByBytes, maxCommandLineBytes, type BatchLimit } from './batch.js';

const id = (s: string): string => s;
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const cost = (chunk: readonly string[], sep: string): number =>
  chunk.reduce((n, s) => n + bytes(sep) + bytes(s), 0);

describe('maxCommandLineBytes', () => {
  it.each([
    ['Linux', 2 * 1024 * 1024 - 4096 - 68 * 1024],
    ['Darwin', 1024 * 1024 - 4096 - 68 * 1024],
    ['FreeBSD', 256 * 1024 - 4096 - 8192],
    ['SunOS', 256 * 1024 - 4096 - 8192],
    [undefined, 256 * 1024 - 4096 - 8192],
  ])('%s: ARG_MAX less 4 KiB of environment and the margin', (os, expected) => {
    expect(maxCommandLineBytes(os)).toBe(expected);
  });
});

describe('batchLimit', () => {
  it('a comma-joined list is one argument: capped at 128 KiB - 1, less the fixed part joined by spaces', () => {
    const fixed = ['zfs', 'destroy', 'pool/a@'];
    expect(batchLimit({ fixed, oses: ['Linux'], separator: ',' })).toEqual({
      maxBytes: 128 * 1024 - 1 - 'zfs destroy pool/a@'.length,
      separator: ',',
    });
  });
  it('separate arguments use the smallest line limit of the hosts involved', () => {
    const fixed = ['ssh', '-S', '/tmp/é', 'host', 'zfs', 'snapshot'];
    const l = batchLimit({ fixed, oses: ['Linux', 'FreeBSD'], separator: ' ' });
    expect(l.maxBytes).toBe(maxCommandLineBytes('FreeBSD') - bytes(fixed.join(' ')));
    expect(bytes(fixed.join(' '))).toBe(fixed.join(' ').length + 1);
  });
  it('no host OS known: the default limit', () => {
    expect(batchLimit({ fixed: [], oses: [], separator: ' ' }).maxBytes).toBe(maxCommandLineBytes(undefined));
  });
});

describe('chunkByBytes', () => {
  const limit = (maxBytes: number, maxItems?: number): BatchLimit => ({ maxBytes, separator: ',', maxItems });

  it.each([
    [9, [['aa', 'bb', 'cc']]],
    [8, [['aa', 'bb'], ['cc']]],
    [6, [['aa', 'bb'], ['cc']]],
    [5, [['aa'], ['bb'], ['cc']]],
    [3, [['aa'], ['bb'], ['cc']]],
  ])('at the exact boundary: each item costs separator + bytes (limit %i)', (max, expected) => {
    expect(chunkByBytes(['aa', 'bb', 'cc'], id, limit(max))).toEqual(expected);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(chunkByBytes(['é', 'é'], id, limit(6))).toEqual([['é', 'é']]);
    expect(chunkByBytes(['é', 'é'], id, limit(5))).toEqual([['é'], ['é']]);
  });

  it('keeps the order and never splits an item', () => {
    const items = ['s1', 'snapshot-2', 's3', 'a-much-longer-snapshot-name-4', 's5'];
    const chunks = chunkByBytes(items, id, limit(32));
    expect(chunks).toEqual([['s1', 'snapshot-2', 's3'], ['a-much-longer-snapshot-name-4'], ['s5']]);
    expect(chunks.flat()).toEqual(items);
  });

  it('refuses an item that alone exceeds the limit, naming it, before any chunk is returned', () => {
    const huge = 'x'.repeat(100);
    expect(() => chunkByBytes(['a', huge, 'b'], id, limit(50))).toThrow(BzfsError);
    expect(() => chunkByBytes(['a', huge, 'b'], id, limit(50))).toThrow(
      /"x{100}" \(101 bytes\).*only 50 bytes/,
    );
  });

  it('an item exactly at the limit is alone in its chunk', () => {
    expect(chunkByBytes(['a', 'xxxx', 'b'], id, limit(5))).toEqual([['a'], ['xxxx'], ['b']]);
  });

  it('honours maxItems', () => {
    expect(chunkByBytes(['a', 'b', 'c', 'd', 'e'], id, limit(1000, 2))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
  });

  it('maps items through text and returns the items themselves', () => {
    const items = [{ n: 'aaa' }, { n: 'bbb' }];
    expect(chunkByBytes(items, (i) => i.n, limit(4))).toEqual([[items[0]], [items[1]]]);
  });

  it('an empty list gives no chunk', () => {
    expect(chunkByBytes([], id, limit(10))).toEqual([]);
  });
});

/** The fewest contiguous chunks within the limit (dynamic programming over prefixes), for comparison. */
function minimalChunks(items: readonly string[], l: BatchLimit): number {
  const best = [0];
  for (let end = 1; end <= items.length; end++) {
    best[end] = Infinity;
    for (let start = end - 1; start >= 0; start--) {
      const chunk = items.slice(start, end);
      if (cost(chunk, l.separator) > l.maxBytes || chunk.length > (l.maxItems ?? Infinity)) break;
      best[end] = Math.min(best[end] as number, (best[start] as number) + 1);
    }
  }
  return best[items.length] as number;
}

describe('chunkByBytes properties', () => {
  const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
  const arbitraries = fc.record({
    items: fc.array(name, { maxLength: 30 }),
    maxBytes: fc.integer({ min: 50, max: 200 }),
    separator: fc.constantFrom(',', ' '),
    maxItems: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  });

  it('concatenated chunks are the input; every chunk is within the limit; the count is minimal', () => {
    fc.assert(
      fc.property(arbitraries, ({ items, maxBytes, separator, maxItems }) => {
        const l: BatchLimit = { maxBytes, separator, maxItems };
        const chunks = chunkByBytes(items, id, l);
        expect(chunks.flat()).toEqual(items);
        for (const c of chunks) {
          expect(c.length).toBeGreaterThan(0);
          expect(cost(c, separator)).toBeLessThanOrEqual(maxBytes);
          expect(c.length).toBeLessThanOrEqual(maxItems ?? Infinity);
        }
        expect(chunks.length).toBe(minimalChunks(items, l));
      }),
    );
  });

  it('refuses exactly when some item alone exceeds the limit', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 10 }), fc.integer({ min: 1, max: 30 }), (items, maxBytes) => {
        const tooLong = items.some((s) => 1 + bytes(s) > maxBytes);
        const run = (): unknown => chunkByBytes(items, id, { maxBytes, separator: ',' });
        if (tooLong) expect(run).toThrow(BzfsError);
        else expect(run).not.toThrow();
      }),
    );
  });
});
