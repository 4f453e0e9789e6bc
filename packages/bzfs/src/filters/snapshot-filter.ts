import type { SnapshotRef } from '../model/snapshot.js';
import type { NameMatcher } from './name-matcher.js';

/**
 * The --include/--exclude-snapshot-regex verdict. Regexes match the whole short name; exclude
 * wins; with no include regex every snapshot is included. Bookmarks are never selected: they
 * can be a base but cannot be sent.
 */
export function snapshotSelector(include: readonly NameMatcher[], exclude: readonly NameMatcher[]) {
  return (s: SnapshotRef): boolean =>
    s.kind === 'snapshot' &&
    (include.length === 0 || include.some((r) => r.test(s.name))) &&
    !exclude.some((r) => r.test(s.name));
}
