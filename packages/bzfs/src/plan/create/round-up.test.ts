import { describe, expect, it } from '@jest/globals';
import { periodAnchors, type AnchorKey } from '../../model/anchors.js';
import { parsePeriod } from '../../model/period.js';
import { showWallTime, wallTime, type WallTime } from '../../model/wall-time.js';
import { roundUpToPeriod } from './round-up.js';

/** `2025-02-11 14:05:01.123456` as a wall time. */
function w(s: string): WallTime {
  const m = /^(\d+)-(\d+)-(\d+)(?: (\d+):(\d+)(?::(\d+)(?:\.(\d{1,6}))?)?)?$/.exec(s)!;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const micro = Number((m[7] ?? '').padEnd(6, '0'));
  return wallTime({ year: year!, month: month!, day: day!, hour, minute, second, micro });
}

type Row = [period: string, anchors: Partial<Record<AnchorKey, number>>, from: string, to: string];

function check(rows: Row[]) {
  it.each(rows)('%s %j: %s -> %s', (period, anchors, from, to) => {
    const got = roundUpToPeriod(w(from), parsePeriod(period)!, periodAnchors(anchors));
    expect(showWallTime(got)).toBe(showWallTime(w(to)));
  });
}

describe('sub-day periods: a grid from the anchor time of each day', () => {
  check([
    ['hourly', {}, '2024-11-29 14:00:00', '2024-11-29 14:00:00'],
    ['hourly', {}, '2024-11-29 14:05:01', '2024-11-29 15:00:00'],
    ['hourly', {}, '2024-11-29 23:55:01', '2024-11-30 00:00:00'],
    ['2hourly', {}, '2024-11-29 14:05:01', '2024-11-29 16:00:00'],
    ['2hourly', {}, '2024-11-29 15:00:00', '2024-11-29 16:00:00'],
    ['2hourly', {}, '2024-11-29 16:00:00', '2024-11-29 16:00:00'],
    ['2hourly', {}, '2024-11-29 16:05:01', '2024-11-29 18:00:00'],
    ['2hourly', {}, '2024-11-29 23:55:01', '2024-11-30 00:00:00'],
    ['12hourly', {}, '2025-02-11 12:00:00.000001', '2025-02-12 00:00:00'],
    ['hourly', { hourlyMinute: 59 }, '2025-02-11 00:05:01', '2025-02-11 00:59:00'],
    ['hourly', { hourlyMinute: 59 }, '2025-02-11 02:05:01', '2025-02-11 02:59:00'],
    ['hourly', { hourlyMinute: 15, hourlySecond: 30 }, '2025-02-11 14:20:00', '2025-02-11 15:15:30'],
    ['2hourly', { hourlyMinute: 15, hourlySecond: 30 }, '2025-02-11 14:20:00', '2025-02-11 16:15:30'],
    ['2hourly', { hourlyMinute: 15, hourlySecond: 30 }, '2025-02-11 15:20:00', '2025-02-11 16:15:30'],
    ['minutely', {}, '2025-02-11 14:05:01.5', '2025-02-11 14:06:00'],
    ['minutely', {}, '2025-02-11 14:05:00', '2025-02-11 14:05:00'],
    ['10minutely', {}, '2025-02-11 14:05:01.5', '2025-02-11 14:10:00'],
    ['10minutely', {}, '2025-02-11 14:10:00', '2025-02-11 14:10:00'],
    ['10minutely', {}, '2025-02-11 14:35:01.5', '2025-02-11 14:40:00'],
    ['5minutely', {}, '2025-02-11 23:59:00', '2025-02-12 00:00:00'],
    ['minutely', { minutelySecond: 30 }, '2025-02-11 14:05:10', '2025-02-11 14:05:30'],
    ['minutely', { minutelySecond: 30 }, '2025-02-11 14:05:31', '2025-02-11 14:06:30'],
    ['secondly', {}, '2025-02-11 14:05:01.123456', '2025-02-11 14:05:02'],
    ['secondly', {}, '2025-02-11 14:05:01', '2025-02-11 14:05:01'],
    ['secondly', { secondlyMillisecond: 500 }, '2025-02-11 14:05:01.6', '2025-02-11 14:05:02.5'],
    ['2secondly', {}, '2025-02-11 14:05:01.5', '2025-02-11 14:05:02'],
    ['millisecondly', {}, '2025-02-11 14:05:01.123456', '2025-02-11 14:05:01.124'],
    ['millisecondly', {}, '2025-02-11 14:05:01.123', '2025-02-11 14:05:01.123'],
    ['100millisecondly', {}, '2025-02-11 14:05:01.123456', '2025-02-11 14:05:01.2'],
    [
      'millisecondly',
      { millisecondlyMicrosecond: 250 },
      '2025-02-11 14:05:01.123456',
      '2025-02-11 14:05:01.12425',
    ],
    // Before the day's anchor time the grid continues from the previous day's anchor: the same grid
    // as the rest of the day (the original would give 00:04:30 and 00:00:01.5 here).
    ['5minutely', { minutelySecond: 30 }, '2025-02-11 00:00:10', '2025-02-11 00:00:30'],
    ['2secondly', { secondlyMillisecond: 500 }, '2025-02-11 00:00:00.2', '2025-02-11 00:00:00.5'],
  ]);
});

describe('daily and weekly: N days (weeks) after the latest anchor', () => {
  check([
    ['daily', {}, '2025-02-11 14:05:01', '2025-02-12 00:00:00'],
    ['daily', {}, '2025-02-11 00:00:00', '2025-02-11 00:00:00'],
    ['daily', { dailyHour: 2 }, '2025-02-11 01:59:00', '2025-02-11 02:00:00'],
    ['daily', { dailyHour: 1, dailyMinute: 30 }, '2025-02-11 00:45:00', '2025-02-11 01:30:00'],
    [
      'daily',
      { dailyHour: 23, dailyMinute: 59, dailySecond: 59 },
      '2025-02-11 23:59:59',
      '2025-02-11 23:59:59',
    ],
    ['3daily', {}, '2025-02-11 14:05:00', '2025-02-14 00:00:00'],
    // 2025-02-11 is a Tuesday.
    ['weekly', { weeklyWeekday: 6 }, '2025-02-11 14:05:01', '2025-02-15 00:00:00'],
    ['weekly', {}, '2025-02-11 14:05:01', '2025-02-16 00:00:00'],
    ['weekly', { weeklyWeekday: 1 }, '2025-02-11 14:05:01', '2025-02-17 00:00:00'],
    ['weekly', { weeklyWeekday: 6 }, '2025-02-15 00:00:00', '2025-02-15 00:00:00'],
    ['weekly', { weeklyWeekday: 2, weeklyHour: 3 }, '2025-02-13 05:00:00', '2025-02-18 03:00:00'],
    ['weekly', { weeklyWeekday: 2, weeklyHour: 3 }, '2025-02-11 02:00:00', '2025-02-11 03:00:00'],
    ['2weekly', {}, '2025-02-11 14:05:01', '2025-02-23 00:00:00'],
  ]);
});

describe('monthly: the anchor day of every N-th month from --monthly_month', () => {
  check([
    ['2monthly', {}, '2025-03-15 10:30', '2025-05-01 00:00'],
    ['2monthly', {}, '2025-04-15 10:30', '2025-05-01 00:00'],
    ['2monthly', {}, '2025-03-01 00:00', '2025-03-01 00:00'],
    ['monthly', {}, '2025-12-15 10:00', '2026-01-01 00:00'],
    ['monthly', { monthlyMonthday: 15, monthlyHour: 12 }, '2025-04-20 10:00', '2025-05-15 12:00'],
    ['monthly', { monthlyMonthday: 15, monthlyHour: 12 }, '2025-05-12 10:00', '2025-05-15 12:00'],
    ['2monthly', { monthlyMonthday: 15, monthlyHour: 12 }, '2025-04-20 10:00', '2025-05-15 12:00'],
    ['2monthly', { monthlyMonthday: 15, monthlyHour: 12 }, '2025-05-17 10:00', '2025-07-15 12:00'],
    ['monthly', { monthlyMonthday: 15, monthlyHour: 10 }, '2025-04-15 10:00:00.000001', '2025-05-15 10:00'],
    ['monthly', { monthlyMonth: 3 }, '2025-01-15 10:00', '2025-02-01 00:00'],
    ['monthly', { monthlyMonth: 3 }, '2025-03-15 10:00', '2025-04-01 00:00'],
    ['monthly', { monthlyMonth: 9, monthlyMonthday: 10 }, '2025-03-03 12:00', '2025-03-10 00:00'],
    ['2monthly', { monthlyMonth: 4, monthlyMonthday: 2 }, '2025-03-15 10:00', '2025-04-02 00:00'],
    ['2monthly', { monthlyMonth: 4, monthlyMonthday: 2 }, '2025-04-15 10:00', '2025-06-02 00:00'],
    ['2monthly', { monthlyMonth: 4, monthlyMonthday: 2 }, '2025-12-15 10:00', '2026-02-02 00:00'],
    ['3monthly', {}, '2025-02-20 10:00', '2025-04-01 00:00'],
    ['3monthly', {}, '2025-06-01 12:00', '2025-07-01 00:00'],
    ['3monthly', {}, '2025-11-05 10:00', '2026-01-01 00:00'],
    ['3monthly', { monthlyMonth: 11 }, '2025-03-15 10:00', '2025-05-01 00:00'],
    ['4monthly', { monthlyMonth: 11 }, '2025-01-20 10:00', '2025-03-01 00:00'],
    [
      '2monthly',
      { monthlyMonth: 11, monthlyMonthday: 30, monthlyHour: 2 },
      '2025-11-30 02:00:00.000001',
      '2026-01-30 02:00',
    ],
    // Month ends: the day is clamped to the month's length.
    ['monthly', { monthlyMonthday: 31 }, '2025-02-15 10:00', '2025-02-28 00:00'],
    ['monthly', { monthlyMonthday: 31 }, '2025-04-15 10:00', '2025-04-30 00:00'],
    ['monthly', { monthlyMonthday: 31 }, '2024-02-15 10:00', '2024-02-29 00:00'],
    ['3monthly', { monthlyMonthday: 31 }, '2025-04-10 09:00', '2025-04-30 00:00'],
    ['3monthly', { monthlyMonthday: 31 }, '2025-04-30 00:00', '2025-04-30 00:00'],
    // After Feb 28 the next 31st-of-month is Mar 31 (the original's arithmetic gives Mar 28).
    ['monthly', { monthlyMonthday: 31 }, '2025-02-28 00:00:00.000001', '2025-03-31 00:00'],
    // An anchor day beyond the anchor month's end is clamped there, and that day holds for the others.
    [
      'monthly',
      { monthlyMonth: 2, monthlyMonthday: 31, monthlyHour: 12 },
      '2025-01-15 10:00',
      '2025-01-28 12:00',
    ],
    [
      'monthly',
      { monthlyMonth: 2, monthlyMonthday: 29, monthlyHour: 12 },
      '2024-01-15 10:00',
      '2024-01-29 12:00',
    ],
    ['monthly', { monthlyMonth: 2, monthlyMonthday: 31 }, '2024-03-01 10:00', '2024-03-29 00:00'],
    ['14monthly', {}, '2025-05-15 10:00', '2026-03-01 00:00'],
    // A Feb 29 anchor is clamped in each boundary's own year (the original gives 2044-02-28 here).
    ['12monthly', { monthlyMonth: 2, monthlyMonthday: 29 }, '2043-02-28 00:00:00.000001', '2044-02-29 00:00'],
  ]);
});

describe('yearly: the anchor date of every N-th year from --yearly_year', () => {
  check([
    ['yearly', {}, '2025-01-01 00:00', '2025-01-01 00:00'],
    ['yearly', {}, '2025-01-01 00:00:00.000001', '2026-01-01 00:00'],
    ['2yearly', {}, '2024-02-11 14:05', '2025-01-01 00:00'],
    ['2yearly', {}, '2025-02-11 14:05', '2027-01-01 00:00'],
    ['yearly', { yearlyMonth: 6, yearlyMonthday: 30, yearlyHour: 2 }, '2024-03-15 10:00', '2024-06-30 02:00'],
    [
      '2yearly',
      { yearlyMonth: 6, yearlyMonthday: 30, yearlyHour: 2 },
      '2024-03-15 10:00',
      '2025-06-30 02:00',
    ],
    ['3yearly', {}, '2026-06-15 10:00', '2028-01-01 00:00'],
    ['3yearly', {}, '2028-02-01 12:00', '2031-01-01 00:00'],
    ['3yearly', { yearlyYear: 2022 }, '2025-01-01 00:00', '2025-01-01 00:00'],
    [
      '2yearly',
      { yearlyYear: 2024, yearlyMonth: 7, yearlyMonthday: 4 },
      '2026-07-04 00:00:01',
      '2028-07-04 00:00',
    ],
    ['2yearly', { yearlyYear: 2051 }, '2024-05-15 10:00', '2025-01-01 00:00'],
    ['2yearly', { yearlyYear: 2050 }, '2024-05-15 10:00', '2026-01-01 00:00'],
    ['yearly', { yearlyMonth: 7, yearlyMonthday: 4 }, '2025-07-03 23:59:59', '2025-07-04 00:00'],
    // Feb 29 is Feb 28 in common years, and Feb 29 again in the next leap year.
    ['yearly', { yearlyMonth: 2, yearlyMonthday: 29 }, '2025-03-01 10:00', '2026-02-28 00:00'],
    ['yearly', { yearlyMonth: 2, yearlyMonthday: 29 }, '2028-01-15 10:00', '2028-02-29 00:00'],
    ['yearly', { yearlyMonth: 2, yearlyMonthday: 29 }, '2028-03-01 10:00', '2029-02-28 00:00'],
    ['yearly', { yearlyMonth: 2, yearlyMonthday: 29 }, '2027-02-28 00:00:00.000001', '2028-02-29 00:00'],
  ]);
});
