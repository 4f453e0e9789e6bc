import { describe, expect, it } from '@jest/globals';
import { US_PER_DAY, daysInMonth, mod, showWallTime, startOfDay, wallFields, wallTime } from './wall-time.js';

describe('wall time', () => {
  it.each([
    [2024, 2, 29],
    [2025, 2, 28],
    [2000, 2, 29],
    [2100, 2, 28],
    [2025, 4, 30],
    [2025, 12, 31],
  ])('%d-%d has %d days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('reads its fields back, weekday 0 being Sunday', () => {
    const w = wallTime({ year: 2025, month: 1, day: 5, hour: 13, minute: 4, second: 5, micro: 123456 });
    expect(wallFields(w)).toEqual({
      year: 2025,
      month: 1,
      day: 5,
      hour: 13,
      minute: 4,
      second: 5,
      micro: 123456,
      weekday: 0,
    });
    expect(showWallTime(w)).toBe('2025-01-05 13:04:05.123456');
    expect(startOfDay(w)).toBe(wallTime({ year: 2025, month: 1, day: 5 }));
  });

  it('keeps two-digit years (Date.UTC would read 50 as 1950)', () => {
    expect(wallFields(wallTime({ year: 50, month: 3, day: 1 })).year).toBe(50);
  });

  it('floors before the epoch', () => {
    const w = wallTime({ year: 1969, month: 12, day: 31, hour: 23, micro: 5 });
    expect(startOfDay(w)).toBe(-US_PER_DAY);
    expect(wallFields(w)).toMatchObject({ year: 1969, day: 31, hour: 23, micro: 5, weekday: 3 });
    expect(mod(-7, 3)).toBe(2);
  });
});
