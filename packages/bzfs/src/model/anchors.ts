/**
 * Period anchors (`--yearly_month`, ..., `--millisecondly_microsecond`): the phase of each schedule,
 * e.g. daily snapshots at `--daily_hour` 2 are due at 02:00, not at midnight. Names, ranges and
 * defaults are the original's; the options keep its snake_case spelling.
 */
import { UsageError } from './errors.js';

interface AnchorSpec {
  /** The option name without `--`, e.g. `daily_hour`. */
  readonly option: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly help: string;
}

const month = { min: 1, max: 12, default: 1, help: 'The month within a year' };
const monthday = { min: 1, max: 31, default: 1, help: 'The day within a month' };
const hour = { min: 0, max: 23, default: 0, help: 'The hour within a day' };
const minute = { min: 0, max: 59, default: 0, help: 'The minute within an hour' };
const second = { min: 0, max: 59, default: 0, help: 'The second within a minute' };

/** Every anchor option, grouped by period from the longest, in the original's order. */
export const ANCHOR_SPECS = {
  yearlyYear: {
    option: 'yearly_year',
    min: 1,
    max: 9999,
    default: 2025,
    help: 'The anchor year of multi-year periods',
  },
  yearlyMonth: { option: 'yearly_month', ...month },
  yearlyMonthday: { option: 'yearly_monthday', ...monthday },
  yearlyHour: { option: 'yearly_hour', ...hour },
  yearlyMinute: { option: 'yearly_minute', ...minute },
  yearlySecond: { option: 'yearly_second', ...second },
  monthlyMonth: { option: 'monthly_month', ...month, help: 'The anchor month of multi-month periods' },
  monthlyMonthday: { option: 'monthly_monthday', ...monthday },
  monthlyHour: { option: 'monthly_hour', ...hour },
  monthlyMinute: { option: 'monthly_minute', ...minute },
  monthlySecond: { option: 'monthly_second', ...second },
  weeklyWeekday: {
    option: 'weekly_weekday',
    min: 0,
    max: 6,
    default: 0,
    help: 'The weekday within a week: 0=Sunday, 1=Monday, ..., 6=Saturday',
  },
  weeklyHour: { option: 'weekly_hour', ...hour },
  weeklyMinute: { option: 'weekly_minute', ...minute },
  weeklySecond: { option: 'weekly_second', ...second },
  dailyHour: { option: 'daily_hour', ...hour },
  dailyMinute: { option: 'daily_minute', ...minute },
  dailySecond: { option: 'daily_second', ...second },
  hourlyMinute: { option: 'hourly_minute', ...minute },
  hourlySecond: { option: 'hourly_second', ...second },
  minutelySecond: { option: 'minutely_second', ...second },
  secondlyMillisecond: {
    option: 'secondly_millisecond',
    min: 0,
    max: 999,
    default: 0,
    help: 'The millisecond within a second',
  },
  millisecondlyMicrosecond: {
    option: 'millisecondly_microsecond',
    min: 0,
    max: 999,
    default: 0,
    help: 'The microsecond within a millisecond',
  },
} as const satisfies Record<string, AnchorSpec>;

export type AnchorKey = keyof typeof ANCHOR_SPECS;
export type PeriodAnchors = Readonly<Record<AnchorKey, number>>;

const KEYS = Object.keys(ANCHOR_SPECS) as AnchorKey[];

export const DEFAULT_ANCHORS: PeriodAnchors = Object.fromEntries(
  KEYS.map((k) => [k, ANCHOR_SPECS[k].default]),
) as PeriodAnchors;

/**
 * The anchors from the values the user gave (missing ones take their defaults), each checked to be
 * an integer within its range; the error names the option and its range.
 */
export function periodAnchors(given: Partial<Record<AnchorKey, number>> = {}): PeriodAnchors {
  const out: Partial<Record<AnchorKey, number>> = {};
  for (const key of KEYS) {
    const spec: AnchorSpec = ANCHOR_SPECS[key];
    const v = given[key] ?? spec.default;
    if (!Number.isInteger(v) || v < spec.min || v > spec.max) {
      throw new UsageError(
        `--${spec.option} ${String(v)}: expected an integer from ${spec.min} to ${spec.max} (${spec.help.toLowerCase()})`,
      );
    }
    out[key] = v;
  }
  return out as PeriodAnchors;
}
