import { UsageError } from '../model/errors.js';
import type { NameMatcher } from './name-matcher.js';
import { parseRankRange, type RankRange } from './rank-range.js';
import { parseTimeRange, type TimeRange } from './time-range.js';

/**
 * The snapshot filter pipeline as the original builds it from the command line: the
 * --include/--exclude-snapshot-regex, --include-snapshot-times-and-ranks and
 * --new-snapshot-filter-group options, in the order given, make groups of filters. Within a group
 * the filters narrow left to right; the selection is the union of the groups (select-snapshots.ts).
 */

/** Regex options given one after another form a single regex filter. */
interface RegexFilter {
  readonly kind: 'regex';
  readonly include: readonly NameMatcher[];
  readonly exclude: readonly NameMatcher[];
}

/** A snapshot passes if its creation time is in the range or its rank is in the rank range. */
interface TimesAndRanksFilter {
  readonly kind: 'times-and-ranks';
  /** Undefined when both ends are open: every creation time is in the range. */
  readonly times: TimeRange | undefined;
  /** Applied one after another; without any the filter is a pure time filter. */
  readonly ranks: readonly RankRange[];
}

export type SnapshotFilter = RegexFilter | TimesAndRanksFilter;

export type FilterGroup = readonly SnapshotFilter[];

/** One filter option of the command line (or of an expanded plan), in command-line order. */
export type FilterStep =
  | { readonly kind: 'include-regex' | 'exclude-regex'; readonly regexes: readonly NameMatcher[] }
  | { readonly kind: 'times-and-ranks'; readonly filter: TimesAndRanksFilter }
  | { readonly kind: 'new-group' };

/** The values of one --include-snapshot-times-and-ranks: `TIMERANGE [RANKRANGE ...]`. */
export function parseTimesAndRanks(
  values: readonly string[],
  option = '--include-snapshot-times-and-ranks',
): TimesAndRanksFilter {
  const [timeRange, ...rankRanges] = values;
  if (timeRange === undefined)
    throw new UsageError(`${option}: expected a TIMERANGE and optional RANKRANGEs`);
  return {
    kind: 'times-and-ranks',
    times: parseTimeRange(timeRange, option),
    ranks: rankRanges.map((r) => parseRankRange(r, option)),
  };
}

/**
 * The groups of `steps`. A new group starts only when the current one has a filter, so that
 * repeated or leading --new-snapshot-filter-group change nothing; a group left without filters
 * (a trailing --new-snapshot-filter-group) selects every snapshot, as in the original. With no
 * steps at all there is one empty group: everything is selected.
 */
export function filterGroups(steps: readonly FilterStep[]): FilterGroup[] {
  const groups: SnapshotFilter[][] = [[]];
  for (const step of steps) {
    const group = groups[groups.length - 1]!;
    if (step.kind === 'new-group') {
      if (group.length > 0) groups.push([]);
    } else if (step.kind === 'times-and-ranks') {
      group.push(step.filter);
    } else {
      // Adjacent regex options merge into one include/exclude verdict (as the original's
      // optimizer does): `--include-snapshot-regex A --include-snapshot-regex B` selects A or B.
      const last = group[group.length - 1];
      const prior: RegexFilter = last?.kind === 'regex' ? last : { kind: 'regex', include: [], exclude: [] };
      const merged: RegexFilter =
        step.kind === 'include-regex'
          ? { ...prior, include: [...prior.include, ...step.regexes] }
          : { ...prior, exclude: [...prior.exclude, ...step.regexes] };
      if (last === prior) group[group.length - 1] = merged;
      else group.push(merged);
    }
  }
  return groups;
}
