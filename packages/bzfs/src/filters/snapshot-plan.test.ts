import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { parsePeriod } from '../model/period.js';
import type { SnapshotRef } from '../model/snapshot.js';
import { filterGroups } from './filter-groups.js';
import { selectSnapshots } from './select-snapshots.js';
import { deleteExceptPlanFilters, includeSnapshotPlanFilters, type PlanClause } from './snapshot-plan.js';

const clause = (org: string, target: string, label: string, count: number): PlanClause => {
  const period = parsePeriod(label);
  return { org, target, label, count, ...(period ? { period } : {}) };
};

describe("plan expansion (the original's auxiliary arguments)", () => {
  it('gives each clause its own group: regex, then the time range and latest N', () => {
    const plan = [
      clause('prod', 'onsite', 'hourly', 36),
      clause('prod', 'onsite', '5minutely', 2),
      clause('prod', 'onsite', 'adhoc', 3),
      clause('prod', 'onsite', 'daily', 0),
      clause('prod', '', '100millisecondly', 42),
      clause('prod', '', '', 1),
      clause('prod', 'us-west.1', '1minutely', 1),
      clause('prod', 'us-west.1', '01minutely', 4),
    ];
    const group = (regex: string, time: string, rank: string) => [
      '--new-snapshot-filter-group',
      `--include-snapshot-regex=${regex}`,
      '--include-snapshot-times-and-ranks',
      time,
      rank,
    ];
    expect(includeSnapshotPlanFilters(plan).args).toEqual([
      ...group('prod_onsite_.*_hourly', '36hoursago..anytime', 'latest36'),
      ...group('prod_onsite_.*_5minutely', '10minutesago..anytime', 'latest2'),
      ...group('prod_onsite_.*_adhoc', 'notime', 'latest3'), // no period: ranks alone
      ...group('prod_onsite_.*_daily', 'notime', 'latest0'), // 0: nothing
      ...group('prod_[1-9][0-9][0-9][0-9].*_100millisecondly', '4200millisecondsago..anytime', 'latest42'),
      ...group('prod_[1-9][0-9][0-9][0-9].*', 'notime', 'latest1'),
      ...group('prod_us-west\\.1_.*_1minutely', '1minutesago..anytime', 'latest1'), // quoted for RE2
      ...group('prod_us-west\\.1_.*_01minutely', 'notime', 'latest4'), // '01minutely' names no period
    ]);
  });

  it('turns a plan without clauses into select-nothing, and --delete-dst-snapshots-except-plan refuses it', () => {
    expect(includeSnapshotPlanFilters([]).args).toEqual([
      '--new-snapshot-filter-group',
      '--include-snapshot-regex=!.*',
    ]);
    expect(() => deleteExceptPlanFilters([])).toThrow(UsageError);
    expect(() => deleteExceptPlanFilters([])).toThrow(
      /--delete-dst-snapshots-except-plan: refusing an empty plan/,
    );
    expect(() => deleteExceptPlanFilters([])).toThrow(/--delete-dst-snapshots --include-snapshot-regex=\.\*/);
  });

  it('--delete-dst-snapshots-except-plan is except mode plus the same groups', () => {
    const plan = [clause('o', 't', 'daily', 0)];
    expect(deleteExceptPlanFilters(plan).args).toEqual([
      '--delete-dst-snapshots-except',
      ...includeSnapshotPlanFilters(plan).args,
    ]);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the count %d', (count) => {
    expect(() => includeSnapshotPlanFilters([clause('o', 't', 'daily', count)])).toThrow(
      /--include-snapshot-plan: the count of o\/t\/daily must be a non-negative integer/,
    );
  });
});

describe('what a plan selects', () => {
  /** The clock of these tests: 2024-10-05T12:00:00Z. */
  const NOW_MS = Date.UTC(2024, 9, 5, 12);
  // [short label, name, creation]; a '#' name is a bookmark
  const SPECS: Array<[string, string, string]> = [
    ['d04', 'prod_onsite_2024-10-04_08:00:00_daily', '2024-10-04T08:00Z'],
    ['h07', 'prod_onsite_2024-10-05_07:00:00_hourly', '2024-10-05T07:00Z'],
    ['h08', 'prod_onsite_2024-10-05_08:00:00_hourly', '2024-10-05T08:00Z'],
    ['#h08', '#prod_onsite_2024-10-05_08:00:00_hourly', '2024-10-05T08:00Z'],
    ['off09', 'prod_offsite_2024-10-05_09:00:00_hourly', '2024-10-05T09:00Z'],
    ['h10', 'prod_onsite_2024-10-05_10:00:00_hourly', '2024-10-05T10:00Z'],
    ['untargeted1030', 'prod_2024-10-05_10:30:00_hourly', '2024-10-05T10:30Z'],
    ['h11', 'prod_onsite_2024-10-05_11:00:00_hourly', '2024-10-05T11:00Z'],
    ['test1130', 'test_onsite_2024-10-05_11:30:00_hourly', '2024-10-05T11:30Z'],
  ];
  const LIST: SnapshotRef[] = SPECS.map(([, name, iso], i) => ({
    kind: name.startsWith('#') ? 'bookmark' : 'snapshot',
    dataset: 'tank/d',
    name: name.replace(/^#/, ''),
    guid: String(i),
    createtxg: BigInt(i + 1),
    creation: Date.parse(iso) / 1000,
  }));
  const label = (s: SnapshotRef) => SPECS[LIST.indexOf(s)]![0];
  const pick = (plan: PlanClause[], allExcept = false) =>
    selectSnapshots(LIST, filterGroups(includeSnapshotPlanFilters(plan).steps), NOW_MS, { allExcept }).map(
      label,
    );

  it.each<[PlanClause[], string[]]>([
    // younger than 2 hours (10:00 and 11:00), and the latest 2 (the same ones)
    [[clause('prod', 'onsite', 'hourly', 2)], ['#h08', 'h10', 'h11']],
    // younger than 3 hours (10:00, 11:00) or among the latest 3 (08:00, 10:00, 11:00)
    [[clause('prod', 'onsite', 'hourly', 3)], ['h08', '#h08', 'h10', 'h11']],
    // a label selects only its own names: _2hourly is not _hourly
    [[clause('prod', 'onsite', '2hourly', 5)], ['#h08']],
    // none younger than a day, but the latest 1 whatever its age
    [[clause('prod', 'onsite', 'daily', 1)], ['d04', '#h08']],
    [[clause('prod', 'onsite', 'daily', 0)], ['#h08']],
    // an empty target: only names where a year follows the org
    [[clause('prod', '', 'hourly', 5)], ['#h08', 'untargeted1030']],
    [
      [clause('prod', 'onsite', 'hourly', 1), clause('test', 'onsite', 'hourly', 1)],
      ['#h08', 'h11', 'test1130'],
    ],
    [[], ['#h08']],
  ])('%j', (plan, expected) => {
    expect(pick(plan)).toEqual(expected);
  });

  it('as a retention plan keeps those and deletes every other snapshot, of any name', () => {
    expect(pick([clause('prod', 'onsite', 'hourly', 2)], true)).toEqual([
      'd04',
      'h07',
      'h08',
      '#h08',
      'off09',
      'untargeted1030',
      'test1130',
    ]);
  });
});
