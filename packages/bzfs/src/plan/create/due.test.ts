import { describe, expect, it } from '@jest/globals';
import { periodAnchors } from '../../model/anchors.js';
import { parseTimeZone } from '../../model/time-zone.js';
import { checkDue, label, snap, utcMs } from '../../../test/support/due-table.js';
import { decideDue } from './due.js';

describe('due at the first scheduled time after the newest snapshot', () => {
  checkDue([
    [
      'hourly',
      {},
      'UTC',
      '2025-01-01T10:00:00',
      '2025-01-01T10:59:59.999',
      false,
      '2025-01-01 11:00:00+00:00',
    ],
    ['hourly', {}, 'UTC', '2025-01-01T10:00:00', '2025-01-01T11:00:00', true, '2025-01-01 11:00:00+00:00'],
    // A snapshot made late does not shift the schedule.
    ['hourly', {}, 'UTC', '2025-01-01T10:00:07', '2025-01-01T11:00:00', true, '2025-01-01 11:00:00+00:00'],
    // A snapshot made before its slot (e.g. adhoc at 09:59:59 with the hourly suffix) is followed by that slot.
    ['hourly', {}, 'UTC', '2025-01-01T09:59:59', '2025-01-01T10:00:00', true, '2025-01-01 10:00:00+00:00'],
    [
      '5minutely',
      {},
      'UTC',
      '2025-01-01T10:05:00',
      '2025-01-01T10:09:59',
      false,
      '2025-01-01 10:10:00+00:00',
    ],
    ['5minutely', {}, 'UTC', '2025-01-01T10:05:00', '2025-01-01T10:10:00', true, '2025-01-01 10:10:00+00:00'],
    ['12hourly', {}, 'UTC', '2025-01-01T11:00:00', '2025-01-01T11:30:00', false, '2025-01-01 12:00:00+00:00'],
    ['12hourly', {}, 'UTC', '2025-01-01T12:00:00', '2025-01-02T00:00:00', true, '2025-01-02 00:00:00+00:00'],
    [
      '100millisecondly',
      {},
      'UTC',
      '2025-01-01T10:00:00',
      '2025-01-01T10:00:00.099',
      false,
      '2025-01-01 10:00:00.100000+00:00',
    ],
    [
      '100millisecondly',
      {},
      'UTC',
      '2025-01-01T10:00:00',
      '2025-01-01T10:00:00.100',
      true,
      '2025-01-01 10:00:00.100000+00:00',
    ],
    [
      'secondly',
      { secondlyMillisecond: 250 },
      'UTC',
      '2025-01-01T10:00:00',
      '2025-01-01T10:00:00.250',
      true,
      '2025-01-01 10:00:00.250000+00:00',
    ],
    [
      'daily',
      { dailyHour: 2 },
      'UTC',
      '2025-01-01T02:00:00',
      '2025-01-02T01:59:59',
      false,
      '2025-01-02 02:00:00+00:00',
    ],
    [
      'daily',
      { dailyHour: 2 },
      'UTC',
      '2025-01-01T02:00:00',
      '2025-01-02T02:00:00',
      true,
      '2025-01-02 02:00:00+00:00',
    ],
    // 2025-01-05 is a Sunday.
    ['weekly', {}, 'UTC', '2025-01-05T00:00:00', '2025-01-11T23:59:59', false, '2025-01-12 00:00:00+00:00'],
    [
      'weekly',
      { weeklyWeekday: 1, weeklyHour: 6 },
      'UTC',
      '2025-01-05T00:00:00',
      '2025-01-06T06:00:00',
      true,
      '2025-01-06 06:00:00+00:00',
    ],
    ['monthly', {}, 'UTC', '2025-01-31T12:00:00', '2025-02-01T00:00:00', true, '2025-02-01 00:00:00+00:00'],
    [
      'monthly',
      { monthlyMonthday: 31 },
      'UTC',
      '2025-01-31T00:00:00',
      '2025-02-27T23:59:59',
      false,
      '2025-02-28 00:00:00+00:00',
    ],
    ['3monthly', {}, 'UTC', '2025-04-01T00:00:00', '2025-06-30T23:59:59', false, '2025-07-01 00:00:00+00:00'],
    ['yearly', {}, 'UTC', '2025-01-01T00:00:00', '2025-12-31T23:59:59', false, '2026-01-01 00:00:00+00:00'],
    ['2yearly', {}, 'UTC', '2025-01-01T00:00:00', '2026-06-01T00:00:00', false, '2027-01-01 00:00:00+00:00'],
  ]);
});

describe('labels that are due regardless of the schedule', () => {
  const ctx = { nowMs: utcMs('2025-01-01T10:30:00'), zone: parseTimeZone('UTC'), anchors: periodAnchors() };
  const recent = [snap('prod_onsite_2025-01-01_10:00:00_hourly', '2025-01-01T10:00:00', 5)];

  it('a label with no snapshot yet is due now', () => {
    expect(decideDue(label('hourly'), [], { ...ctx, evenIfNotDue: false })).toEqual({
      due: true,
      rule: 'no-snapshot-yet',
    });
  });

  it('snapshots of other labels do not count', () => {
    const others = [
      snap('prod_onsite_2025-01-01_10:00:00_daily', '2025-01-01T10:00:00', 5),
      snap('prod_onsite_2025-01-01_10:00:00_2hourly', '2025-01-01T10:00:00', 5),
      snap('prod_offsite_2025-01-01_10:00:00_hourly', '2025-01-01T10:00:00', 5),
      snap('test_onsite_2025-01-01_10:00:00_hourly', '2025-01-01T10:00:00', 5),
    ];
    expect(decideDue(label('hourly'), others, { ...ctx, evenIfNotDue: false }).rule).toBe('no-snapshot-yet');
  });

  it('adhoc and unknown suffixes are always due', () => {
    const adhoc = [snap('prod_onsite_2025-01-01_10:29:59_adhoc', '2025-01-01T10:29:59', 5)];
    expect(decideDue(label('adhoc'), adhoc, { ...ctx, evenIfNotDue: false })).toEqual({
      due: true,
      rule: 'not-periodic',
    });
    expect(decideDue(label('05minutely'), [], { ...ctx, evenIfNotDue: false }).rule).toBe('not-periodic');
  });

  it('--create-src-snapshots-even-if-not-due makes every label due', () => {
    expect(decideDue(label('hourly'), recent, { ...ctx, evenIfNotDue: false }).due).toBe(false);
    expect(decideDue(label('hourly'), recent, { ...ctx, evenIfNotDue: true })).toEqual({
      due: true,
      rule: 'even-if-not-due',
    });
  });

  it('the newest is chosen by createtxg, not by creation time or name', () => {
    const snaps = [
      snap('prod_onsite_2025-01-01_10:00:00_hourly', '2025-01-01T10:00:00', 7),
      snap('prod_onsite_2025-01-01_09:00:00_hourly', '2025-01-01T11:00:00', 6), // clock stepped back
      snap('prod_onsite_2025-01-01_08:00:00_hourly', '2025-01-01T08:00:00', 5),
    ];
    const d = decideDue(label('hourly'), snaps, { ...ctx, evenIfNotDue: false });
    expect(d.latest?.createtxg).toBe(7n);
    expect(d.due).toBe(false);
  });

  it('an empty target matches names whose time follows the org', () => {
    const l = label('hourly', '');
    const snaps = [snap('prod_2025-01-01_10:00:00_hourly', '2025-01-01T10:00:00', 5)];
    expect(decideDue(l, snaps, { ...ctx, evenIfNotDue: false }).rule).toBe('not-yet-due');
    const named = [snap('prod_onsite_2025-01-01_10:00:00_hourly', '2025-01-01T10:00:00', 5)];
    expect(decideDue(l, named, { ...ctx, evenIfNotDue: false }).rule).toBe('no-snapshot-yet');
  });
});
