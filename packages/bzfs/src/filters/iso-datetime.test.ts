import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseIsoDateTime } from './iso-datetime.js';

// Expected values worked out by hand from 2024-10-05T00:00:00Z = 1728086400 (19 636 days after
// 1970-01-01), and checked against Python 3.11's int(datetime.fromisoformat(s).timestamp()).
const OCT5 = 1728086400;

describe('ISO 8601 date-times (as Python 3.11 fromisoformat reads them)', () => {
  it.each<[string, number]>([
    ['2024-10-05T14:48:55+02', OCT5 + 12 * 3600 + 48 * 60 + 55],
    ['2024-10-05T14:48:55+02:00', OCT5 + 12 * 3600 + 48 * 60 + 55],
    ['2024-10-05T14:48:55-04:30', OCT5 + 19 * 3600 + 18 * 60 + 55],
    ['2024-10-05T14:48:55+0530', OCT5 + 9 * 3600 + 18 * 60 + 55],
    ['2024-10-05T14:48:55+05:30:15', OCT5 + 9 * 3600 + 18 * 60 + 40],
    ['2024-10-05T00:00Z', OCT5],
    ['2024-10-05 00Z', OCT5],
    ['2024-10-05x10:00+01:00', OCT5 + 9 * 3600], // any one character separates date and time
    ['20241005T144855Z', OCT5 + 14 * 3600 + 48 * 60 + 55],
    ['2024-10-05T14:48:55.999999Z', OCT5 + 14 * 3600 + 48 * 60 + 55], // truncated, not rounded
    ['2024-10-05T14:48:55,5Z', OCT5 + 14 * 3600 + 48 * 60 + 55],
    ['2024-10-05T14:48:55.123456789Z', OCT5 + 14 * 3600 + 48 * 60 + 55],
    ['2024-10-05T14:48:55-00:00', OCT5 + 14 * 3600 + 48 * 60 + 55],
    ['2024-02-29T00:00Z', 1709164800], // leap day
    ['1970-01-01T00:00Z', 0],
    ['1969-12-31T23:59:59.5Z', 0], // -0.5 s truncates toward zero
    ['1969-12-31T23:59:59Z', -1],
    ['0001-01-01T00:00Z', -62135596800],
    ['0050-03-01T00:00Z', -60584198400], // two-digit years are not 19xx
    ['9999-12-31T23:59:59Z', 253402300799],
    // ISO week dates: week 1 holds Jan 4; 2024-W01-1 is Monday 2024-01-01
    ['2024-W01-1T00:00Z', 1704067200],
    ['2024W017T00Z', 1704067200 + 6 * 86400],
    ['2024-W40T00:00Z', OCT5 - 5 * 86400], // Monday of week 40
    ['2020-W53-7T00:00Z', 1609632000], // 2020 has 53 weeks: 2021-01-03
  ])('%s is %d', (text, secs) => {
    expect(parseIsoDateTime(text)).toBe(secs);
  });

  it('reads a value without an offset as local time', () => {
    expect(parseIsoDateTime('2024-10-05')).toBe(new Date(2024, 9, 5).getTime() / 1000);
    expect(parseIsoDateTime('2024-10-05T14:48:55')).toBe(new Date(2024, 9, 5, 14, 48, 55).getTime() / 1000);
    expect(parseIsoDateTime('20241005 1448')).toBe(new Date(2024, 9, 5, 14, 48).getTime() / 1000);
    expect(parseIsoDateTime('2024-W40-6')).toBe(new Date(2024, 9, 5).getTime() / 1000);
  });

  it.each([
    '2024-1-1', // must be 2024-01-01
    '2024-10-35',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '0000-01-01',
    '2024-10', // year-month alone
    '2024-1005', // dashes used inconsistently
    '202410-05',
    '2024-10-05T', // a separator needs a time
    '2024-10-05T24:00',
    '2024-10-05T23:60',
    '2024-10-05T23:59:60',
    '2024-10-05T1',
    '2024-10-05T10:3',
    '2024-10-05T10:3045', // colons used inconsistently
    '2024-10-05T10:30:45.', // a fraction needs digits
    '2024-10-05T10:30:45.5x',
    '2024-10-05T10:30+0',
    '2024-10-05T10:30+123',
    '2024-10-05T10:30+24:00', // an offset is less than a day
    '2024-10-05T10:30z',
    '2024-W54-1',
    '2021-W53-1', // 2021 has 52 weeks
    '2024-W01-0',
    '2024-W01-8',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });

  it('agrees with Date on every UTC instant written in the extended format', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }),
        (d) => {
          const secs = Math.floor(d.getTime() / 1000);
          fc.pre(!Number.isNaN(secs));
          const text = new Date(secs * 1000).toISOString().replace('.000Z', '+00:00');
          expect(parseIsoDateTime(text)).toBe(secs);
        },
      ),
    );
  });
});
