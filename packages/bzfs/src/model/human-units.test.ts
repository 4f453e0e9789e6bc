import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { humanBytes, humanDuration } from './human-units.js';

describe('humanBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    // 1.125 KiB exactly: the tie goes to the even digit, as in the original.
    [1152, '1.12 KiB'],
    [1280, '1.25 KiB'],
    [24_576, '24 KiB'],
    [43_008, '42 KiB'],
    [10_239, '10 KiB'],
    [1_048_063, '1023 KiB'],
    [5 << 20, '5 MiB'],
    [14_602_888_806, '13.6 GiB'],
    [2_286_984_185_774, '2.08 TiB'],
    [-(2 << 20), '-2 MiB'],
  ])('%d → %s', (n, s) => expect(humanBytes(n)).toBe(s));

  it('never shows more than 3 significant digits above 1 KiB, nor a trailing zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const [num] = humanBytes(n).split(' ');
        expect(num!.replace('.', '').replace(/^0+/, '').length).toBeLessThanOrEqual(4);
        expect(num).not.toMatch(/\.\d*0$|\.$/);
      }),
    );
  });
});

describe('humanDuration (seconds)', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [61, '1.02m'],
    [90, '1.5m'],
    [100, '1.67m'],
    [3599, '60m'],
    [3600, '1h'],
    // 1.005h is 1.00499... as a double: rounds down, as in the original.
    [3618, '1h'],
    [5400, '1.5h'],
    [86_399, '24h'],
    [86_400, '1d'],
    [654_048, '7.57d'],
    [-604_800, '-7d'],
    [65_836_800, '762d'],
    [0.25, '250ms'],
  ])('%d → %s', (secs, s) => expect(humanDuration(secs)).toBe(s));

  it('is symmetric in the sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 10 }), (s) =>
        expect(humanDuration(-s)).toBe(`-${humanDuration(s)}`),
      ),
    );
  });
});
