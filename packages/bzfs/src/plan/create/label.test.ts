import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../model/errors.js';
import { parsePeriod } from '../../model/period.js';
import { creationLabels, isOfLabel, snapshotName, type SnapshotLabel } from './label.js';
import { parseSnapshotPlan } from './snapshot-plan.js';

const labelsOf = (plan: string) => creationLabels(parseSnapshotPlan(plan, '--create-src-snapshots-plan'));
const names = (labels: SnapshotLabel[]) => labels.map((l) => snapshotName(l, 'T'));
const label = (org: string, target: string, periodName: string): SnapshotLabel => ({
  org,
  target,
  periodName,
  period: parsePeriod(periodName),
});

describe('creationLabels', () => {
  it('drops periods with count 0 and takes longer periods first, then by org and target', () => {
    const plan =
      "{'prod': {'onsite': {'5minutely': 1, 'adhoc': 1, 'hourly': 1, 'yearly': 1, 'secondly': 0, 'daily': 1}," +
      " 'offsite': {'hourly': 1, 'monthly': 1, '12hourly': 1}}, 'ab-': {'x': {'hourly': 1}}, 'ab': {'x': {'hourly': 1}}}";
    expect(names(labelsOf(plan))).toEqual([
      'prod_onsite_T_yearly',
      'prod_offsite_T_monthly',
      'prod_onsite_T_daily',
      'prod_offsite_T_12hourly',
      'ab-_x_T_hourly', // compared with their '_': 'ab-_' < 'ab_' (while 'ab' < 'ab-')
      'ab_x_T_hourly',
      'prod_offsite_T_hourly',
      'prod_onsite_T_hourly',
      'prod_onsite_T_5minutely',
      'prod_onsite_T_adhoc',
    ]);
  });

  it('orders non-periodic suffixes of equal (zero) length by name, descending, as the original', () => {
    expect(names(labelsOf("{'p': {'t': {'adhoc': 1, 'zzz': 1, 'manual': 1}}}"))).toEqual([
      'p_t_T_zzz',
      'p_t_T_manual',
      'p_t_T_adhoc',
    ]);
  });

  it.each([
    '6monthly',
    '12monthly',
    '4monthly',
    '24hourly',
    '1440minutely',
    '86400secondly',
    '86400000millisecondly',
    '400millisecondly',
    '10daily',
    '3weekly',
    '100yearly',
  ])('accepts %s', (period) => {
    expect(labelsOf(`{'p': {'t': {'${period}': 1}}}`)).toHaveLength(1);
  });

  it.each([
    ["{'': {'onsite': {'adhoc': 1}}}", /the organisation "" must start with a letter/],
    ["{'..': {'onsite': {'adhoc': 1}}}", /the organisation "\.\." must start with a letter/],
    ["{'1prod': {'onsite': {'adhoc': 1}}}", /must start with a letter/],
    ["{'a_b': {'onsite': {'adhoc': 1}}}", /the organisation "a_b" must not contain '_'/],
    ["{'prod': {'on_site': {'adhoc': 1}}}", /the target "on_site" must not contain '_'/],
    ["{'prod': {'onsite': {'ad_hoc': 1}}}", /the period "ad_hoc" must not contain '_'/],
    [
      "{'prod': {'onsite': {'7hourly': 1}}}",
      /the period "7hourly" must divide a day \(86400 seconds\) evenly/,
    ],
    ["{'prod': {'onsite': {'48hourly': 1}}}", /"48hourly" must divide a day/],
    ["{'prod': {'onsite': {'7minutely': 1}}}", /"7minutely" must divide a day/],
    ["{'prod': {'onsite': {'7secondly': 1}}}", /"7secondly" must divide a day/],
    ["{'prod': {'onsite': {'86401secondly': 1}}}", /"86401secondly" must divide a day/],
    ["{'prod': {'onsite': {'7millisecondly': 1}}}", /"7millisecondly" must divide a day/],
    ["{'prod': {'onsite': {'5monthly': 1}}}", /the period "5monthly" must divide 12 months evenly/],
    ["{'prod': {'onsite': {'24monthly': 1}}}", /"24monthly" must divide 12 months/],
    ["{'prod': {'onsite': {'10001yearly': 1}}}", /"10001yearly" is longer than 10000 years/],
  ])('refuses %s', (plan, why) => {
    expect(() => labelsOf(plan)).toThrow(UsageError);
    expect(() => labelsOf(plan)).toThrow(why);
    expect(() => labelsOf(plan)).toThrow(/^--create-src-snapshots-plan: /);
  });

  it('does not validate periods it will not create (count 0)', () => {
    expect(labelsOf("{'prod': {'onsite': {'7hourly': 0}}}")).toEqual([]);
  });
});

describe('snapshotName', () => {
  it.each([
    [label('prod', 'onsite', 'hourly'), '2024-11-06_08:30:05', 'prod_onsite_2024-11-06_08:30:05_hourly'],
    [label('test', '', 'adhoc'), '2024-11-06_08:30:05', 'test_2024-11-06_08:30:05_adhoc'],
    [label('prod', 'us-west', ''), '2024-11-06_08:30:05', 'prod_us-west_2024-11-06_08:30:05'],
    [label('prod', 'onsite', 'daily'), '', 'prod_onsite__daily'],
  ])('%j at %s', (l, time, name) => {
    expect(snapshotName(l, time)).toBe(name);
  });

  it('refuses a time format that makes an illegal name', () => {
    expect(() => snapshotName(label('prod', 'onsite', 'daily'), '2024/11/06')).toThrow(UsageError);
    expect(() => snapshotName(label('prod', 'onsite', 'daily'), '2024/11/06')).toThrow(
      /make an invalid name: Invalid snapshot name "prod_onsite_2024\/11\/06_daily": contains the character '\/'/,
    );
    expect(() => snapshotName(label('prod', 'onsite', 'daily'), 'x'.repeat(250))).toThrow(
      /more than the ZFS limit/,
    );
  });
});

describe('isOfLabel', () => {
  const hourly = label('prod', 'onsite', 'hourly');
  const noTarget = label('prod', '', 'hourly');
  it.each([
    [hourly, 'prod_onsite_2024-11-06_08:30:05_hourly', true],
    [hourly, 'prod_onsite_anything_hourly', true],
    [hourly, 'prod_onsite__hourly', true],
    [hourly, 'prod_onsite_hourly', false], // the two '_' would have to overlap
    [hourly, 'prod_onsite_2024-11-06_08:30:05_2hourly', false],
    [hourly, 'prod_onsite_2024-11-06_08:30:05_daily', false],
    [hourly, 'prod_offsite_2024-11-06_08:30:05_hourly', false],
    [hourly, 'xprod_onsite_2024-11-06_08:30:05_hourly', false],
    [noTarget, 'prod_2024-11-06_08:30:05_hourly', true],
    [noTarget, 'prod_1999_hourly', true],
    [noTarget, 'prod_onsite_2024-11-06_08:30:05_hourly', false],
    [noTarget, 'prod_0999-11-06_hourly', false],
    [noTarget, 'prod_202_hourly', false],
    [label('prod', 'onsite', ''), 'prod_onsite_2024-11-06_08:30:05_hourly', true],
  ])('%j, %s: %s', (l, name, expected) => {
    expect(isOfLabel(l, name)).toBe(expected);
  });
});
