import type { SnapshotRef } from '../model/snapshot.js';
import type { NameMatcher } from './name-matcher.js';

/**
 * The --include/--exclude-snapshot-regex verdict on a short name. Regexes match the whole name;
 * exclude wins; with no include regex every name is included.
 */
export function regexPasses(
  name: string,
  include: readonly NameMatcher[],
  exclude: readonly NameMatcher[],
): boolean {
  return (include.length === 0 || include.some((r) => r.test(name))) && !exclude.some((r) => r.test(name));
}

/**
 * The regex-only selection (one group with one regex filter; select-snapshots.ts has the whole
 * pipeline). Bookmarks are never selected: they can be a base but cannot be sent.
 */
export function snapshotSelector(include: readonly NameMatcher[], exclude: readonly NameMatcher[]) {
  return (s: SnapshotRef): boolean => s.kind === 'snapshot' && regexPasses(s.name, include, exclude);
}
