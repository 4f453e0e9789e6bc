/**
 * The schedule of one period: the smallest scheduled wall time at or after a given wall time. A
 * label is due when the clock has reached the scheduled time that follows its newest snapshot.
 *
 * Phases, from the anchors (model/anchors.ts):
 * - below a day (millisecondly ... hourly): a grid that starts each day at the anchor's time of
 *   day (e.g. hourly at :15:30, 5minutely at :00, :05, ...); the plan validation makes such periods
 *   divide a day, so the grid is the same every day;
 * - daily and weekly: N days (weeks) after the latest anchor time of day (and weekday);
 * - monthly: the anchor day of every N-th month counted from --monthly_month, the day clamped to
 *   the month's length (31 means the last day);
 * - yearly: the anchor date of every N-th year counted from --yearly_year.
 *
 * Deliberate differences from the original's arithmetic, which can schedule twice in one period:
 * (1) a sub-day grid before the day's anchor time continues from the previous day's anchor (the
 * original steps back one unit, not one day, so with N > 1 in the seconds after midnight its grid
 * is off); (2) a clamped day is clamped from the anchor each time, not from an already clamped date
 * and in the boundary's own year (the original's next 31st-of-month after Feb 28 is Mar 28, then
 * Mar 31; its next yearly Feb 29 after Feb 28, 2027 is Feb 28, 2028, then Feb 29, 2028).
 */
import type { PeriodAnchors } from '../../model/anchors.js';
import type { Period } from '../../model/period.js';
import {
  US_PER_DAY,
  US_PER_HOUR,
  US_PER_MINUTE,
  US_PER_MS,
  US_PER_SECOND,
  daysInMonth,
  mod,
  startOfDay,
  wallFields,
  wallTime,
  type WallTime,
} from '../../model/wall-time.js';

export function roundUpToPeriod(w: WallTime, period: Period, a: PeriodAnchors): WallTime {
  const n = period.multiple;
  switch (period.unit) {
    case 'millisecondly':
      return onGrid(w, dailyAnchor(w, a.millisecondlyMicrosecond), n * US_PER_MS);
    case 'secondly':
      return onGrid(w, dailyAnchor(w, a.secondlyMillisecond * US_PER_MS), n * US_PER_SECOND);
    case 'minutely':
      return onGrid(w, dailyAnchor(w, a.minutelySecond * US_PER_SECOND), n * US_PER_MINUTE);
    case 'hourly':
      return onGrid(w, dailyAnchor(w, hms(0, a.hourlyMinute, a.hourlySecond)), n * US_PER_HOUR);
    case 'daily':
      return onGrid(w, dailyAnchor(w, hms(a.dailyHour, a.dailyMinute, a.dailySecond)), n * US_PER_DAY);
    case 'weekly':
      return onGrid(w, weeklyAnchor(w, a), 7 * n * US_PER_DAY);
    case 'monthly':
      return monthly(w, n, a);
    case 'yearly':
      return yearly(w, n, a);
  }
}

const hms = (h: number, m: number, s: number) => h * US_PER_HOUR + m * US_PER_MINUTE + s * US_PER_SECOND;

/** `w` if it lies on the grid `anchor + k * step`, else the next grid point after it. */
function onGrid(w: WallTime, anchor: WallTime, step: number): WallTime {
  const rem = mod(w - anchor, step);
  return rem === 0 ? w : w + step - rem;
}

/** The latest time at or before `w` whose time of day is `offset` after midnight. */
function dailyAnchor(w: WallTime, offset: number): WallTime {
  const t = startOfDay(w) + offset;
  return t <= w ? t : t - US_PER_DAY;
}

/** The latest --weekly_weekday at the weekly time of day, at or before `w`. */
function weeklyAnchor(w: WallTime, a: PeriodAnchors): WallTime {
  let t = startOfDay(w) + hms(a.weeklyHour, a.weeklyMinute, a.weeklySecond);
  t -= mod(wallFields(t).weekday - a.weeklyWeekday, 7) * US_PER_DAY;
  return t <= w ? t : t - 7 * US_PER_DAY;
}

function monthly(w: WallTime, n: number, a: PeriodAnchors): WallTime {
  const { year, month } = wallFields(w);
  const boundary = (k: number): WallTime => {
    const total = a.monthlyMonth - 1 + k * n;
    const y = year + Math.floor(total / 12);
    const m = mod(total, 12) + 1;
    // The anchor day is clamped to the anchor month's length, and that day holds for the other
    // months too (a February anchor of 31 means the 28th, or the 29th in leap years, as the
    // original's tests expect). Clamped in the boundary's own year, so each month has one boundary.
    const day = Math.min(a.monthlyMonthday, daysInMonth(y, a.monthlyMonth));
    const d = Math.min(day, daysInMonth(y, m));
    return wallTime({ year: y, month: m, day: d }) + hms(a.monthlyHour, a.monthlyMinute, a.monthlySecond);
  };
  // boundary(k) falls in a month no later than w's; boundary(k + 1) in a later one.
  const k = Math.floor((month - a.monthlyMonth) / n);
  const b = boundary(k);
  return b >= w ? b : boundary(k + 1);
}

function yearly(w: WallTime, n: number, a: PeriodAnchors): WallTime {
  const { year } = wallFields(w);
  const at = (y: number): WallTime =>
    wallTime({
      year: y,
      month: a.yearlyMonth,
      day: Math.min(a.yearlyMonthday, daysInMonth(y, a.yearlyMonth)),
    }) + hms(a.yearlyHour, a.yearlyMinute, a.yearlySecond);
  const start = year - mod(year - a.yearlyYear, n);
  const b = at(start);
  return b >= w ? b : at(start + n);
}
