import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { UsageError } from './errors.js';
import {
  instantOf,
  offsetMinutesAt,
  parseTimeZone,
  showZonedWallTime,
  wallTimeAt,
  type TimeZone,
} from './time-zone.js';
import { showWallTime, wallTime } from './wall-time.js';

const NY = 'America/New_York';
const VIENNA = 'Europe/Vienna';
const UTC = 'UTC';
const zoneOf = parseTimeZone;
const utc = (s: string) => Date.parse(`${s}Z`);
/** The wall time a zone shows at a UTC instant, printed. */
const wallAt = (isoUtc: string, zone: string | TimeZone) =>
  showWallTime(wallTimeAt(utc(isoUtc), typeof zone === 'string' ? zoneOf(zone) : zone));
const wall = (s: string) => wallTimeAt(utc(s), zoneOf(UTC));

describe('parseTimeZone', () => {
  it.each<[string, TimeZone]>([
    ['', { kind: 'local' }],
    ['UTC', { kind: 'fixed', offsetMinutes: 0 }],
    ['+0000', { kind: 'fixed', offsetMinutes: 0 }],
    ['+0530', { kind: 'fixed', offsetMinutes: 330 }],
    ['+05:30', { kind: 'fixed', offsetMinutes: 330 }],
    ['-0430', { kind: 'fixed', offsetMinutes: -270 }],
    ['-04:00', { kind: 'fixed', offsetMinutes: -240 }],
    ['Europe/Vienna', { kind: 'iana', name: 'Europe/Vienna' }],
    ['Etc/GMT+5', { kind: 'iana', name: 'Etc/GMT+5' }],
  ])('%j', (spec, zone) => {
    expect(parseTimeZone(spec)).toEqual(zone);
  });

  it.each([
    ['INVALID', /expected '' \(the local zone\), 'UTC', an offset/],
    ['EST', /expected ''/], // the original takes IANA names only with a '/'
    ['utc', /expected ''/],
    ['0400', /expected ''/],
    ['+5:30', /expected ''/],
    ['+2400', /the offset must be at most 23:59/],
    ['+0160', /the offset must be at most 23:59/],
    ['Mars/Olympus_Mons', /unknown IANA time zone/],
  ])('refuses %j', (spec, why) => {
    expect(() => parseTimeZone(spec)).toThrow(UsageError);
    expect(() => parseTimeZone(spec)).toThrow(why);
    expect(() => parseTimeZone(spec)).toThrow(/^--create-src-snapshots-timezone /);
  });
});

describe('wall time of an instant', () => {
  it.each([
    ['2025-01-15T12:00:00', UTC, '2025-01-15 12:00:00'],
    ['2025-01-15T12:00:00', VIENNA, '2025-01-15 13:00:00'],
    ['2025-07-15T12:00:00', VIENNA, '2025-07-15 14:00:00'],
    ['2025-01-15T12:00:00', NY, '2025-01-15 07:00:00'],
    ['2025-01-15T20:00:00', '+05:30', '2025-01-16 01:30:00'],
    ['2025-01-15T02:00:00', '-0430', '2025-01-14 21:30:00'],
    ['2025-01-15T02:00:00.123', UTC, '2025-01-15 02:00:00.123000'],
    // New York springs forward at 02:00 EST to 03:00 EDT, and falls back at 02:00 EDT to 01:00 EST.
    ['2025-03-09T06:59:59', NY, '2025-03-09 01:59:59'],
    ['2025-03-09T07:00:00', NY, '2025-03-09 03:00:00'],
    ['2025-11-02T05:30:00', NY, '2025-11-02 01:30:00'],
    ['2025-11-02T06:30:00', NY, '2025-11-02 01:30:00'],
  ])('%s UTC in %s is %s', (instant, zone, expected) => {
    expect(wallAt(instant, zone)).toBe(expected);
  });

  it('knows the offsets', () => {
    expect(offsetMinutesAt(utc('2025-01-15T12:00:00'), zoneOf(VIENNA))).toBe(60);
    expect(offsetMinutesAt(utc('2025-07-15T12:00:00'), zoneOf(VIENNA))).toBe(120);
    expect(offsetMinutesAt(utc('2025-07-15T12:00:00'), zoneOf(NY))).toBe(-240);
    expect(offsetMinutesAt(utc('2025-07-15T12:00:00'), parseTimeZone('Asia/Kolkata'))).toBe(330);
  });
});

describe('instantOf', () => {
  it.each([
    ['2025-01-15T07:00:00', NY, '2025-01-15T12:00:00'],
    // does not exist (spring forward): read with the offset before the change, i.e. 03:30 EDT
    ['2025-03-09T02:30:00', NY, '2025-03-09T07:30:00'],
    // occurs twice (fall back): the first time, still EDT
    ['2025-11-02T01:30:00', NY, '2025-11-02T05:30:00'],
    ['2025-11-02T03:00:00', NY, '2025-11-02T08:00:00'],
    ['2025-03-30T02:30:00', VIENNA, '2025-03-30T01:30:00'],
    ['2025-10-26T02:30:00', VIENNA, '2025-10-26T00:30:00'],
    ['2025-01-16T01:30:00', '+05:30', '2025-01-15T20:00:00'],
  ])('wall %s in %s is %s UTC', (w, zone, instant) => {
    expect(instantOf(wall(w), zoneOf(zone))).toBe(utc(instant));
  });

  it('round-trips every instant in a fixed-offset zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7e12 }), fc.integer({ min: -1439, max: 1439 }), (t, off) => {
        const zone: TimeZone = { kind: 'fixed', offsetMinutes: off };
        expect(instantOf(wallTimeAt(t, zone), zone)).toBe(t);
      }),
    );
  });

  it('in DST zones maps each wall time back to an instant showing it, the earliest one', () => {
    const zones = ['America/New_York', 'Europe/Vienna', 'Australia/Sydney', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7e12 }), fc.constantFrom(...zones), (t, name) => {
        const zone = parseTimeZone(name);
        const w = wallTimeAt(t, zone);
        const back = instantOf(w, zone);
        expect(wallTimeAt(back, zone)).toBe(w);
        expect(back).toBeLessThanOrEqual(t);
      }),
    );
  });
});

describe('showZonedWallTime', () => {
  it.each([
    [wall('2025-03-09T02:30:00'), NY, '2025-03-09 02:30:00-05:00'],
    [wall('2025-03-09T03:00:00'), NY, '2025-03-09 03:00:00-04:00'],
    [wall('2025-11-02T01:30:00'), NY, '2025-11-02 01:30:00-04:00'],
    [wall('2025-07-01T00:00:00'), VIENNA, '2025-07-01 00:00:00+02:00'],
    [wall('2025-01-16T01:30:00') + 100, '+05:30', '2025-01-16 01:30:00.000100+05:30'],
    [wall('2025-01-16T01:30:00'), UTC, '2025-01-16 01:30:00+00:00'],
  ])('%d in %s is %s', (w, zone, text) => {
    expect(showZonedWallTime(w, zoneOf(zone))).toBe(text);
  });

  it('prints no offset in the local zone, like the original', () => {
    expect(showZonedWallTime(wallTime({ year: 2025, month: 1, day: 2, hour: 3 }), { kind: 'local' })).toBe(
      '2025-01-02 03:00:00',
    );
  });
});

describe('the local zone', () => {
  // The process's zone (TZ); jest's process.env cannot change it, so compare with Date's own view.
  const local: TimeZone = { kind: 'local' };
  it.each(['2025-03-09T07:00:00', '2025-07-01T12:34:56', '2025-11-02T06:30:00'])('%s', (instant) => {
    const d = new Date(utc(instant));
    const expected = wallTime({
      year: d.getFullYear(),
      month: d.getMonth() + 1,
      day: d.getDate(),
      hour: d.getHours(),
      minute: d.getMinutes(),
      second: d.getSeconds(),
    });
    expect(wallTimeAt(d.getTime(), local)).toBe(expected);
    expect(offsetMinutesAt(d.getTime(), local)).toBe(-d.getTimezoneOffset());
    expect(wallTimeAt(instantOf(expected, local), local)).toBe(expected);
  });
});
