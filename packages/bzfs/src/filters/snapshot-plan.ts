import { RE2JS } from 're2js';
import { UsageError } from '../model/errors.js';
import type { Period, PeriodUnit } from '../model/period.js';
import { parseTimesAndRanks, type FilterStep } from './filter-groups.js';
import { compileNameMatcher } from './name-matcher.js';

/**
 * --include-snapshot-plan and --delete-dst-snapshots-except-plan as the original expands them:
 * every clause `{org: {target: {label: N}}}` becomes a filter group of its own,
 *   --new-snapshot-filter-group --include-snapshot-regex=<org>_<target>_.*_<label>
 *   --include-snapshot-times-and-ranks '<N × period> ago..anytime' 'latest N'
 * i.e. the snapshots of that label younger than N periods, and the latest N of them whatever their
 * age. A label without a period (`adhoc`) or N = 0 gets `notime` instead of the time range, so
 * N = 0 selects nothing. An empty target matches names where a year follows `<org>_`, so that it
 * does not also catch the snapshots of named targets. The groups come after the command line's own
 * filter options (the original appends them to the command line).
 */

/** One clause of a parsed plan, in the plan's order. */
export interface PlanClause {
  readonly org: string;
  readonly target: string;
  /** The period key as the plan spells it: `hourly`, `5minutely`, `adhoc`, or empty. */
  readonly label: string;
  /** The period `label` names (`5minutely`: 5 × minutely); absent for `adhoc` and unknown labels. */
  readonly period?: Period;
  readonly count: number;
}

/** The expansion: `args` as the original spells it (for the log), `steps` to append to the filters. */
export interface PlanFilters {
  readonly args: readonly string[];
  readonly steps: readonly FilterStep[];
}

/** The unit of `N units ago` that measures each period. */
const AGO_UNIT: Readonly<Record<PeriodUnit, string>> = {
  yearly: 'years',
  monthly: 'months',
  weekly: 'weeks',
  daily: 'days',
  hourly: 'hours',
  minutely: 'minutes',
  secondly: 'seconds',
  millisecondly: 'milliseconds',
};
/** What an empty target puts between `<org>_` and the rest: the first digits of a year. */
const YEAR = '[1-9][0-9][0-9][0-9]';

/** For --include-snapshot-plan; a plan without clauses selects nothing. */
export function includeSnapshotPlanFilters(
  plan: readonly PlanClause[],
  option = '--include-snapshot-plan',
): PlanFilters {
  if (plan.length === 0) {
    return {
      args: ['--new-snapshot-filter-group', '--include-snapshot-regex=!.*'],
      steps: [{ kind: 'new-group' }, { kind: 'include-regex', regexes: [compileNameMatcher('!.*')] }],
    };
  }
  return concat(plan.map((c) => clauseFilters(c, option)));
}

/**
 * For --delete-dst-snapshots-except-plan: the groups say what to keep (the caller deletes the
 * rest, in --delete-dst-snapshots-except mode). A plan without clauses would delete everything and
 * is refused.
 */
export function deleteExceptPlanFilters(
  plan: readonly PlanClause[],
  option = '--delete-dst-snapshots-except-plan',
): PlanFilters {
  if (plan.length === 0) {
    throw new UsageError(
      `${option}: refusing an empty plan: it keeps no snapshot, so every selected snapshot would be deleted. ` +
        'Give the periods to keep, or, if deleting them all is really meant, use ' +
        '--delete-dst-snapshots --include-snapshot-regex=.* instead',
    );
  }
  const { args, steps } = concat(plan.map((c) => clauseFilters(c, option)));
  return { args: ['--delete-dst-snapshots-except', ...args], steps };
}

function clauseFilters(c: PlanClause, option: string): PlanFilters {
  if (!Number.isSafeInteger(c.count) || c.count < 0) {
    throw new UsageError(
      `${option}: the count of ${c.org}/${c.target}/${c.label} must be a non-negative integer, not ${c.count}`,
    );
  }
  const target = c.target === '' ? YEAR : RE2JS.quote(`${c.target}_`);
  const label = c.label === '' ? '' : RE2JS.quote(`_${c.label}`);
  const regex = `${RE2JS.quote(`${c.org}_`)}${target}.*${label}`;
  const amount = (c.period?.multiple ?? 0) * c.count;
  const time =
    c.period === undefined || amount === 0 ? 'notime' : `${amount}${AGO_UNIT[c.period.unit]}ago..anytime`;
  const rank = `latest${c.count}`;
  return {
    args: [
      '--new-snapshot-filter-group',
      `--include-snapshot-regex=${regex}`,
      '--include-snapshot-times-and-ranks',
      time,
      rank,
    ],
    steps: [
      { kind: 'new-group' },
      { kind: 'include-regex', regexes: [compileNameMatcher(regex)] },
      { kind: 'times-and-ranks', filter: parseTimesAndRanks([time, rank], option) },
    ],
  };
}

const concat = (parts: readonly PlanFilters[]): PlanFilters => ({
  args: parts.flatMap((p) => p.args),
  steps: parts.flatMap((p) => p.steps),
});
