import { UsageError } from '../model/errors.js';
import { compileNameMatcher, type NameMatcher } from '../filters/name-matcher.js';
import { list } from './options.js';

// Parsers of option values: thread counts, non-negative numbers, regexes, durations.

export function parseThreads(text: string, cpus: number): number {
  const m = /^(\d+)(%?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--threads ${text}: expected N or N%`);
  const n = m[2] ? Math.floor((Number(m[1]) * cpus) / 100) : Number(m[1]);
  return Math.min(1600, Math.max(1, n));
}

export function nonNegative(v: unknown, name: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} ${String(v)}: expected a number >= 0`);
  return n;
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
  [/^(ms|milliseconds?)$/, 1],
  [/^(|s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
];

/** "90", "90s", "5 minutes", "2h", "1d" → milliseconds. */
export function parseDurationMs(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/.exec(text);
  const unit = m ? DURATION_UNITS.find(([re]) => re.test(m[2]!)) : undefined;
  if (!m || !unit) throw new UsageError(`invalid duration: ${text} (examples: 90s, 5 minutes, 2h)`);
  return Number(m[1]) * unit[1];
}
