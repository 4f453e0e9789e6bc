import { UsageError } from '../model/errors.js';
import { showValue } from '../model/validate.js';
import { parseIsoDateTime } from './iso-datetime.js';

/**
 * The TIMERANGE of --include-snapshot-times-and-ranks, as the original reads it: `start..end`,
 * half-open `[start, end)` over ZFS `creation` (Unix seconds). Each end is `anytime` or `*` (open),
 * a Unix time in seconds, `N units ago` (relative to the run's clock, resolved at selection time),
 * or an ISO 8601 date-time (iso-datetime.ts). `notime` means `0..0`, the empty range. The ends may
 * come in either order.
 */

/** One end of a range: an absolute time, or how long before the run's clock. */
type TimeBound = { readonly unixSecs: number } | { readonly agoMs: number };

/** An absent end is open. */
export interface TimeRange {
  readonly lo?: TimeBound;
  readonly hi?: TimeBound;
}

/** What an open upper end stands for, as in the original: 2^64 seconds (an open lower end is 0). */
const OPEN_END_SECS = 2 ** 64;

/** The original's duration units (plural only); a month is 30.5 days, a year 365 days. */
const UNIT_MS: Readonly<Record<string, number>> = {
  milliseconds: 1,
  millis: 1,
  seconds: 1000,
  secs: 1000,
  minutes: 60_000,
  mins: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
  months: 30.5 * 86_400_000,
  years: 365 * 86_400_000,
};
/** The unit words of `N units ago`; the jobrunner's spec durations use the same words. */
export const DURATION_UNITS: readonly string[] = Object.keys(UNIT_MS);
const DURATION = new RegExp(`^([0-9]+)\\s*(${Object.keys(UNIT_MS).join('|')})$`);

/**
 * `N units` (`30 minutes`, `2days`) in milliseconds, as the original reads durations in plans and
 * time ranges; undefined for anything else (no sign, no fraction, no singular unit).
 */
export function durationWordsMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  return m === null ? undefined : Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** The parsed range; undefined when both ends are open (every time passes). */
export function parseTimeRange(text: string, option: string): TimeRange | undefined {
  const value = text.trim() === 'notime' ? '0..0' : text.trim();
  const dots = value.indexOf('..');
  if (dots < 0) {
    throw new UsageError(
      `${option} ${showValue(text)}: a time range needs '..' between start and end ` +
        `(e.g. '7 days ago..anytime', '2024-01-01..2024-04-01', or 'notime' for none)`,
    );
  }
  const bound = (end: string): TimeBound | undefined => parseBound(end, text, option);
  const [lo, hi] = [bound(value.slice(0, dots)), bound(value.slice(dots + 2))];
  if (lo === undefined && hi === undefined) return undefined;
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

function parseBound(raw: string, whole: string, option: string): TimeBound | undefined {
  const end = raw.trim();
  if (end === '*' || end === 'anytime') return undefined;
  if (/^[0-9]+$/.test(end)) return { unixSecs: Number(end) };
  const ago = /^(.*?)\s*ago$/.exec(end);
  const agoMs = ago === null ? undefined : durationWordsMs(ago[1]!);
  if (agoMs !== undefined) return { agoMs };
  const iso = parseIsoDateTime(end);
  if (iso !== undefined) return { unixSecs: iso };
  throw new UsageError(
    `${option} ${showValue(whole)}: ${showValue(end)} is not 'anytime' or '*', a Unix time in seconds, ` +
      `'N units ago' (units: ${Object.keys(UNIT_MS).join(', ')}), or an ISO 8601 date-time ` +
      `such as 2024-10-05 or 2024-10-05T14:48:55+02:00`,
  );
}

/**
 * `[lo, hi)` in Unix seconds at clock value `nowMs`: an `ago` end is rounded up to the second
 * (as the original's ceil), an open end is 0 or 2^64, and the ends are put in order.
 */
export function resolveTimeRange(r: TimeRange, nowMs: number): readonly [number, number] {
  const secs = (b: TimeBound | undefined, open: number): number =>
    b === undefined ? open : 'unixSecs' in b ? b.unixSecs : Math.ceil((nowMs - b.agoMs) / 1000);
  const lo = secs(r.lo, 0);
  const hi = secs(r.hi, OPEN_END_SECS);
  return lo <= hi ? [lo, hi] : [hi, lo];
}
