import { describe, expect, it } from '@jest/globals';
import { periodAnchors, type AnchorKey } from '../../model/anchors.js';
import { parsePeriod } from '../../model/period.js';
import { parseTimeZone, showZonedWallTime } from '../../model/time-zone.js';
import { decideDue, type ListedSnapshot } from './due.js';
import type { SnapshotLabel } from './label.js';

const label = (periodName: string, target = 'onsite'): SnapshotLabel => ({
  org: 'prod',
  target,
  periodName,
  period: parsePeriod(periodName),
});
const utcMs = (iso: string) => Date.parse(`${iso}Z`);
const snap = (name: string, createdUtc: string, txg: number): ListedSnapshot => ({
  name,
  createtxg: BigInt(txg),
  creation: utcMs(createdUtc) / 1000,
});

type Row = [
  period: string,
  anchors: Partial<Record<AnchorKey, number>>,
  zone: string,
  latestUtc: string,
  nowUtc: string,
  due: boolean,
  scheduled: string,
];

/** One label with one existing snapshot created at `latestUtc`; the clock at `nowUtc`. */
function check(rows: Row[]) {
  it.each(rows)(
    '%s %j in %j, latest %s, now %s: due %s',
    (period, anchors, zone, latest, now, due, scheduled) => {
      const z = parseTimeZone(zone);
      const l = label(period);
      const d = decideDue(l, [snap(`prod_onsite_x_${period}`, latest, 1)], {
        nowMs: utcMs(now),
        zone: z,
        anchors: periodAnchors(anchors),
        evenIfNotDue: false,
      });
      expect(d.due).toBe(due);
      expect(d.rule).toBe(due ? 'scheduled-time-passed' : 'not-yet-due');
      expect(showZonedWallTime(d.scheduled!, z)).toBe(scheduled);
    },
  );
}

describe('due at the first scheduled time after the newest snapshot', () => {
  check([
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

describe('in the zone of --create-src-snapshots-timezone', () => {
  check([
    // Midnight in Vienna (UTC+1 in winter) is 23:00 UTC the day before.
    [
      'daily',
      {},
      'Europe/Vienna',
      '2025-01-01T23:00:00',
      '2025-01-02T22:59:59',
      false,
      '2025-01-03 00:00:00+01:00',
    ],
    [
      'daily',
      {},
      'Europe/Vienna',
      '2025-01-01T23:00:00',
      '2025-01-02T23:00:00',
      true,
      '2025-01-03 00:00:00+01:00',
    ],
    // The same snapshot, scheduled in UTC, was due an hour earlier.
    ['daily', {}, 'UTC', '2025-01-01T23:00:00', '2025-01-02T00:00:00', true, '2025-01-02 00:00:00+00:00'],
    ['daily', {}, '+05:30', '2025-01-01T18:30:00', '2025-01-02T18:29:59', false, '2025-01-03 00:00:00+05:30'],
    ['daily', {}, '+05:30', '2025-01-01T18:30:00', '2025-01-02T18:30:00', true, '2025-01-03 00:00:00+05:30'],
    [
      'hourly',
      {},
      '+05:30',
      '2025-01-01T18:30:00',
      '2025-01-01T19:29:59',
      false,
      '2025-01-02 01:00:00+05:30',
    ],
    [
      'monthly',
      {},
      'America/New_York',
      '2025-01-01T05:00:00',
      '2025-02-01T04:59:59',
      false,
      '2025-02-01 00:00:00-05:00',
    ],
  ]);
});

describe('across DST changes the schedule follows the wall clock', () => {
  // New York: 2025-03-09 02:00 EST -> 03:00 EDT (07:00 UTC); 2025-11-02 02:00 EDT -> 01:00 EST (06:00 UTC).
  check([
    // Daily at 02:30, a time that does not exist on Mar 9: due when the clock jumps past it, at 03:00.
    [
      'daily',
      { dailyHour: 2, dailyMinute: 30 },
      'America/New_York',
      '2025-03-08T07:30:00',
      '2025-03-09T06:59:59',
      false,
      '2025-03-09 02:30:00-05:00',
    ],
    [
      'daily',
      { dailyHour: 2, dailyMinute: 30 },
      'America/New_York',
      '2025-03-08T07:30:00',
      '2025-03-09T07:00:00',
      true,
      '2025-03-09 02:30:00-05:00',
    ],
    // The day after it is at 02:30 EDT again: the day in between had 23 hours.
    [
      'daily',
      { dailyHour: 2, dailyMinute: 30 },
      'America/New_York',
      '2025-03-09T07:00:00',
      '2025-03-10T06:29:59',
      false,
      '2025-03-10 02:30:00-04:00',
    ],
    [
      'daily',
      { dailyHour: 2, dailyMinute: 30 },
      'America/New_York',
      '2025-03-09T07:00:00',
      '2025-03-10T06:30:00',
      true,
      '2025-03-10 02:30:00-04:00',
    ],
    // Daily at midnight across the fall-back: 25 hours between the two snapshots.
    [
      'daily',
      {},
      'America/New_York',
      '2025-11-02T04:00:00',
      '2025-11-03T04:59:59',
      false,
      '2025-11-03 00:00:00-05:00',
    ],
    [
      'daily',
      {},
      'America/New_York',
      '2025-11-02T04:00:00',
      '2025-11-03T05:00:00',
      true,
      '2025-11-03 00:00:00-05:00',
    ],
    // Hourly at 01:00 EDT: the repeated 01:00-02:00 hour (EST) is still before 02:00 on the wall clock.
    [
      'hourly',
      {},
      'America/New_York',
      '2025-11-02T05:00:00',
      '2025-11-02T06:30:00',
      false,
      '2025-11-02 02:00:00-05:00',
    ],
    [
      'hourly',
      {},
      'America/New_York',
      '2025-11-02T05:00:00',
      '2025-11-02T07:00:00',
      true,
      '2025-11-02 02:00:00-05:00',
    ],
    // Daily at 01:30, the time that occurs twice: made at the first 01:30, not again at the second.
    [
      'daily',
      { dailyHour: 1, dailyMinute: 30 },
      'America/New_York',
      '2025-11-02T05:30:00',
      '2025-11-02T06:30:00',
      false,
      '2025-11-03 01:30:00-05:00',
    ],
    // Vienna: 2025-03-30 02:00 CET -> 03:00 CEST (01:00 UTC); hourly jumps from 01:00 to 03:00 wall.
    [
      'hourly',
      {},
      'Europe/Vienna',
      '2025-03-30T00:00:00',
      '2025-03-30T00:59:59',
      false,
      '2025-03-30 02:00:00+01:00',
    ],
    [
      'hourly',
      {},
      'Europe/Vienna',
      '2025-03-30T00:00:00',
      '2025-03-30T01:00:00',
      true,
      '2025-03-30 02:00:00+01:00',
    ],
    [
      'hourly',
      {},
      'Europe/Vienna',
      '2025-03-30T01:00:00',
      '2025-03-30T01:59:59',
      false,
      '2025-03-30 04:00:00+02:00',
    ],
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
