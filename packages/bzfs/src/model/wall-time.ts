/**
 * Wall-clock time: what a clock on the wall of a time zone shows, without the zone. The original
 * schedules snapshots in wall-clock time (Python adds and compares datetimes of one zone by their
 * fields), so a daily snapshot at 02:30 stays at 02:30 across a DST change. Here a wall time is an
 * integer count of microseconds on a scale that has no DST: the fields read as if they were UTC.
 * Microseconds because --millisecondly_microsecond anchors below a millisecond; exact as a Number
 * up to the year 2255.
 */

export type WallTime = number;

export const US_PER_MS = 1000;
export const US_PER_SECOND = 1_000_000;
export const US_PER_MINUTE = 60 * US_PER_SECOND;
export const US_PER_HOUR = 60 * US_PER_MINUTE;
export const US_PER_DAY = 24 * US_PER_HOUR;

export interface WallFields {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  /** 1 to 31. */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 to 999999. */
  readonly micro: number;
  /** 0 = Sunday ... 6 = Saturday (as --weekly_weekday counts). */
  readonly weekday: number;
}

/** Non-negative remainder, as Python's `%`: the calendar arithmetic floors towards the past. */
export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear does not. */
function utcMs(year: number, month: number, day: number, h: number, m: number, s: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, 0);
  return d.getTime();
}

type FieldsIn = Omit<WallFields, 'weekday' | 'micro' | 'hour' | 'minute' | 'second'> &
  Partial<Pick<WallFields, 'hour' | 'minute' | 'second' | 'micro'>>;

export function wallTime(f: FieldsIn): WallTime {
  const ms = utcMs(f.year, f.month, f.day, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  return ms * US_PER_MS + (f.micro ?? 0);
}

export function wallFields(w: WallTime): WallFields {
  const d = new Date(Math.floor(w / US_PER_MS));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    micro: mod(w, US_PER_SECOND),
    weekday: d.getUTCDay(),
  };
}

/** 00:00:00 of the day `w` falls on. */
export function startOfDay(w: WallTime): WallTime {
  return w - mod(w, US_PER_DAY);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0, 0, 0, 0)).getUTCDate();
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]`, as Python prints a datetime (the microseconds only when not 0). */
export function showWallTime(w: WallTime): string {
  const f = wallFields(w);
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  const micro = f.micro === 0 ? '' : `.${p(f.micro, 6)}`;
  return `${p(f.year, 4)}-${p(f.month)}-${p(f.day)} ${p(f.hour)}:${p(f.minute)}:${p(f.second)}${micro}`;
}
