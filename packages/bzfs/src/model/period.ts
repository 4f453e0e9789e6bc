/**
 * Snapshot periods, the last part of a snapshot name such as `prod_onsite_2024-11-06_08:30:05_hourly`:
 * `hourly`, or with a multiplier `10minutely`, `12hourly`, `3monthly`. One rule for creation (when a
 * label is due), selection (`--include-snapshot-plan`) and retention, as the original parses them: a
 * multiplier is a decimal integer without leading zero, so `05minutely` or `0hourly` are no period
 * (such a suffix is non-periodic, like `adhoc`).
 */
export const PERIOD_UNITS = [
  'millisecondly',
  'secondly',
  'minutely',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'yearly',
] as const;

export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface Period {
  readonly unit: PeriodUnit;
  /** How many units one period spans: 10 for `10minutely`, 1 for `minutely`. */
  readonly multiple: number;
}

const DAY_MS = 86_400_000;

/**
 * Nominal length of one unit. A month counts 30.5 days and a year 365, as in the original; only
 * ordering (longer periods first) and "N periods ago" use these, never the calendar arithmetic.
 */
const UNIT_MS: Readonly<Record<PeriodUnit, number>> = {
  millisecondly: 1,
  secondly: 1000,
  minutely: 60_000,
  hourly: 3_600_000,
  daily: DAY_MS,
  weekly: 7 * DAY_MS,
  monthly: 30.5 * DAY_MS,
  yearly: 365 * DAY_MS,
};

/** The whole-name pattern of a period suffix; the jobrunner's spec schema uses the same text. */
export const PERIOD_PATTERN = `^([1-9][0-9]*)?(${PERIOD_UNITS.join('|')})$`;
const PERIOD_RE = new RegExp(PERIOD_PATTERN);

/** `10minutely` → { unit: 'minutely', multiple: 10 }; `adhoc`, `''`, `05minutely` → undefined. */
export function parsePeriod(name: string): Period | undefined {
  const m = PERIOD_RE.exec(name);
  if (m === null) return undefined;
  return { unit: m[2] as PeriodUnit, multiple: m[1] === undefined ? 1 : Number(m[1]) };
}

/** The nominal length of a period in milliseconds (see UNIT_MS). */
export function periodMs(p: Period): number {
  return p.multiple * UNIT_MS[p.unit];
}
