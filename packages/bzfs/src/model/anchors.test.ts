import { describe, expect, it } from '@jest/globals';
import { ANCHOR_SPECS, DEFAULT_ANCHORS, periodAnchors, type AnchorKey } from './anchors.js';
import { UsageError } from './errors.js';

describe('period anchors', () => {
  it('has the original 23 options with its defaults', () => {
    expect(Object.values(ANCHOR_SPECS).map((s) => s.option)).toEqual([
      'yearly_year',
      'yearly_month',
      'yearly_monthday',
      'yearly_hour',
      'yearly_minute',
      'yearly_second',
      'monthly_month',
      'monthly_monthday',
      'monthly_hour',
      'monthly_minute',
      'monthly_second',
      'weekly_weekday',
      'weekly_hour',
      'weekly_minute',
      'weekly_second',
      'daily_hour',
      'daily_minute',
      'daily_second',
      'hourly_minute',
      'hourly_second',
      'minutely_second',
      'secondly_millisecond',
      'millisecondly_microsecond',
    ]);
    expect(DEFAULT_ANCHORS.yearlyYear).toBe(2025);
    expect(DEFAULT_ANCHORS.yearlyMonth).toBe(1);
    expect(DEFAULT_ANCHORS.monthlyMonthday).toBe(1);
    expect(DEFAULT_ANCHORS.weeklyWeekday).toBe(0);
    expect(DEFAULT_ANCHORS.dailyHour).toBe(0);
    expect(periodAnchors()).toEqual(DEFAULT_ANCHORS);
  });

  it('takes given values and defaults the rest', () => {
    const a = periodAnchors({ dailyHour: 2, weeklyWeekday: 6, secondlyMillisecond: 999 });
    expect(a).toEqual({ ...DEFAULT_ANCHORS, dailyHour: 2, weeklyWeekday: 6, secondlyMillisecond: 999 });
  });

  it.each<[AnchorKey, number, RegExp]>([
    ['dailyHour', 24, /^--daily_hour 24: expected an integer from 0 to 23/],
    ['dailyHour', -1, /^--daily_hour -1: expected an integer from 0 to 23/],
    ['yearlyYear', 0, /^--yearly_year 0: expected an integer from 1 to 9999/],
    ['yearlyYear', 10000, /from 1 to 9999/],
    ['monthlyMonth', 13, /^--monthly_month 13: expected an integer from 1 to 12/],
    ['monthlyMonthday', 0, /^--monthly_monthday 0: .* from 1 to 31/],
    ['weeklyWeekday', 7, /^--weekly_weekday 7: .* from 0 to 6 \(the weekday within a week: 0=sunday/],
    ['minutelySecond', 60, /from 0 to 59/],
    ['secondlyMillisecond', 1000, /from 0 to 999/],
    ['millisecondlyMicrosecond', 1.5, /^--millisecondly_microsecond 1.5: expected an integer/],
  ])('refuses %s = %d', (key, value, message) => {
    expect(() => periodAnchors({ [key]: value })).toThrow(UsageError);
    expect(() => periodAnchors({ [key]: value })).toThrow(message);
  });
});
