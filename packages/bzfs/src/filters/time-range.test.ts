import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { parseTimeRange, resolveTimeRange, type TimeRange } from './time-range.js';

const OPT = '--include-snapshot-times-and-ranks';
const parse = (text: string) => parseTimeRange(text, OPT);
/** The clock of these tests: 2024-10-05T00:00:00Z plus 250 ms. */
const NOW_MS = 1728086400_250;
const NOW = 1728086400;
const resolve = (text: string) => resolveTimeRange(parse(text) as TimeRange, NOW_MS);

describe('TIMERANGE parsing', () => {
  it.each<[string, TimeRange | undefined]>([
    ['*..*', undefined],
    ['anytime..anytime', undefined],
    [' * .. anytime ', undefined],
    ['notime', { lo: { unixSecs: 0 }, hi: { unixSecs: 0 } }],
    ['  notime ', { lo: { unixSecs: 0 }, hi: { unixSecs: 0 } }],
    ['0..0', { lo: { unixSecs: 0 }, hi: { unixSecs: 0 } }],
    ['1700000000..1700000001', { lo: { unixSecs: 1700000000 }, hi: { unixSecs: 1700000001 } }],
    ['1700000000..*', { lo: { unixSecs: 1700000000 } }],
    ['anytime..1700000000', { hi: { unixSecs: 1700000000 } }],
    // an all-digit end is a Unix time, even one that looks like a basic-format date
    ['20240101..*', { lo: { unixSecs: 20240101 } }],
    ['2024-10-05T00:00Z..*', { lo: { unixSecs: NOW } }],
    ['5millis ago..*', { lo: { agoMs: 5 } }],
    ['5milliseconds ago..*', { lo: { agoMs: 5 } }],
    ['5 secs ago..*', { lo: { agoMs: 5000 } }],
    ['5seconds ago..*', { lo: { agoMs: 5000 } }],
    ['30mins ago..*', { lo: { agoMs: 1_800_000 } }],
    ['30 minutes ago..*', { lo: { agoMs: 1_800_000 } }],
    ['2hours ago..*', { lo: { agoMs: 7_200_000 } }],
    ['0days ago..*', { lo: { agoMs: 0 } }],
    ['10weeks ago..*', { lo: { agoMs: 6_048_000_000 } }],
    ['1months ago..*', { lo: { agoMs: 2_635_200_000 } }], // 30.5 days
    ['2years ago..*', { lo: { agoMs: 2 * 31_536_000_000 } }], // 365 days each
    ['36hoursago..anytime', { lo: { agoMs: 36 * 3_600_000 } }],
    ['  30mins ago  ..  12weeksago', { lo: { agoMs: 1_800_000 }, hi: { agoMs: 12 * 604_800_000 } }],
  ])('%j', (text, range) => {
    expect(parse(text)).toEqual(range);
  });

  it.each<[string, RegExp]>([
    ['60_mins_ago', /needs '\.\.'/],
    ['2024-01-01', /needs '\.\.'/],
    ['..*', /"" is not/], // an empty end is no end: the original refuses it too
    ['*..', /"" is not/],
    ['  ..anytime', /"" is not/],
    ['60_mins..anytime', /"60_mins" is not/], // missing 'ago'
    ['60 mins..anytime', /"60 mins" is not/],
    ['1 hour ago..anytime', /"1 hour ago" is not/], // units are plural
    ['-5mins ago..anytime', /"-5mins ago" is not/],
    ['10x ago..*', /"10x ago" is not/],
    ['abcd..*', /"abcd" is not/],
    ['*..2024-1-1', /"2024-1-1" is not/],
    ['*..2024-10-35', /"2024-10-35" is not/],
    ['-1..*', /"-1" is not/],
  ])('%j is refused: %s', (text, reason) => {
    expect(() => parse(text)).toThrow(UsageError);
    expect(() => parse(text)).toThrow(reason);
    expect(() => parse(text)).toThrow(OPT);
  });
});

describe('TIMERANGE at a clock value', () => {
  it.each<[string, readonly [number, number]]>([
    ['notime', [0, 0]],
    ['1700000000..1700000001', [1700000000, 1700000001]],
    ['1700000001..1700000000', [1700000000, 1700000001]], // either order
    ['1700000000..*', [1700000000, 2 ** 64]],
    ['*..1700000000', [0, 1700000000]],
    // `ago` ends are rounded up to the whole second: now is NOW + 0.25 s
    ['0secs ago..*', [NOW + 1, 2 ** 64]],
    ['1secs ago..*', [NOW, 2 ** 64]],
    ['250millis ago..*', [NOW, 2 ** 64]],
    ['251millis ago..*', [NOW, 2 ** 64]],
    ['1251millis ago..*', [NOW - 1, 2 ** 64]],
    ['0secs ago..60secs ago', [NOW - 59, NOW + 1]],
    ['*..7 days ago', [0, NOW - 7 * 86400 + 1]],
    ['2024-10-04T00:00Z..1hours ago', [NOW - 86400, NOW - 3600 + 1]],
    ['2 days ago..2024-10-05T00:00Z', [NOW - 2 * 86400 + 1, NOW]],
  ])('%j is %j', (text, expected) => {
    expect(resolve(text)).toEqual(expected);
  });
});
