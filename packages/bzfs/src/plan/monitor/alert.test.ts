import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ExitCode } from '../../model/exit-codes.js';
import { alertExitCode, checkMessage, worstAlert, worseAlert, type MonitorAlert } from './alert.js';
import type { MonitorCheck, Severity } from './checks.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const check = (o: Partial<MonitorCheck>): MonitorCheck => ({
  dataset: 'tank/foo',
  label: 'prod_<timestamp>_daily',
  kind: 'latest',
  snapshot: 'prod_2025-01-10_08:30:05_daily',
  ageMs: 4.18 * HOUR,
  limitMs: 1.1 * DAY,
  severity: 'OK',
  ...o,
});

describe('checkMessage: the original log lines', () => {
  it.each([
    [
      check({}),
      '--monitor_snapshots: OK. Latest snapshot for tank/foo@prod_<timestamp>_daily is 4.18h old: @prod_2025-01-10_08:30:05_daily',
    ],
    [
      check({ ageMs: 1.2 * DAY, severity: 'CRITICAL', snapshot: 'prod_2025-01-09_08:30:05_daily' }),
      '--monitor_snapshots: Latest snapshot for tank/foo@prod_<timestamp>_daily is 1.2d old but should be at most 1.1d old: @prod_2025-01-09_08:30:05_daily',
    ],
    [
      check({ kind: 'oldest', ageMs: 30 * HOUR, limitMs: 25 * HOUR, severity: 'WARNING' }),
      '--monitor_snapshots: Oldest snapshot for tank/foo@prod_<timestamp>_daily is 1.25d old but should be at most 1.04d old: @prod_2025-01-10_08:30:05_daily',
    ],
    [
      check({ snapshot: undefined, ageMs: Infinity, severity: 'CRITICAL' }),
      '--monitor_snapshots: No snapshot exists for tank/foo@prod_<timestamp>_daily',
    ],
  ])('%#', (c, line) => {
    expect(checkMessage(c)).toBe(line);
  });
});

describe('worstAlert and the exit code', () => {
  const warn = check({ dataset: 'tank/w', severity: 'WARNING' });
  const crit = check({ dataset: 'tank/c', kind: 'oldest', severity: 'CRITICAL' });
  const ok = check({});
  const code = (checks: MonitorCheck[], dontWarn = false, dontCrit = false) =>
    alertExitCode(worstAlert(checks, { dontWarn, dontCrit }));

  it.each([
    [[ok], false, false, ExitCode.OK],
    [[ok, warn], false, false, ExitCode.WARNING],
    [[warn, crit, ok], false, false, ExitCode.CRITICAL],
    [[warn, crit], true, false, ExitCode.CRITICAL],
    // --monitor-snapshots-dont-crit: the critical one counts for nothing (not even as a warning).
    [[crit], false, true, ExitCode.OK],
    [[warn, crit], false, true, ExitCode.WARNING],
    [[warn, crit], true, true, ExitCode.OK],
  ])('%#: exit %d', (checks, dontWarn, dontCrit, exit) => {
    expect(code(checks, dontWarn, dontCrit)).toBe(exit);
    expect([ExitCode.WARNING, ExitCode.CRITICAL]).toEqual([1, 2]);
  });

  it("the worst alert's message is the cause; CRITICAL over WARNING, a latest check over an oldest one, else the first", () => {
    const critLatest = check({ dataset: 'tank/l', severity: 'CRITICAL' });
    expect(worstAlert([warn, crit], { dontWarn: false, dontCrit: false })?.message).toBe(checkMessage(crit));
    expect(worstAlert([crit, critLatest], { dontWarn: false, dontCrit: false })?.message).toBe(
      checkMessage(critLatest),
    );
    const w2 = check({ dataset: 'tank/w2', severity: 'WARNING' });
    expect(worstAlert([warn, w2], { dontWarn: false, dontCrit: false })?.message).toBe(checkMessage(warn));
  });

  it('for any checks: the exit code is the highest counted severity', () => {
    const sev = fc.constantFrom<Severity>('OK', 'WARNING', 'CRITICAL');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sev, fc.constantFrom('latest', 'oldest') as fc.Arbitrary<'latest' | 'oldest'>)),
        fc.boolean(),
        fc.boolean(),
        (xs, dontWarn, dontCrit) => {
          const checks = xs.map(([severity, kind]) => check({ severity, kind }));
          const counted = xs
            .map(([s]) => s)
            .filter((s) => (s === 'WARNING' && !dontWarn) || (s === 'CRITICAL' && !dontCrit));
          const want = counted.includes('CRITICAL') ? 2 : counted.includes('WARNING') ? 1 : 0;
          expect(code(checks, dontWarn, dontCrit)).toBe(want);
        },
      ),
    );
  });

  it('worseAlert keeps whichever side is there', () => {
    const a: MonitorAlert = { severity: 'WARNING', kind: 'latest', message: 'a' };
    expect(worseAlert(undefined, undefined)).toBeUndefined();
    expect(worseAlert(a, undefined)).toBe(a);
    expect(worseAlert(undefined, a)).toBe(a);
  });
});
