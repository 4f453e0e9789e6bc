import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { UsageError } from '../model/errors.js';
import { parseRankRange, rankWindow, type Rank, type RankRange } from './rank-range.js';

const OPT = '--include-snapshot-times-and-ranks';
const parse = (text: string) => parseRankRange(text, OPT);
const rank = (spec: string): Rank => {
  const m = /^(oldest|latest)(\d+)(%?)$/.exec(spec)!;
  return { from: m[1] as Rank['from'], count: Number(m[2]), percent: m[3] === '%' };
};
const range = (lo: string, hi: string): RankRange => ({ lo: rank(lo), hi: rank(hi) });

describe('RANKRANGE parsing', () => {
  it.each<[string, RankRange]>([
    // the short forms and the ranges they stand for (the original's manual)
    ['latest 7', range('latest0', 'latest7')],
    ['latest7', range('latest0', 'latest7')],
    ['  oldest 10% ', range('oldest0', 'oldest10%')],
    ['all except latest 10%', range('oldest0', 'oldest90%')],
    ['all except oldest 10%', range('latest0', 'latest90%')],
    ['allexceptlatest90', range('latest90', 'latest100%')],
    ['all except oldest 90', range('oldest90', 'oldest100%')],
    ['all except latest 0%', range('oldest0', 'oldest100%')],
    ['oldest 0', range('oldest0', 'oldest0')],
    ['latest0..latest2%', range('latest0', 'latest2%')],
    ['oldest5%..oldest9%', range('oldest5%', 'oldest9%')],
    ['latest 1 .. latest 100%', range('latest1', 'latest100%')],
    ['latest100%..latest1', range('latest100%', 'latest1')],
  ])('%j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['all except oldest0..all except oldest10', /'all except' cannot be part of/],
    ['all except oldest0..oldest10', /'all except' cannot be part of/],
    ['oldest0..10', /"10" is not a rank/],
    ['oldest0oldest1', /"oldest0oldest1" is not a rank/],
    ['oldestt0..oldest1', /"oldestt0" is not a rank/],
    ['oldest..oldest1', /"oldest" is not a rank/],
    ['1..2', /"1" is not a rank/],
    ['oldest1..oldest2p', /"oldest2p" is not a rank/],
    ['oldest1..oldestx2%', /"oldestx2%" is not a rank/],
    ['oldest1..xxxx100%', /"xxxx100%" is not a rank/],
    ['latest -1', /"latest -1" is not a rank/],
    ['latest 5%%', /is not a rank/],
    ['', /"" is not a rank/],
    ['oldest1..oldest101%', /must not exceed 100%/],
    ['latest 101%', /must not exceed 100%/],
    ['latest0..oldest0', /must not mix oldest and latest/],
    ['oldest1..latest1', /must not mix oldest and latest/],
    ['oldest99%..latest100%', /must not mix oldest and latest/],
  ])('%j is refused: %s', (text, reason) => {
    expect(() => parse(text)).toThrow(UsageError);
    expect(() => parse(text)).toThrow(reason);
  });

  it('allows any count without %', () => {
    expect(parse('latest 1000000')).toEqual(range('latest0', 'latest1000000'));
  });
});

describe('rank windows', () => {
  // [range, n, [lo, hi)]: positions among n snapshots, oldest at 0
  it.each<[string, number, [number, number]]>([
    ['latest 0', 4, [4, 4]],
    ['latest 1', 4, [3, 4]],
    ['latest 3', 4, [1, 4]],
    ['latest 9', 4, [0, 4]], // more than exist
    ['oldest 1', 4, [0, 1]],
    ['oldest 9', 4, [0, 4]],
    ['oldest2..oldest3', 4, [2, 3]],
    ['oldest4..oldest5', 4, [4, 4]],
    ['latest2..latest0', 4, [2, 4]],
    ['latest3..latest4', 4, [0, 1]],
    ['all except latest 1', 4, [0, 3]],
    ['all except oldest 1', 4, [1, 4]],
    ['all except latest 9', 4, [0, 0]],
    ['latest 25%', 4, [3, 4]],
    ['latest 0%', 4, [4, 4]],
    ['oldest 100%', 4, [0, 4]],
    ['latest100%..latest0%', 4, [0, 4]],
    // percentages round as Python's round(): halves go to the even neighbour
    ['oldest 50%', 1, [0, 0]], // 0.5 -> 0
    ['oldest 50%', 3, [0, 2]], // 1.5 -> 2
    ['oldest 50%', 5, [0, 2]], // 2.5 -> 2
    ['oldest 50%', 7, [0, 4]], // 3.5 -> 4
    ['oldest 25%', 10, [0, 2]], // 2.5 -> 2
    ['oldest 35%', 10, [0, 4]], // 3.5 -> 4
    ['oldest 49%', 3, [0, 1]], // 1.47 -> 1
    ['oldest 51%', 3, [0, 2]], // 1.53 -> 2
    ['latest 51%', 3, [1, 3]],
    ['all except latest 49%', 3, [0, 2]], // oldest 51%
    ['all except latest 51%', 3, [0, 1]], // oldest 49%
    ['all except oldest 100%', 3, [3, 3]],
    // ... so that 'all except latest 50%' of one snapshot selects none, like 'latest 50%'
    ['all except latest 50%', 1, [0, 0]],
    ['latest 50%', 1, [1, 1]],
    ['latest 7', 0, [0, 0]], // nothing to rank
    ['all except latest 7', 0, [0, 0]],
    ['oldest 100%', 0, [0, 0]],
  ])('%j of %d is %j', (text, n, expected) => {
    expect(rankWindow(parse(text), n)).toEqual(expected);
  });

  it('latest N is the newest min(N, n); all except latest N is the rest', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(60), (n, count) => {
        const latest = rankWindow(parse(`latest ${count}`), n);
        const rest = rankWindow(parse(`all except latest ${count}`), n);
        expect(latest).toEqual([n - Math.min(n, count), n]);
        expect(rest).toEqual([0, n - Math.min(n, count)]);
      }),
    );
  });

  it('a window lies within [0, n], whatever the range', () => {
    const ranks = fc.record({
      from: fc.constantFrom<Rank['from']>('oldest', 'latest'),
      count: fc.nat(120),
      percent: fc.boolean(),
    });
    fc.assert(
      fc.property(ranks, ranks, fc.nat(200), (lo, hi, n) => {
        const pct = (r: Rank): Rank => (r.percent ? { ...r, count: Math.min(r.count, 100) } : r);
        const [a, b] = rankWindow({ lo: pct(lo), hi: pct({ ...hi, from: lo.from }) }, n);
        expect(0 <= a && a <= b && b <= n).toBe(true);
      }),
    );
  });
});
