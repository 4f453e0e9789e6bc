import { describe, it, expect } from '@jest/globals';
import { startOffsetMs, startSchedule } from './jitter.js';

const offsets = (n: number, periodMs: number, jitter: boolean, rng: () => number) => {
  const s = startSchedule(n, periodMs, jitter, rng);
  return Array.from({ length: n }, (_, k) => startOffsetMs(s, k));
};

describe('start schedule', () => {
  it('spaces n starts evenly over the period without jitter', () => {
    expect(offsets(4, 60_000, false, () => 0.5)).toEqual([0, 15_000, 30_000, 45_000]);
  });

  it('starts everything at once without a work period', () => {
    expect(offsets(3, 0, true, () => 0.9)).toEqual([0, 0, 0]);
  });

  it('shifts all starts by a random delay within one of n+1 intervals with jitter', () => {
    expect(offsets(3, 40_000, true, () => 0)).toEqual([0, 10_000, 20_000]);
    expect(offsets(3, 40_000, true, () => 0.5)).toEqual([5_000, 15_000, 25_000]);
  });

  it.each([1, 2, 7, 100])(
    'keeps every start of %i runs inside the period, whatever the random source says',
    (n) => {
      const period = 90_000;
      for (const r of [0, 0.25, 0.999999, 1]) {
        for (const jitter of [false, true]) {
          const o = offsets(n, period, jitter, () => r);
          expect(Math.min(...o)).toBeGreaterThanOrEqual(0);
          expect(Math.max(...o)).toBeLessThan(period);
        }
      }
    },
  );

  it('does not consult the random source without jitter', () => {
    let calls = 0;
    startSchedule(5, 1000, false, () => (calls++, 0.5));
    expect(calls).toBe(0);
  });

  it('treats a negative period as none', () => {
    expect(startSchedule(2, -5, false, () => 0)).toEqual({ initialDelayMs: 0, intervalMs: 0 });
  });
});
