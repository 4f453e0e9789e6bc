import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ExitCode } from './exit-codes.js';
import { outcomeOf, parseRunReport, type RunOutcome, type RunReport } from './run-report.js';

const REPORT: RunReport = {
  version: 1,
  exitCode: 0,
  outcome: 'ok',
  startedAt: 1_736_510_400,
  finishedAt: 1_736_510_460,
  replication: [
    {
      srcDataset: 'tank/a',
      dstDataset: 'bak/a',
      ok: true,
      bytes: 4096,
      durationSeconds: 1.5,
      newestSnapshot: {
        name: 'prod_onsite_2025-01-10_12:00:00_hourly',
        guid: '9223372036854775809',
        creation: 1_736_510_400,
      },
    },
    {
      srcDataset: 'tank/a/b',
      dstDataset: 'bak/a/b',
      ok: false,
      bytes: 0,
      durationSeconds: 0,
      newestSnapshot: null,
    },
  ],
  monitor: [{ side: 'dst', dataset: 'bak/a', status: 2 }],
};

describe('outcomeOf', () => {
  it.each<[number, boolean, RunOutcome]>([
    [ExitCode.OK, false, 'ok'],
    [ExitCode.OK, true, 'ok'],
    [ExitCode.WARNING, true, 'alert'],
    [ExitCode.CRITICAL, true, 'alert'],
    // Without an alert, 1 is a crash and 2 a usage error.
    [ExitCode.WARNING, false, 'error'],
    [ExitCode.USAGE, false, 'usage-error'],
    [ExitCode.ERROR, true, 'error'],
    [ExitCode.STILL_RUNNING, false, 'still-running'],
    [137, false, 'error'],
  ])('exit %i, alerted %s: %s', (code, alerted, outcome) => {
    expect(outcomeOf(code, alerted)).toBe(outcome);
  });
});

describe('parseRunReport', () => {
  it('gives back what was written', () => {
    expect(parseRunReport(JSON.stringify(REPORT))).toEqual(REPORT);
  });

  it.each([
    ['not JSON', '{"version": 1,'],
    ['an array', '[]'],
    ['another version', JSON.stringify({ ...REPORT, version: 2 })],
    ['an unknown outcome', JSON.stringify({ ...REPORT, outcome: 'fine' })],
    ['a negative exit code', JSON.stringify({ ...REPORT, exitCode: -1 })],
    ['no monitor list', JSON.stringify({ ...REPORT, monitor: undefined })],
    ['a bad status', JSON.stringify({ ...REPORT, monitor: [{ side: 'dst', dataset: 'x', status: 3 }] })],
    [
      'a numeric guid',
      JSON.stringify({
        ...REPORT,
        replication: [{ ...REPORT.replication[0], newestSnapshot: { name: 's', guid: 1, creation: 0 } }],
      }),
    ],
    [
      'bytes as a string',
      JSON.stringify({ ...REPORT, replication: [{ ...REPORT.replication[0], bytes: '4096' }] }),
    ],
  ])('refuses %s', (_what, text) => {
    expect(parseRunReport(text)).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseRunReport(text);
        return r === undefined || r.version === 1;
      }),
    );
  });
});
