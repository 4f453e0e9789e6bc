import { countOfCores, countOrPercentProblem } from '../model/core-share.js';
import { UsageError } from '../model/errors.js';
import { MAX_TIMER_MS } from '../model/timer-limit.js';
import { showValue, validatePort } from '../model/validate.js';
import { compileNameMatcher, type NameMatcher } from '../filters/name-matcher.js';
import { list } from './argv-shape.js';

// Parsers of option values: thread counts, non-negative numbers, regexes, durations.

/** N or N% of the CPU cores by the shared rule (model/core-share.ts), at most 1600 threads. */
export function parseThreads(text: string, cpus: number): number {
  const problem = countOrPercentProblem(text.trim());
  if (problem !== undefined) throw new UsageError(`--threads ${text}: ${problem}`);
  return Math.min(1600, countOfCores(text.trim(), cpus));
}

// Numbers are taken as text and read only in plain decimal: JavaScript's Number() would also
// accept '0x16', '1e1', ' 22' and '', which the original's int()/float() options refuse.

/** A plain decimal integer >= `min`, e.g. --retries (0) or --ssh-control-persist-secs (1). */
export function integerAtLeast(v: unknown, name: string, min: number): number {
  const text = String(v);
  if (!/^[0-9]+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text)))
    throw new UsageError(`${name} ${showValue(text)}: expected a decimal integer >= ${min}`);
  return Number(text);
}

/** A plain decimal number >= 0 such as `0.125` (the retry sleeps, in seconds). */
export function nonNegative(v: unknown, name: string): number {
  const text = String(v);
  if (!/^([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(text))
    throw new UsageError(`${name} ${showValue(text)}: expected a decimal number >= 0`);
  return Number(text);
}

/** A TCP port given as text: decimal digits only, then the range check of validatePort. */
export function parsePort(v: unknown, name: string): number {
  const text = String(v);
  if (!/^[0-9]+$/.test(text))
    throw new UsageError(`${name} ${showValue(text)}: expected a decimal port number from 1 to 65535`);
  try {
    return validatePort(Number(text));
  } catch (e) {
    throw new UsageError(`${name}: ${(e as Error).message}`);
  }
}

/**
 * Snapshot name regexes match the whole name; a leading `!` negates (as in the original). RE2
 * syntax (filters/name-matcher.ts): no lookaround, no backreferences.
 */
export function regexes(v: unknown, name: string): NameMatcher[] {
  return list(v).map((s) => {
    try {
      return compileNameMatcher(s);
    } catch (e) {
      throw new UsageError(`${name} ${s}: ${reasonOf(e)} (expected an RE2 regular expression)`);
    }
  });
}

/** RE2's message without its generic prefix. */
export const reasonOf = (e: unknown): string =>
  (e as Error).message.replace(/^error parsing regexp: /, 'invalid regex: ');

const DURATION_UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(ms|millis|milliseconds?)$/, 1],
  [/^(|s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
  [/^(w|weeks?)$/, 7 * 86_400_000],
];

/** The range a duration option accepts: by default a timer's, from 1 ms to MAX_TIMER_MS. */
interface DurationBounds {
  readonly minMs: number;
  readonly maxMs: number;
}
const TIMER_BOUNDS: DurationBounds = { minMs: 1, maxMs: MAX_TIMER_MS };

/**
 * "90", "90s", "5 minutes", "2h", "1d" → milliseconds; by default from 1 ms (a zero timeout would
 * abort at once) to MAX_TIMER_MS, about 24.8 days (a longer one overflows Node's timer and fires at
 * once). A caller that never hands the value to one timer (--daemon-lifetime) widens the bounds.
 */
export function parseDurationMs(
  text: string,
  option = 'duration',
  bounds: DurationBounds = TIMER_BOUNDS,
): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/.exec(text);
  const unit = m ? DURATION_UNITS.find(([re]) => re.test(m[2]!)) : undefined;
  if (!m || !unit)
    throw new UsageError(`${option} ${showValue(text)}: invalid duration (examples: 90s, 5 minutes, 2h)`);
  const ms = Number(m[1]) * unit[1];
  if (ms < bounds.minMs) {
    throw new UsageError(
      bounds.minMs === 1
        ? `${option} ${showValue(text)}: expected a positive duration, at least 1 ms`
        : `${option} ${showValue(text)}: expected at least ${bounds.minMs} ms`,
    );
  }
  if (ms > bounds.maxMs) {
    throw new UsageError(
      bounds.maxMs === MAX_TIMER_MS
        ? `${option} ${showValue(text)}: expected at most ${MAX_TIMER_MS} ms (about 24.8 days), ` +
            'the longest delay a Node timer can wait'
        : `${option} ${showValue(text)}: expected at most ${bounds.maxMs} ms`,
    );
  }
  return ms;
}
