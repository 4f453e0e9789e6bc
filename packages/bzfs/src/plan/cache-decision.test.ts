import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { cacheVerdict, mayRemember, MATURITY_MS, type LiveValues } from './cache-decision.js';

const T = 1_700_000_000;
const live = (o: Partial<LiveValues> = {}): LiveValues => ({
  src: T,
  dst: T + 5,
  partialReceive: false,
  ...o,
});
const LATER = (T + 10) * 1000;

describe('cacheVerdict', () => {
  it.each([
    ['no entry', undefined, live(), LATER, 'no cache entry'],
    ['src changed', { src: T - 1, dst: T + 5 }, live(), LATER, 'the source snapshots changed'],
    ['dst changed', { src: T, dst: T + 4 }, live(), LATER, 'the destination snapshots changed'],
    [
      'dst missing',
      { src: T, dst: T + 5 },
      live({ dst: undefined }),
      LATER,
      'the destination does not exist',
    ],
    [
      'src unknown',
      { src: 0, dst: T + 5 },
      live({ src: 0 }),
      LATER,
      'zfs reports no snapshots_changed (OpenZFS < 2.2?)',
    ],
    [
      'dst unknown',
      { src: T, dst: 0 },
      live({ dst: 0 }),
      LATER,
      'zfs reports no snapshots_changed (OpenZFS < 2.2?)',
    ],
    [
      'partial receive',
      { src: T, dst: T + 5 },
      live({ partialReceive: true }),
      LATER,
      'the destination has a partial receive',
    ],
    // dst changed at T+5: 1.1 s later is not yet mature (strictly older required), 1 ms more is.
    [
      'too recent',
      { src: T, dst: T + 5 },
      live(),
      (T + 5) * 1000 + MATURITY_MS,
      'snapshots_changed is too recent',
    ],
  ])('%s: miss (%#)', (_what, entry, values, now, reason) => {
    expect(cacheVerdict(entry, values, now)).toEqual({ hit: false, reason });
  });

  it('hits when both values equal the entry and are older than 1.1 s', () => {
    expect(cacheVerdict({ src: T, dst: T + 5 }, live(), (T + 5) * 1000 + MATURITY_MS + 1)).toEqual({
      hit: true,
    });
  });

  it('property: a hit needs equal, known, mature values on both sides', () => {
    const secs = fc.integer({ min: 0, max: 5 }).map((d) => (d === 0 ? 0 : T + d));
    fc.assert(
      fc.property(
        fc.option(fc.record({ src: secs, dst: secs }), { nil: undefined }),
        secs,
        fc.option(secs, { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: T * 1000, max: (T + 8) * 1000 }),
        (entry, src, dst, partialReceive, now) => {
          const v = cacheVerdict(entry, { src, dst, partialReceive }, now);
          if (!v.hit) return;
          expect(entry).toEqual({ src, dst });
          expect(src).not.toBe(0);
          expect(dst).not.toBe(0);
          expect(partialReceive).toBe(false);
          expect(now).toBeGreaterThan(Math.max(src, dst!) * 1000 + MATURITY_MS);
        },
      ),
    );
  });
});

describe('mayRemember', () => {
  it('only values known and mature when the snapshots were listed', () => {
    const at = (T + 5) * 1000 + MATURITY_MS;
    expect(mayRemember(live(), at + 1)).toBe(true);
    // A snapshot made later in second T+5 would leave snapshots_changed at T+5: not remembered yet.
    expect(mayRemember(live(), at)).toBe(false);
    expect(mayRemember(live({ dst: undefined }), LATER)).toBe(false);
    expect(mayRemember(live({ src: 0 }), LATER)).toBe(false);
    expect(mayRemember(live({ partialReceive: true }), LATER)).toBe(false);
  });
});
