import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '@bzfs-ts/bzfs';
import { parseCommandLine } from './cli/args.js';
import type { BzfsLauncher } from './launch/launcher.js';
import { main } from './main.js';
import { loadYaml } from './spec/load.js';
import { validateSpec } from './spec/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'jobrunner-names-'));

function specWith(jobId: string): string {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `jobId: ${JSON.stringify(jobId)}\nrootDatasetPairs: [{ src: tank/a, dst: a }]\nsrcHosts: [src1]\n` +
      `dstHosts: { dst1: { root: bak, targets: [] } }\nlogDir: ${join(dir, 'bzfs-logs')}\n`,
  );
  return file;
}

describe('ids and names that end up in run-log file names are checked before anything runs', () => {
  it('refuses a job id and a job run that would make the run-log name too long; nothing starts', async () => {
    let launched = 0;
    const launcher: BzfsLauncher = {
      launch: () => {
        launched++;
        return Promise.resolve({ exitCode: 0, timedOut: false, stderrTail: [] });
      },
    };
    let stderr = '';
    for (const [jobId, jobRun] of [
      ['j'.repeat(200), 'r1'],
      ['j', 'r'.repeat(200)],
    ] as const) {
      const code = await main(['--spec', specWith(jobId), '--replicate', '--job-run', jobRun], {
        stdout: () => {},
        stderr: (s) => void (stderr += s),
        launcher: () => launcher,
      });
      expect(code).toBe(ExitCode.USAGE);
    }
    expect(stderr).toMatch(/the run log file names would be up to \d+ bytes long/);
    expect(launched).toBe(0);
  });

  it.each([['a\nb'], ['a\u0000b'], ['a\u202eb'], ['a\tb']])('refuses --job-run %j', (jobRun) => {
    const r = parseCommandLine(['--spec', 's.yaml', '--job-run', jobRun]);
    expect(r.kind === 'exit' && r.code).toBe(ExitCode.USAGE);
    expect(r.kind === 'exit' && r.stderr).toMatch(/--job-run .*must not contain/);
  });

  it.each([['a\nb'], ['a\u0000b'], ['a\u202eb']])('refuses jobId %j, naming its position', (jobId) => {
    const text =
      `jobId: ${JSON.stringify(jobId)}\nrootDatasetPairs: [{ src: tank/a, dst: a }]\nsrcHosts: [s1]\n` +
      'dstHosts: { d1: { root: bak, targets: [] } }\n';
    const r = validateSpec(loadYaml('s.yaml', text).value);
    expect(r.ok ? [] : r.problems).toEqual([
      { path: ['jobId'], message: expect.stringMatching(/must not contain/) as unknown as string },
    ]);
  });
});
