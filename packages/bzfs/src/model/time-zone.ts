/**
 * --create-src-snapshots-timezone: which zone's wall clock names and schedules snapshots. As in the
 * original: `''` is the local zone (the process's TZ), `UTC`, a fixed offset `+HHMM`/`-HH:MM`, or an
 * IANA zone name, which the original recognises by its `/` (`Europe/Vienna`, `Etc/GMT+5`).
 * Conversions between instants and wall time live here; everything else computes in wall time.
 */
import { UsageError } from './errors.js';
import { showValue } from './validate.js';
import { US_PER_MS, showWallTime, wallTime, type WallTime } from './wall-time.js';

export type TimeZone =
  | { readonly kind: 'local' }
  | { readonly kind: 'fixed'; readonly offsetMinutes: number }
  | { readonly kind: 'iana'; readonly name: string };

const OPTION = '--create-src-snapshots-timezone';

export function parseTimeZone(spec: string): TimeZone {
  if (spec === '') return { kind: 'local' };
  if (spec === 'UTC') return { kind: 'fixed', offsetMinutes: 0 };
  const m = /^([+-])(\d\d):?(\d\d)$/.exec(spec);
  if (m !== null) {
    const [h, min] = [Number(m[2]), Number(m[3])];
    // Stricter than the original, which takes '+0075' as 75 minutes; Python refuses 24 hours or more.
    if (h > 23 || min > 59) {
      throw new UsageError(`${OPTION} ${showValue(spec)}: the offset must be at most 23:59`);
    }
    return { kind: 'fixed', offsetMinutes: (m[1] === '-' ? -1 : 1) * (h * 60 + min) };
  }
  if (spec.includes('/')) {
    try {
      formatterFor(spec);
    } catch {
      throw new UsageError(`${OPTION} ${showValue(spec)}: unknown IANA time zone`);
    }
    return { kind: 'iana', name: spec };
  }
  throw new UsageError(
    `${OPTION} ${showValue(spec)}: expected '' (the local zone), 'UTC', an offset such as '+0530' ` +
      "or '-04:00', or an IANA zone name such as 'Europe/Vienna'",
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(name: string): Intl.DateTimeFormat {
  let f = formatters.get(name);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(name, f);
  }
  return f;
}

/** The zone's UTC offset at an instant, in minutes east of Greenwich. */
export function offsetMinutesAt(instantMs: number, zone: TimeZone): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes;
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  if (zone.kind === 'local') return -new Date(wholeSecond).getTimezoneOffset();
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone.name).formatToParts(wholeSecond)) parts[p.type] = Number(p.value);
  const wall = wallTime({
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  });
  return Math.round((wall / US_PER_MS - wholeSecond) / 60_000);
}

/** What the zone's wall clock shows at an instant (milliseconds since the epoch). */
export function wallTimeAt(instantMs: number, zone: TimeZone): WallTime {
  return Math.round((instantMs + offsetMinutesAt(instantMs, zone) * 60_000) * US_PER_MS);
}

/**
 * The instant a wall time denotes. A time that occurs twice (when clocks go back) is its first
 * occurrence; a time that does not occur (clocks go forward) is read with the offset from before
 * the change, landing after it: 02:30 on the spring-forward day in New York is 03:30 EDT. Python
 * does both for fold=0.
 */
export function instantOf(wall: WallTime, zone: TimeZone): number {
  const wallMs = wall / US_PER_MS;
  const day = 86_400_000;
  const before = wallMs - offsetMinutesAt(wallMs - day, zone) * 60_000;
  const after = wallMs - offsetMinutesAt(wallMs + day, zone) * 60_000;
  const exact = [before, after].filter((t) => wallTimeAt(t, zone) === wall);
  return exact.length > 0 ? Math.min(...exact) : before;
}

/**
 * A scheduled time for the log, as the original prints it: `2025-03-09 02:30:00-05:00`, the offset
 * being the one instantOf reads it with (before the change, for a skipped time). The local zone prints no offset (its datetimes are naive there).
 */
export function showZonedWallTime(wall: WallTime, zone: TimeZone): string {
  if (zone.kind === 'local') return showWallTime(wall);
  const off = Math.round((wall / US_PER_MS - instantOf(wall, zone)) / 60_000);
  return `${showWallTime(wall)}${formatOffset(off, ':')}`;
}

/** `+05:30` (separator ':') or `+0530` (''), as %z prints it. */
export function formatOffset(minutes: number, separator: string): string {
  const a = Math.abs(minutes);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${p(Math.floor(a / 60))}${separator}${p(a % 60)}`;
}
