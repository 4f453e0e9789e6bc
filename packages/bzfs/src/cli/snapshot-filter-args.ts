import {
  filterGroups,
  parseTimesAndRanks,
  type FilterGroup,
  type FilterStep,
} from '../filters/filter-groups.js';
import {
  deleteExceptPlanFilters,
  includeSnapshotPlanFilters,
  type PlanClause,
} from '../filters/snapshot-plan.js';
import { parseSnapshotPlan } from '../plan/create/snapshot-plan.js';
import { expandArgumentFiles, type ArgumentFileAccess } from './argument-file.js';
import type { OptionOccurrence } from './nargs.js';
import { regexes } from './values.js';

/**
 * The snapshot filter options as the original reads them: their order on the command line is the
 * pipeline's order, so they are taken out of argv (cli/nargs.ts) before yargs, which loses the
 * order across options. The plans (--include-snapshot-plan, then --delete-dst-snapshots-except-plan)
 * expand into groups appended after them, as the original appends their expansion to the command line.
 */

/** The filter options with argparse's nargs: `+` takes one or more values, 0 none. */
export const SNAPSHOT_FILTER_ARITY = {
  'include-snapshot-regex': '+',
  'exclude-snapshot-regex': '+',
  'include-snapshot-times-and-ranks': '+',
  'new-snapshot-filter-group': 0,
} as const satisfies Record<string, '+' | 0>;

export interface SnapshotFilterInput {
  /** The occurrences takeMultiValueOptions took with SNAPSHOT_FILTER_ARITY, in command-line order. */
  readonly taken: readonly OptionOccurrence[];
  /** Each --include-snapshot-plan value, in order. */
  readonly includePlans: readonly string[];
  /** Each --delete-dst-snapshots-except-plan value, in order. */
  readonly deleteExceptPlans: readonly string[];
  readonly files: ArgumentFileAccess;
}

export function snapshotFilterGroups(input: SnapshotFilterInput): FilterGroup[] {
  const steps: FilterStep[] = input.taken.map((o): FilterStep => {
    const option = `--${o.name}`;
    if (o.name === 'new-snapshot-filter-group') return { kind: 'new-group' };
    if (o.name === 'include-snapshot-times-and-ranks')
      return { kind: 'times-and-ranks', filter: parseTimesAndRanks(o.values, option) };
    const values = expandArgumentFiles(o.values, option, input.files);
    const kind = o.name === 'include-snapshot-regex' ? 'include-regex' : 'exclude-regex';
    return { kind, regexes: regexes(values, option) };
  });
  const expand = (text: string, option: string, how: typeof includeSnapshotPlanFilters): void => {
    steps.push(...how(planClauses(text, option), option).steps);
  };
  for (const p of input.includePlans) expand(p, '--include-snapshot-plan', includeSnapshotPlanFilters);
  for (const p of input.deleteExceptPlans)
    expand(p, '--delete-dst-snapshots-except-plan', deleteExceptPlanFilters);
  return filterGroups(steps);
}

function planClauses(text: string, option: string): PlanClause[] {
  return parseSnapshotPlan(text, option).map((e) => ({
    org: e.org,
    target: e.target,
    label: e.periodName,
    ...(e.period ? { period: e.period } : {}),
    count: e.count,
  }));
}
