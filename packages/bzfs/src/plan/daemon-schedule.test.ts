import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_ANCHORS, periodAnchors } from '../model/anchors.js';
import { parsePeriod, type Period } from '../model/period.js';
import { parseTimeZone } from '../model/time-zone.js';
import { nextDaemonStep, type DaemonSchedule } from './daemon-schedule.js';

const UTC = parseTimeZone('UTC');
const period = (name: string): Period => parsePeriod(name)!;
const every = (...names: string[]): DaemonSchedule => ({
  periods: names.map(period),
  zone: UTC,
  anchors: DEFAULT_ANCHORS,
});
/** 2025-01-10 12:MM:SS.mmm UTC in ms. */
const at = (mm: number, ss: number, ms = 0) => Date.UTC(2025, 0, 10, 12, mm, ss, ms);

describe('nextDaemonStep: the next cycle or the stop', () => {
  it.each<[string, DaemonSchedule, number, number, number, 'cycle' | 'stop', number]>([
    // [schedule, cycle start, now, remaining lifetime, expected]
    ['10secondly mid-period', every('10secondly'), at(0, 0), at(0, 3, 500), 60_000, 'cycle', 6_500],
    [
      'a start on a boundary waits a whole period',
      every('10secondly'),
      at(0, 10),
      at(0, 10, 200),
      60_000,
      'cycle',
      9_800,
    ],
    [
      'a cycle that overran its period is followed at once',
      every('10secondly'),
      at(0, 0),
      at(0, 12),
      60_000,
      'cycle',
      0,
    ],
    [
      'the lifetime ends first: sleep it out, then stop',
      every('10secondly'),
      at(0, 0),
      at(0, 3, 500),
      5_000,
      'stop',
      5_000,
    ],
    [
      'the lifetime ends on the boundary itself: stop',
      every('10secondly'),
      at(0, 0),
      at(0, 3, 500),
      6_500,
      'stop',
      6_500,
    ],
    ['the lifetime is over: stop now', every('10secondly'), at(0, 0), at(0, 3), 0, 'stop', 0],
    ['minutely (the default frequency)', every('minutely'), at(0, 30), at(0, 31), 3_600_000, 'cycle', 29_000],
    [
      'several periods: the earliest',
      every('hourly', 'minutely', '10secondly'),
      at(0, 5),
      at(0, 6),
      3_600_000,
      'cycle',
      4_000,
    ],
    ['100millisecondly', every('100millisecondly'), at(0, 0, 950), at(0, 0, 960), 60_000, 'cycle', 40],
    ['no periodic label (adhoc only): no further cycle', every(), at(0, 0), at(0, 1), 30_000, 'stop', 30_000],
  ])('%s', (_why, schedule, start, now, remainingMs, then, sleepMs) => {
    expect(nextDaemonStep(schedule, { cycleStartWallMs: start, nowWallMs: now, remainingMs })).toEqual({
      then,
      sleepMs,
    });
  });

  it('the anchors place the grid: hourly at :15 after a cycle at 12:20 is 13:15', () => {
    const s = { ...every('hourly'), anchors: periodAnchors({ hourlyMinute: 15 }) };
    const step = nextDaemonStep(s, {
      cycleStartWallMs: at(20, 0),
      nowWallMs: at(20, 0),
      remainingMs: 7_200_000,
    });
    expect(step).toEqual({ then: 'cycle', sleepMs: 55 * 60_000 });
  });

  it('the zone places the grid: hourly in +05:30 is at :30 UTC (17:30 local → 18:00 local = 12:30Z)', () => {
    const s = { ...every('hourly'), zone: parseTimeZone('+0530') };
    const step = nextDaemonStep(s, {
      cycleStartWallMs: at(0, 0),
      nowWallMs: at(0, 0),
      remainingMs: 7_200_000,
    });
    expect(step).toEqual({ then: 'cycle', sleepMs: 30 * 60_000 });
  });

  it('property: a cycle never starts after the lifetime, and never later than one period after the start', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('100millisecondly', 'secondly', '10secondly', 'minutely', '5minutely', 'hourly'),
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        (name, offset, ran, remainingMs) => {
          const start = at(0, 0) + offset;
          const step = nextDaemonStep(every(name), {
            cycleStartWallMs: start,
            nowWallMs: start + ran,
            remainingMs,
          });
          expect(step.sleepMs).toBeGreaterThanOrEqual(0);
          expect(step.sleepMs).toBeLessThanOrEqual(remainingMs);
          if (step.then === 'cycle') {
            expect(step.sleepMs).toBeLessThan(remainingMs);
            const wake = start + ran + step.sleepMs;
            expect(wake).toBeGreaterThan(start);
            expect(wake - start).toBeLessThanOrEqual(Math.max(ran, 3_600_000));
          }
        },
      ),
    );
  });
});
