import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { humanDuration } from './human-duration.js';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('humanDuration', () => {
  it.each([
    [0, '0ms'],
    [3, '3ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [59 * SEC, '59s'],
    [3 * MIN, '3m'],
    [125 * SEC, '2.08m'],
    [3 * HOUR, '3h'],
    [4.18 * HOUR, '4.18h'],
    [30 * HOUR, '1.25d'],
    [1.2 * DAY, '1.2d'],
    [300 * HOUR, '12.5d'],
    [30_000 * HOUR, '1250d'],
    [-90 * MIN, '-1.5h'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('keeps at most three significant digits and never a trailing zero or dot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (ms) => {
        const m = /^([0-9.]+)(ms|s|m|h|d)$/.exec(humanDuration(ms));
        expect(m).not.toBeNull();
        const num = m![1]!;
        expect(num).not.toMatch(/\.$|\.[0-9]*0$/);
        if (m![2] !== 'd') expect(num.replace('.', '').replace(/^0+/, '').length).toBeLessThanOrEqual(3);
      }),
    );
  });
});
