/**
 * --create-src-snapshots-timeformat: the time part of a created snapshot's name, a strftime format
 * (default `%Y-%m-%d_%H:%M:%S`, as the original). Supported are the directives below, in the C
 * locale; an unknown one is refused at parse time rather than passed to a platform's strftime.
 * %Z is not supported: zone abbreviations differ between platforms (use %z). The original's two
 * extras: a trailing `%F` means milliseconds (elsewhere `%F` is `%Y-%m-%d`), and every `+` of the
 * result becomes `z`, because zfs refuses `+` in snapshot names. In the local zone %z prints nothing
 * (the original's local datetimes carry no zone).
 */
import { UsageError } from '../../model/errors.js';
import { formatOffset, offsetMinutesAt, wallTimeAt, type TimeZone } from '../../model/time-zone.js';
import { showValue } from '../../model/validate.js';
import { US_PER_DAY, wallFields, wallTime, type WallFields } from '../../model/wall-time.js';

export const DEFAULT_TIME_FORMAT = '%Y-%m-%d_%H:%M:%S';

type Part = { readonly literal: string } | { readonly directive: string };

export interface TimeFormat {
  readonly parts: readonly Part[];
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const p = (n: number, width = 2) => String(n).padStart(width, '0');

function dayOfYear(f: WallFields): number {
  const day = (month: number, d: number) => wallTime({ year: f.year, month, day: d }) / US_PER_DAY;
  return day(f.month, f.day) - day(1, 1) + 1;
}

type Render = (f: WallFields, offsetMinutes: number | undefined) => string;

const DIRECTIVES: Readonly<Record<string, Render>> = {
  Y: (f) => p(f.year, 4),
  y: (f) => p(f.year % 100),
  m: (f) => p(f.month),
  d: (f) => p(f.day),
  H: (f) => p(f.hour),
  I: (f) => p(f.hour % 12 === 0 ? 12 : f.hour % 12),
  p: (f) => (f.hour < 12 ? 'AM' : 'PM'),
  M: (f) => p(f.minute),
  S: (f) => p(f.second),
  f: (f) => p(f.micro, 6),
  j: (f) => p(dayOfYear(f), 3),
  a: (f) => DAYS[f.weekday]!.slice(0, 3),
  A: (f) => DAYS[f.weekday]!,
  b: (f) => MONTHS[f.month - 1]!.slice(0, 3),
  B: (f) => MONTHS[f.month - 1]!,
  u: (f) => String(f.weekday === 0 ? 7 : f.weekday),
  w: (f) => String(f.weekday),
  F: (f) => `${p(f.year, 4)}-${p(f.month)}-${p(f.day)}`,
  z: (_f, off) => (off === undefined ? '' : formatOffset(off, '')),
  '%': () => '%',
};

/** Splits a format into literals and directives; refuses unknown directives and a lone trailing '%'. */
export function parseTimeFormat(spec: string): TimeFormat {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== '%') {
      literal += spec[i];
      continue;
    }
    const d = spec[i + 1];
    if (d === undefined || DIRECTIVES[d] === undefined) {
      const what = d === undefined ? "ends with a lone '%'" : `has the unsupported directive '%${d}'`;
      throw new UsageError(
        `--create-src-snapshots-timeformat ${showValue(spec)}: ${what}; supported are ` +
          `${Object.keys(DIRECTIVES)
            .map((k) => `%${k}`)
            .join(' ')} (a trailing %F is milliseconds)`,
      );
    }
    if (literal !== '') parts.push({ literal });
    literal = '';
    parts.push({ directive: d });
    i++;
  }
  if (literal !== '') parts.push({ literal });
  return { parts };
}

/** The time part of a snapshot name for an instant (milliseconds since the epoch) in a zone. */
export function formatTimestamp(fmt: TimeFormat, instantMs: number, zone: TimeZone): string {
  const f = wallFields(wallTimeAt(instantMs, zone));
  const offset = zone.kind === 'local' ? undefined : offsetMinutesAt(instantMs, zone);
  const last = fmt.parts.length - 1;
  const text = fmt.parts
    .map((part, i) => {
      if ('literal' in part) return part.literal;
      if (part.directive === 'F' && i === last) return p(Math.floor(f.micro / 1000), 3);
      return DIRECTIVES[part.directive]!(f, offset);
    })
    .join('');
  return text.replaceAll('+', 'z');
}
