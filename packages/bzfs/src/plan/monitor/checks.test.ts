import { describe, expect, it } from '@jest/globals';
import { planMonitorChecks, type MonitoredSnapshot } from './checks.js';
import { parseMonitorRules } from './rules.js';

const MIN = 60_000;
/** 2025-01-10 12:00:00 UTC, the run's clock. */
const NOW = Date.UTC(2025, 0, 10, 12, 0, 0);
const ALL = { noLatestCheck: false, noOldestCheck: false };
const HOURLY = "{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes','critical':'300 minutes'}}}}}";

let txg = 100n;
/** A snapshot created `minsAgo` minutes before NOW (each one a later txg than the one before). */
function snap(name: string, minsAgo: number, userrefs = 0): MonitoredSnapshot {
  return { name, createtxg: (txg += 10n), creation: (NOW - minsAgo * MIN) / 1000, userrefs };
}

const plan = (rules: string, datasets: Record<string, MonitoredSnapshot[]>, nowMs = NOW) =>
  planMonitorChecks({
    rules: parseMonitorRules(rules, ALL),
    datasets: Object.entries(datasets).map(([dataset, snapshots]) => ({ dataset, snapshots })),
    nowMs,
  });
const brief = (c: ReturnType<typeof plan>[number]) =>
  [c.dataset, c.kind, c.snapshot ?? null, c.ageMs / MIN, c.limitMs / MIN, c.severity] as const;

describe('planMonitorChecks: the latest snapshot of a label against DUR + one period', () => {
  it.each([
    [60, 'OK', 90],
    [90, 'OK', 90],
    [91, 'WARNING', 90],
    [360, 'WARNING', 90],
    [361, 'CRITICAL', 360],
  ])('%d minutes old: %s (limit %d minutes)', (age, severity, limit) => {
    const checks = plan(HOURLY, { 'tank/a': [snap('prod_onsite_2025-01-10_10:00:00_hourly', age)] });
    expect(checks.map(brief)).toEqual([
      ['tank/a', 'latest', 'prod_onsite_2025-01-10_10:00:00_hourly', age, limit, severity],
    ]);
  });

  it('"latest" is the highest createtxg of the label, not the last listed nor the newest creation; other labels do not count', () => {
    const older = snap('prod_onsite_2025-01-10_06:00:00_hourly', 400);
    const newer = {
      ...snap('prod_onsite_2025-01-10_05:00:00_hourly', 100),
      creation: (NOW - 500 * MIN) / 1000,
    };
    const other = snap('prod_offsite_2025-01-10_11:59:00_hourly', 1);
    const daily = snap('prod_onsite_2025-01-10_11:59:00_daily', 1);
    const checks = plan(HOURLY, { 'tank/a': [newer, other, older, daily] });
    expect(checks.map(brief)).toEqual([
      ['tank/a', 'latest', 'prod_onsite_2025-01-10_05:00:00_hourly', 500, 360, 'CRITICAL'],
    ]);
  });

  it('a dataset without a snapshot of the label is infinitely old: CRITICAL with a critical limit, else WARNING', () => {
    const onlyWarning = "{'prod':{'':{'hourly':{'latest':{'warning':'30 minutes'}}}}}";
    // `prod_onsite_..._hourly` is not a `prod_<timestamp>_hourly`: without a target the time must follow `prod_`.
    const ds = { 'tank/a': [snap('prod_onsite_2025-01-10_11:00:00_hourly', 10)], 'tank/b': [] };
    expect(plan(HOURLY, { 'tank/b': [] }).map(brief)).toEqual([
      ['tank/b', 'latest', null, Infinity, 360, 'CRITICAL'],
    ]);
    expect(plan(onlyWarning, ds).map(brief)).toEqual([
      ['tank/a', 'latest', null, Infinity, 90, 'WARNING'],
      ['tank/b', 'latest', null, Infinity, 90, 'WARNING'],
    ]);
  });

  it('a snapshot from the future (clock skew) is OK', () => {
    const checks = plan(HOURLY, { 'tank/a': [snap('prod_onsite_2025-01-10_13:00:00_hourly', -60)] });
    expect(checks.map((c) => [c.ageMs / MIN, c.severity])).toEqual([[-60, 'OK']]);
  });
});

describe('planMonitorChecks: the oldest snapshot, cycles, holds', () => {
  const OLDEST = (skip: string) =>
    `{'prod':{'onsite':{'hourly':{'oldest':{'warning':'30 minutes','critical':'300 minutes','cycles':24${skip}}}}}}`;
  const snaps = () => [
    snap('prod_onsite_2025-01-09_10:00:00_hourly', 26 * 60, 1),
    snap('prod_onsite_2025-01-09_12:00:00_hourly', 24 * 60),
    snap('prod_onsite_2025-01-10_11:00:00_hourly', 60),
  ];

  it('the oldest (lowest createtxg) against DUR + cycles periods: 26 h > 24.5 h warns, a held one counts', () => {
    expect(plan(OLDEST(''), { 'tank/a': snaps() }).map(brief)).toEqual([
      ['tank/a', 'oldest', 'prod_onsite_2025-01-09_10:00:00_hourly', 26 * 60, 24 * 60 + 30, 'WARNING'],
    ]);
  });

  it('oldest_skip_holds passes over held snapshots: the next one, 24 h old, is OK', () => {
    expect(plan(OLDEST(",'oldest_skip_holds':True"), { 'tank/a': snaps() }).map(brief)).toEqual([
      ['tank/a', 'oldest', 'prod_onsite_2025-01-09_12:00:00_hourly', 24 * 60, 24 * 60 + 30, 'OK'],
    ]);
  });

  it('with every snapshot of the label held and skipped, the dataset counts as having none', () => {
    const held = [snap('prod_onsite_2025-01-10_11:00:00_hourly', 60, 2)];
    expect(plan(OLDEST(",'oldest_skip_holds':True"), { 'tank/a': held }).map(brief)).toEqual([
      ['tank/a', 'oldest', null, Infinity, 24 * 60 + 300, 'CRITICAL'],
    ]);
  });

  it('holds never matter for latest', () => {
    const rules =
      "{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes'},'oldest':{'warning':'1 days','oldest_skip_holds':True}}}}}";
    const checks = plan(rules, { 'tank/a': [snap('prod_onsite_2025-01-10_11:00:00_hourly', 60, 1)] });
    expect(checks.map((c) => [c.kind, c.snapshot ?? null, c.severity])).toEqual([
      ['latest', 'prod_onsite_2025-01-10_11:00:00_hourly', 'OK'],
      ['oldest', null, 'WARNING'],
    ]);
  });
});

describe('planMonitorChecks: order', () => {
  it('dataset by dataset as listed; per dataset the longest period first; latest before oldest', () => {
    const rules =
      "{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes'}},'daily':{'oldest':{'warning':'1 days'},'latest':{'warning':'1 hours'}}}}}";
    const d = [
      snap('prod_onsite_2025-01-10_00:00:00_daily', 720),
      snap('prod_onsite_2025-01-10_11:00:00_hourly', 60),
    ];
    const checks = plan(rules, { 'tank/b': d, 'tank/a': d });
    expect(checks.map((c) => `${c.dataset} ${c.label} ${c.kind}`)).toEqual([
      'tank/b prod_onsite_<timestamp>_daily latest',
      'tank/b prod_onsite_<timestamp>_daily oldest',
      'tank/b prod_onsite_<timestamp>_hourly latest',
      'tank/a prod_onsite_<timestamp>_daily latest',
      'tank/a prod_onsite_<timestamp>_daily oldest',
      'tank/a prod_onsite_<timestamp>_hourly latest',
    ]);
  });
});
