import { describe, expect, it } from '@jest/globals';
import { parsePeriod, periodMs } from './period.js';

describe('parsePeriod', () => {
  it.each([
    ['hourly', { unit: 'hourly', multiple: 1 }],
    ['10minutely', { unit: 'minutely', multiple: 10 }],
    ['12hourly', { unit: 'hourly', multiple: 12 }],
    ['3monthly', { unit: 'monthly', multiple: 3 }],
    ['100millisecondly', { unit: 'millisecondly', multiple: 100 }],
    ['2secondly', { unit: 'secondly', multiple: 2 }],
    ['yearly', { unit: 'yearly', multiple: 1 }],
    ['1weekly', { unit: 'weekly', multiple: 1 }],
  ])('%s is a period', (name, expected) => {
    expect(parsePeriod(name)).toEqual(expected);
  });

  // Not periods: always-due suffixes when creating.
  it.each(['adhoc', '', '05minutely', '0hourly', 'hourly2', 'Hourly', '-1daily', '2 daily', 'hour'])(
    '%j is not a period',
    (name) => {
      expect(parsePeriod(name)).toBeUndefined();
    },
  );
});

describe('periodMs', () => {
  it.each([
    ['100millisecondly', 100],
    ['secondly', 1000],
    ['5minutely', 300_000],
    ['12hourly', 43_200_000],
    ['daily', 86_400_000],
    ['2weekly', 14 * 86_400_000],
    ['monthly', 30.5 * 86_400_000],
    ['yearly', 365 * 86_400_000],
  ])('%s lasts %d ms nominally', (name, ms) => {
    expect(periodMs(parsePeriod(name)!)).toBe(ms);
  });
});
