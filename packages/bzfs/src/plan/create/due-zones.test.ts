import { describe } from '@jest/globals';
import { checkDue } from '../../../test/support/due-table.js';

describe('in the zone of --create-src-snapshots-timezone', () => {
  checkDue([
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
  checkDue([
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
