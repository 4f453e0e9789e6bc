/**
 * The vocabulary of a spec's strings: periods, durations, host and dataset names. Each pattern comes
 * with the prose an error message uses to say what was expected.
 */
import { COUNT_OR_PERCENT_PATTERN, DURATION_UNITS, PERIOD_PATTERN, PERIOD_UNITS } from '@bzfs-ts/bzfs';

/** `[N]unit` with N ≥ 1 and no leading zero: bzfs's own rule for snapshot name suffixes. */
export { PERIOD_PATTERN };
export const PERIOD_EXPECTED = `a period like hourly or 10minutely (an optional count, then one of ${PERIOD_UNITS.join(', ')})`;

export const DURATION_PATTERN = `^[0-9]+ *(${DURATION_UNITS.join('|')})$`;
export const DURATION_EXPECTED =
  'a duration like "30 minutes" (a count, then milliseconds, seconds, minutes, hours, days, weeks, months or years)';

/**
 * A coarse first filter for host names, the characters bzfs's validateHost allows (letters, digits,
 * `. - _`, and `: %` for IPv6 such as `fe80::1%eth0`), no leading `-`, no `..`. What it lets through
 * is then checked by validateHost itself (semantic step), e.g. `h1:22`, which is no IPv6 address.
 */
export const HOST_PATTERN = '^(?!-)(?!.*\\.\\.)[A-Za-z0-9._:%-]+$';
export const HOST_EXPECTED =
  "a host name of letters, digits, '.', '-', '_' (no leading '-', no '..'), or an IPv6 address";

export const DATASET_EXPECTED = "a dataset name like pool/a/b (letters, digits, '_', '-', ':', '.', space)";

/** bzfs's rule for --threads, so `workers: "75%"` counts as `--workers 75%` and bzfs --threads 75% do. */
export const WORKERS_PATTERN = COUNT_OR_PERCENT_PATTERN;
/** Coarse filter for ssh users, as bzfs's validateUser: letters, digits, `. _ -`, no leading `-`, no `..`. */
export const USER_PATTERN = '^(?!-)(?!.*\\.\\.)[A-Za-z0-9_.-]+$';

export const SRC_HOST_TOKEN = '^SRC_HOST';
const DST_HOST_TOKEN = '^DST_HOST';

/** What a value failing one of the schema's patterns should have looked like, for error messages. */
export const EXPECTED_BY_PATTERN: Readonly<Record<string, string>> = {
  [PERIOD_PATTERN]: PERIOD_EXPECTED,
  [DURATION_PATTERN]: DURATION_EXPECTED,
  [HOST_PATTERN]: HOST_EXPECTED,
  [WORKERS_PATTERN]: 'a count like 4 or a percentage of the CPU cores like "75%"',
  [USER_PATTERN]: "a user name of letters, digits, '_', '.', '-' (no leading '-', no '..')",
};

/** Replaces the substitution tokens of a destination root. */
export function substituteRoot(root: string, srcHost: string, dstHost: string): string {
  return root.replaceAll(SRC_HOST_TOKEN, srcHost).replaceAll(DST_HOST_TOKEN, dstHost);
}

/**
 * Why `value` may not be used as an id that ends up in file names and log lines, if it may not: control
 * characters (NUL, newline, tab, ...), invisible format characters and bidi overrides would forge or
 * garble log lines and file names.
 */
export function unsafeCharProblem(value: string): string | undefined {
  const bad = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.exec(value)?.[0];
  if (bad === undefined) return undefined;
  const cp = bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `must not contain control, format or line-separator characters, found U+${cp}`;
}
