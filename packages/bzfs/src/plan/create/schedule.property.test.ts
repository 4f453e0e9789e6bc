import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ANCHOR_SPECS, periodAnchors, type AnchorKey, type PeriodAnchors } from '../../model/anchors.js';
import type { Period } from '../../model/period.js';
import { instantOf, parseTimeZone, wallTimeAt } from '../../model/time-zone.js';
import { US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND, wallFields } from '../../model/wall-time.js';
import { decideDue, scheduledAfter } from './due.js';
import { roundUpToPeriod } from './round-up.js';

const divisorsOf = (x: number, upTo: number) =>
  Array.from({ length: upTo }, (_, i) => i + 1).filter((d) => x % d === 0);

/** The periods a plan may create (the sub-day ones divide a day, the monthly ones 12 months). */
const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.constantFrom(...divisorsOf(86_400_000, 1000)).map((multiple) => ({ unit: 'millisecondly', multiple })),
  fc.constantFrom(...divisorsOf(86_400, 600)).map((multiple) => ({ unit: 'secondly', multiple })),
  fc.constantFrom(...divisorsOf(1440, 1440)).map((multiple) => ({ unit: 'minutely', multiple })),
  fc.constantFrom(...divisorsOf(24, 24)).map((multiple) => ({ unit: 'hourly', multiple })),
  fc.integer({ min: 1, max: 10 }).map((multiple) => ({ unit: 'daily', multiple })),
  fc.integer({ min: 1, max: 5 }).map((multiple) => ({ unit: 'weekly', multiple })),
  fc.constantFrom(1, 2, 3, 4, 6, 12).map((multiple) => ({ unit: 'monthly', multiple })),
  fc.integer({ min: 1, max: 5 }).map((multiple) => ({ unit: 'yearly', multiple })),
) as fc.Arbitrary<Period>;

const anchorsArb: fc.Arbitrary<PeriodAnchors> = fc
  .record(
    Object.fromEntries(
      (Object.keys(ANCHOR_SPECS) as AnchorKey[]).map((k) => [
        k,
        fc.integer({ min: ANCHOR_SPECS[k].min, max: ANCHOR_SPECS[k].max }),
      ]),
    ) as Record<AnchorKey, fc.Arbitrary<number>>,
  )
  .map((a) => periodAnchors({ ...a, yearlyYear: 1990 + (a.yearlyYear % 80) }));

const FIXED_ZONES = ['UTC', '+05:30', '-04:00', '+13:45'];
const DST_ZONES = ['America/New_York', 'Europe/Vienna', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
const zoneArb = fc.constantFrom(...FIXED_ZONES, ...DST_ZONES).map(parseTimeZone);
/** Instants from 2000 to 2100, in ms. */
const instantArb = fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 });
/** Wall times in the same range, in µs with sub-millisecond parts. */
const wallArb = fc.tuple(instantArb, fc.integer({ min: 0, max: 999 })).map(([ms, us]) => ms * 1000 + us);

/** The longest a period can last on the wall clock (months of 31 days, years of 366). */
function longest(p: Period): number {
  const unit = {
    millisecondly: 1000,
    secondly: US_PER_SECOND,
    minutely: US_PER_MINUTE,
    hourly: US_PER_HOUR,
    daily: US_PER_DAY,
    weekly: 7 * US_PER_DAY,
    monthly: 31 * US_PER_DAY,
    yearly: 366 * US_PER_DAY,
  }[p.unit];
  return p.multiple * unit;
}

describe('the schedule of a period (wall time)', () => {
  // N-daily and N-weekly count N periods from the latest anchor before the time (the original has no
  // phase for them), so for N > 1 they form no fixed grid; every other period does.
  const gridArb = periodArb.filter((p) => !(['daily', 'weekly'].includes(p.unit) && p.multiple > 1));

  it('rounds up to a scheduled time, and every time up to it rounds to the same one', () => {
    fc.assert(
      fc.property(gridArb, anchorsArb, wallArb, fc.double({ min: 0, max: 1, noNaN: true }), (p, a, w, f) => {
        const b = roundUpToPeriod(w, p, a);
        expect(b).toBeGreaterThanOrEqual(w);
        expect(roundUpToPeriod(b, p, a)).toBe(b);
        const between = w + Math.floor((b - w) * f);
        expect(roundUpToPeriod(between, p, a)).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('is monotone', () => {
    fc.assert(
      fc.property(periodArb, anchorsArb, wallArb, wallArb, (p, a, w1, w2) => {
        const [lo, hi] = w1 <= w2 ? [w1, w2] : [w2, w1];
        expect(roundUpToPeriod(lo, p, a)).toBeLessThanOrEqual(roundUpToPeriod(hi, p, a));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts consecutive scheduled times one period apart (months 28 to 31 days, years 365 or 366)', () => {
    fc.assert(
      fc.property(periodArb, anchorsArb, wallArb, (p, a, w) => {
        const b = roundUpToPeriod(w, p, a);
        const next = roundUpToPeriod(b + 1, p, a);
        if (p.unit === 'monthly') {
          const months = (x: number) => wallFields(x).year * 12 + wallFields(x).month;
          expect(months(next) - months(b)).toBe(p.multiple);
        } else if (p.unit === 'yearly') {
          expect(wallFields(next).year - wallFields(b).year).toBe(p.multiple);
        } else {
          expect(next - b).toBe(longest(p));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('repeats a sub-day schedule every day', () => {
    const subDay = periodArb.filter((p) =>
      ['millisecondly', 'secondly', 'minutely', 'hourly'].includes(p.unit),
    );
    fc.assert(
      fc.property(subDay, anchorsArb, wallArb, (p, a, w) => {
        const b = roundUpToPeriod(w, p, a);
        expect(roundUpToPeriod(b + US_PER_DAY, p, a)).toBe(b + US_PER_DAY);
        expect(roundUpToPeriod(b - US_PER_DAY, p, a)).toBe(b - US_PER_DAY);
      }),
    );
  });
});

describe('due-ness over time', () => {
  const label = (p: Period) => ({ org: 'o', target: 't', periodName: 'x', period: p });
  const made = (creationSec: number) => [{ name: 'o_t_2025_x', createtxg: 1n, creation: creationSec }];

  it('the next scheduled time is after now', () => {
    fc.assert(
      fc.property(periodArb, anchorsArb, zoneArb, instantArb, (p, anchors, zone, now) => {
        const next = scheduledAfter(p, now, { zone, anchors });
        expect(next).toBeGreaterThan(wallTimeAt(now, zone));
        expect(roundUpToPeriod(next, p, anchors)).toBe(next);
      }),
      { numRuns: 1000 },
    );
  });

  it('right after a snapshot made at its due time the label is not due, and it is due again within one period', () => {
    fc.assert(
      fc.property(
        periodArb,
        anchorsArb,
        zoneArb,
        instantArb,
        fc.integer({ min: 0, max: 2 }),
        (p, anchors, zone, t, lateSec) => {
          const slot = scheduledAfter(p, t, { zone, anchors });
          // Made at a whole second (zfs records seconds) at or a little after the slot; the clock then.
          const creation = Math.ceil(instantOf(slot, zone) / 1000) + lateSec;
          const ctx = { zone, anchors, evenIfNotDue: false };
          const atOnce = decideDue(label(p), made(creation), { ...ctx, nowMs: creation * 1000 });
          expect(atOnce.due).toBe(false);
          expect(atOnce.scheduled!).toBeGreaterThan(slot);
          const dstSlack = 3 * 3_600_000;
          const later = creation * 1000 + longest(p) / 1000 + 1000 + dstSlack;
          expect(decideDue(label(p), made(creation), { ...ctx, nowMs: later }).due).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('once due, stays due as time goes on (zones without DST)', () => {
    const fixed = fc.constantFrom(...FIXED_ZONES).map(parseTimeZone);
    fc.assert(
      fc.property(
        periodArb,
        anchorsArb,
        fixed,
        instantArb,
        instantArb,
        instantArb,
        (p, anchors, zone, c, t1, t2) => {
          const creation = Math.floor(c / 1000);
          const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const ctx = { zone, anchors, evenIfNotDue: false };
          const dueEarly = decideDue(label(p), made(creation), { ...ctx, nowMs: early }).due;
          if (dueEarly) expect(decideDue(label(p), made(creation), { ...ctx, nowMs: late }).due).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
