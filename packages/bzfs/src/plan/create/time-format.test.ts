import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../model/errors.js';
import { parseTimeZone } from '../../model/time-zone.js';
import { DEFAULT_TIME_FORMAT, formatTimestamp, parseTimeFormat } from './time-format.js';

const AT = Date.parse('2024-11-06T08:30:05.123Z'); // a Wednesday
const fmt = (spec: string, zone = 'UTC', at = AT) =>
  formatTimestamp(parseTimeFormat(spec), at, parseTimeZone(zone));

describe('--create-src-snapshots-timeformat', () => {
  it.each([
    [DEFAULT_TIME_FORMAT, 'UTC', '2024-11-06_08:30:05'],
    [DEFAULT_TIME_FORMAT, 'Europe/Vienna', '2024-11-06_09:30:05'],
    ['%Y-%m-%d_%H:%M:%S.%f', 'UTC', '2024-11-06_08:30:05.123000'],
    // A trailing %F is milliseconds; elsewhere it is the ISO date.
    ['%Y%m%d_%H%M%S_%F', 'UTC', '20241106_083005_123'],
    ['%Y-%m-%d_%H:%M:%S.%F', 'UTC', '2024-11-06_08:30:05.123'],
    ['%F_%H', 'UTC', '2024-11-06_08'],
    ['%Y-%m-%dT%H-%M-%S', 'UTC', '2024-11-06T08-30-05'],
    // zfs refuses '+' in names: it becomes 'z'.
    ['%Y-%m-%d_%H:%M:%S%z', 'UTC', '2024-11-06_08:30:05z0000'],
    ['%Y-%m-%d_%H:%M:%S%z', '+05:30', '2024-11-06_14:00:05z0530'],
    ['%Y-%m-%d_%H:%M:%S%z', '-04:00', '2024-11-06_04:30:05-0400'],
    ['%Y-%m-%d_%H:%M:%S%z', 'America/New_York', '2024-11-06_03:30:05-0500'],
    ['%H%z', 'Europe/Vienna', '09z0100'],
    ['a+b%Y', 'UTC', 'azb2024'],
    ['%y %j %a %A %b %B %I %p %u %w %%', 'UTC', '24 311 Wed Wednesday Nov November 08 AM 3 3 %'],
    ['', 'UTC', ''],
  ])('%j in %s', (spec, zone, expected) => {
    expect(fmt(spec, zone)).toBe(expected);
  });

  it('prints %z as nothing in the local zone, as the original does', () => {
    expect(fmt('%H%z', '').length).toBe(2);
  });

  it('counts 12-hour clocks from 12', () => {
    expect(fmt('%I %p', 'UTC', Date.parse('2024-11-06T00:05:00Z'))).toBe('12 AM');
    expect(fmt('%I %p', 'UTC', Date.parse('2024-11-06T13:05:00Z'))).toBe('01 PM');
    expect(fmt('%j', 'UTC', Date.parse('2025-12-31T13:05:00Z'))).toBe('365');
    expect(fmt('%j', 'UTC', Date.parse('2024-12-31T13:05:00Z'))).toBe('366');
  });

  it.each([
    [
      '%Y-%Q',
      /has the unsupported directive '%Q'; supported are %Y %y .* %z %% \(a trailing %F is milliseconds\)/,
    ],
    ['%H%Z', /unsupported directive '%Z'/],
    ['abc%', /ends with a lone '%'/],
  ])('refuses %j', (spec, why) => {
    expect(() => parseTimeFormat(spec)).toThrow(UsageError);
    expect(() => parseTimeFormat(spec)).toThrow(why);
    expect(() => parseTimeFormat(spec)).toThrow(/^--create-src-snapshots-timeformat /);
  });
});
