import type { NameMatcher } from './name-matcher.js';

/**
 * --exclude-envvar-regex / --include-envvar-regex: the environment variables to unset at startup,
 * so that a stray or injected variable (an EDITOR, an LD_PRELOAD, a tuning knob) cannot reach the
 * zfs, ssh and sudo processes bzfs starts. A variable goes when its whole name matches an exclude
 * and no include: include wins, as in the original. No exclude means nothing is unset.
 */
export function envVarsToUnset(
  names: Iterable<string>,
  exclude: readonly NameMatcher[],
  include: readonly NameMatcher[],
): string[] {
  if (exclude.length === 0) return [];
  return [...names].filter((n) => exclude.some((m) => m.test(n)) && !include.some((m) => m.test(n)));
}
