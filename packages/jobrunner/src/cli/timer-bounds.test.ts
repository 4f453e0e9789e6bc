import { describe, it, expect } from '@jest/globals';
import { ExitCode } from '@bzfs-ts/bzfs';
import { loadYaml } from '../spec/load.js';
import { validateSpec } from '../spec/validate.js';
import { parseCommandLine } from './args.js';
import { MAX_TIMER_SECONDS } from './settings.js';

function cli(value: string): { code?: number; stderr?: string } {
  const r = parseCommandLine(['--spec', 's.yaml', `--worker-timeout-seconds=${value}`]);
  return r.kind === 'run' ? {} : { code: r.code, stderr: r.stderr ?? '' };
}

function spec(key: string, value: number): string[] {
  const text =
    'jobId: j\nrootDatasetPairs: [{ src: tank/a, dst: a }]\nsrcHosts: [s1]\n' +
    `dstHosts: { d1: { root: bak, targets: [] } }\n${key}: ${value}\n`;
  const r = validateSpec(loadYaml('s.yaml', text).value);
  return r.ok ? [] : r.problems.map((p) => p.message);
}

describe('timeouts fit Node timers, with one rule for the command line and the spec', () => {
  it('is the largest whole number of seconds a Node timer can wait', () => {
    expect(MAX_TIMER_SECONDS).toBe(Math.floor((2 ** 31 - 1) / 1000));
  });

  it.each([['2592000'], ['0'], ['-1']])('refuses --worker-timeout-seconds=%s', (v) => {
    const r = cli(v);
    expect(r.code).toBe(ExitCode.USAGE);
    expect(r.stderr).toMatch(
      /--worker-timeout-seconds: expected a number of seconds greater than 0 and at most 2147483/,
    );
  });

  it.each([['1'], ['0.5'], [String(MAX_TIMER_SECONDS)]])('accepts --worker-timeout-seconds=%s', (v) => {
    expect(cli(v)).toEqual({});
  });

  it('refuses a --work-period-seconds a timer cannot wait', () => {
    const r = parseCommandLine(['--spec', 's.yaml', '--work-period-seconds=2592000']);
    expect(r.kind === 'exit' && r.code).toBe(ExitCode.USAGE);
  });

  it.each<[string, number, boolean]>([
    ['workerTimeoutSeconds', 2592000, false],
    ['workerTimeoutSeconds', 0, false],
    ['workerTimeoutSeconds', MAX_TIMER_SECONDS, true],
    ['workPeriodSeconds', 2592000, false],
    ['workPeriodSeconds', 0, true],
  ])('spec %s: %p accepted: %p', (key, value, ok) => {
    const problems = spec(key, value);
    expect(problems.length === 0).toBe(ok);
    if (!ok) expect(problems.join('\n')).toMatch(/must be/);
  });
});
