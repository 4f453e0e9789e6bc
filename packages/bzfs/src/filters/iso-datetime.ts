/**
 * ISO 8601 date-times as the original reads a TIMERANGE end (Python >= 3.11 `datetime.fromisoformat`),
 * to Unix seconds truncated toward zero (Python's `int(dt.timestamp())`).
 *
 * Accepted: a date `YYYY-MM-DD`, `YYYYMMDD`, or an ISO week date `YYYY-Www[-D]`, `YYYYWww[D]`; then
 * optionally one separator character of any kind (`T`, space, ...) and a time `HH[:MM[:SS[.f+]]]` (or
 * without colons, `HHMMSS`), then optionally `Z` or an offset `±HH[[:]MM[[:]SS[.f+]]]`. A value
 * without an offset is local time (DST gaps and overlaps resolve as Python's fold=0 and JavaScript's
 * Date both do: the offset before the transition). `YYYY-MM`, `2024-1-1` and day 35 are refused,
 * and so are the few undocumented forms CPython's C parser lets through (a fraction after the hour
 * or minute, offset minutes above 59, a stray character before the offset).
 */

/** Unix seconds, or undefined when `text` is not such a date-time. */
export function parseIsoDateTime(text: string): number | undefined {
  if (text.length < 7) return undefined;
  const at = separatorIndex(text);
  const date = at === undefined ? undefined : parseDate(text.slice(0, at));
  if (at === undefined || date === undefined) return undefined;
  const parsed = at === text.length ? MIDNIGHT : parseTimeAndZone(text.slice(at + 1));
  if (parsed === undefined) return undefined;
  const [y, m, d] = date;
  const [h, mi, s] = parsed.hms;
  const wholeMs =
    parsed.offsetSecs === undefined
      ? localMs(y, m, d, h, mi, s)
      : utcMs(y, m, d, h, mi, s) - parsed.offsetSecs * 1000;
  // `+ 0` turns the -0 of a time just before the epoch into 0.
  return Math.trunc(wholeMs / 1000 + parsed.micros / 1e6) + 0;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Where the date part ends (the index of the separator, or the length when the date is all). */
function separatorIndex(t: string): number | undefined {
  if (t.length === 7) return 7;
  if (t[4] === '-') {
    if (t[5] !== 'W') return 10;
    if (t[8] !== '-') return 8;
    if (t.length === 9) return undefined;
    return t.length > 10 && isDigit(t[10]) ? 8 : 10;
  }
  if (t[4] !== 'W') return 8;
  let i = 7;
  while (i < t.length && isDigit(t[i])) i++;
  return i < 9 ? i : i % 2 === 0 ? 7 : 8;
}

type Ymd = readonly [number, number, number];

function parseDate(s: string): Ymd | undefined {
  const m = /^([0-9]{4})(-?)(?:W([0-9]{2})(?:(-?)([0-9]))?|([0-9]{2})(-?)([0-9]{2}))$/.exec(s);
  if (!m) return undefined;
  const [, year, dash, week, dayDash, weekday, month, monthDash, day] = m;
  const y = Number(year);
  if (y < 1) return undefined;
  if (week !== undefined) {
    if (weekday !== undefined && dayDash !== dash) return undefined;
    return weekDate(y, Number(week), weekday === undefined ? 1 : Number(weekday));
  }
  if (monthDash !== dash) return undefined;
  const [mo, d] = [Number(month), Number(day)];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? [y, mo, d] : undefined;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** Days since 1970-01-01 of a proleptic Gregorian date (any year, no Date two-digit-year quirk). */
function epochDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** ISO week `week` (1..52, or 53 in long years), weekday 1 = Monday .. 7, as a calendar date. */
function weekDate(y: number, week: number, weekday: number): Ymd | undefined {
  const isoWeekday = (days: number) => ((((days + 3) % 7) + 7) % 7) + 1;
  const jan4 = epochDays(y, 1, 4);
  const week1 = jan4 - (isoWeekday(jan4) - 1);
  const weeks = Math.floor((epochDays(y, 12, 28) - week1) / 7) + 1;
  if (week < 1 || week > weeks || weekday < 1 || weekday > 7) return undefined;
  const day = new Date((week1 + (week - 1) * 7 + weekday - 1) * 86_400_000);
  return [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
}

interface Hms {
  readonly hms: readonly [number, number, number];
  readonly micros: number;
}
interface TimeOfDay extends Hms {
  /** Seconds east of UTC; undefined for local time. */
  readonly offsetSecs?: number;
}
const MIDNIGHT: TimeOfDay = { hms: [0, 0, 0], micros: 0 };

/** `HH[:MM[:SS]]` or `HH[MM[SS]]`, then an optional fraction after `.` or `,` (6 digits kept). */
function parseHms(s: string): Hms | undefined {
  const m = /^([0-9]{2})(?:(:?)([0-9]{2})(?:(:?)([0-9]{2})(?:[.,]([0-9]+))?)?)?$/.exec(s);
  if (!m || (m[4] !== undefined && m[4] !== m[2])) return undefined;
  const [h, mi, sec] = [m[1], m[3], m[5]].map((x) => Number(x ?? 0)) as [number, number, number];
  const micros = m[6] === undefined ? 0 : Number(m[6].slice(0, 6).padEnd(6, '0'));
  return { hms: [h, mi, sec], micros };
}

function parseTimeAndZone(t: string): TimeOfDay | undefined {
  if (t.length < 2) return undefined;
  const signAt = [t.indexOf('-'), t.indexOf('+')].find((i) => i >= 0);
  const zulu = signAt === undefined && t.endsWith('Z');
  const end = signAt ?? (zulu ? t.length - 1 : t.length);
  const time = parseHms(t.slice(0, end));
  if (time === undefined || time.hms[0] > 23 || time.hms[1] > 59 || time.hms[2] > 59) return undefined;
  if (zulu) return { ...time, offsetSecs: 0 };
  if (signAt === undefined) return time;
  const zone = t.slice(signAt + 1);
  const offset = [0, 1, 3].includes(zone.length) ? undefined : parseHms(zone);
  if (offset === undefined) return undefined;
  const [oh, om, os] = offset.hms;
  const secs = oh * 3600 + om * 60 + os + offset.micros / 1e6;
  if (om > 59 || os > 59 || secs >= 86_400) return undefined;
  return { ...time, offsetSecs: t[signAt] === '-' ? -secs : secs };
}

function utcMs(y: number, m: number, d: number, h: number, mi: number, s: number): number {
  return epochDays(y, m, d) * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000;
}

function localMs(y: number, m: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0);
  date.setFullYear(y, m - 1, d);
  date.setHours(h, mi, s, 0);
  return date.getTime();
}
