import { describe, it, expect } from '@jest/globals';
import type { RunReport } from '@bzfs-ts/bzfs';
import type { LaunchResult } from '../launch/launcher.js';
import { combineExitCodes, isUsageError, runExitCode, worstExitCode } from './exit-status.js';

describe('worstExitCode', () => {
  it.each<[number[], number]>([
    [[], 0],
    [[0, 0], 0],
    [[0, 4], 4], // still running beats success
    [[4, 1], 1], // a monitor WARNING beats still running
    [[1, 2], 2], // CRITICAL beats WARNING
    [[2, 4, 1, 0], 2],
    [[2, 3], 3], // an error beats any monitor alert
    [[3, 4], 3],
    [[255, 3], 255], // fatal codes: the highest wins
    [[3, 255, 2], 255],
    [[1, 130], 130],
  ])('%j → %i', (codes, expected) => {
    expect(combineExitCodes(codes)).toBe(expected);
  });

  it('is commutative and associative', () => {
    const codes = [0, 1, 2, 3, 4, 5, 255];
    for (const a of codes) {
      for (const b of codes) {
        expect(worstExitCode(a, b)).toBe(worstExitCode(b, a));
        for (const c of codes) {
          expect(worstExitCode(worstExitCode(a, b), c)).toBe(worstExitCode(a, worstExitCode(b, c)));
        }
      }
    }
  });
});

const report = (outcome: RunReport['outcome'], exitCode: number): RunReport => ({
  version: 1,
  exitCode,
  outcome,
  startedAt: 0,
  finishedAt: 0,
  replication: [],
  monitor: [],
});
const ALERT_1 = { report: report('alert', 1) };
const ALERT_2 = { report: report('alert', 2) };

describe('runExitCode', () => {
  const ended = (r: Partial<LaunchResult>): LaunchResult => ({ timedOut: false, stderrTail: [], ...r });

  it.each<[string, Parameters<typeof runExitCode>[0], Partial<LaunchResult>, number]>([
    ['success', 'replicate', { exitCode: 0 }, 0],
    ['monitor warning with an alert report kept', 'monitor-src-snapshots', { exitCode: 1, ...ALERT_1 }, 1],
    ['monitor critical with an alert report kept', 'monitor-dst-snapshots', { exitCode: 2, ...ALERT_2 }, 2],
    // bzfs exits 2 for a usage error too: without a report saying "alert" it is the jobrunner's error.
    ['monitor exit 2 without a report is an error', 'monitor-dst-snapshots', { exitCode: 2 }, 3],
    ['monitor exit 1 without a report is an error', 'monitor-src-snapshots', { exitCode: 1 }, 3],
    [
      'monitor exit 2 reported as a usage error is an error',
      'monitor-dst-snapshots',
      { exitCode: 2, report: report('usage-error', 2) },
      3,
    ],
    [
      'a replication exiting 1 is an error, even with an alert report',
      'replicate',
      { exitCode: 1, ...ALERT_1 },
      3,
    ],
    ['usage error of a replication is an error', 'replicate', { exitCode: 2 }, 3],
    ['crash of a prune is an error', 'prune-dst-snapshots', { exitCode: 1 }, 3],
    ['still running kept', 'replicate', { exitCode: 4 }, 4],
    ['ssh exit code passed through', 'replicate', { exitCode: 255 }, 255],
    ['timeout', 'replicate', { timedOut: true, signal: 'SIGTERM' }, 3],
    ['killed by a signal', 'monitor-src-snapshots', { signal: 'SIGKILL' }, 3],
    ['could not start', 'replicate', { error: 'spawn bzfs ENOENT' }, 3],
  ])('%s', (_name, action, r, expected) => {
    expect(runExitCode(action, ended(r))).toBe(expected);
  });
});

describe('isUsageError', () => {
  const ended = (r: Partial<LaunchResult>): LaunchResult => ({ timedOut: false, stderrTail: [], ...r });
  it.each<[string, Partial<LaunchResult>, boolean]>([
    ['exit 2 without a report', { exitCode: 2 }, true],
    ['exit 2 reported as a usage error', { exitCode: 2, report: report('usage-error', 2) }, true],
    ['exit 2 of an alert', { exitCode: 2, ...ALERT_2 }, false],
    ['exit 3', { exitCode: 3 }, false],
  ])('%s: %s', (_name, r, expected) => {
    expect(isUsageError(ended(r))).toBe(expected);
  });
});
