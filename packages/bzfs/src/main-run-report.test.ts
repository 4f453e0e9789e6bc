import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from './infra/clock.js';
import { readRunReport } from './infra/run-report-file.js';
import { main, type MainIO } from './main.js';
import { ExitCode } from './model/exit-codes.js';

// --run-report-file through main(): written at exit, also when the run ends in a usage error found after parsing.
// (main() also checks the real ~/.ssh/bzfs, as main-log-dir.test.ts explains.)

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-main-report-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const NOW = Date.UTC(2025, 0, 10, 12, 0, 0);
const clock: Clock = { wallMs: () => NOW, now: () => 0, sleep: async () => {} };
const quiet: MainIO = { stdout: () => {}, stderr: () => {} };

const runWith = (logDir: string, report: string) =>
  main(
    [
      '--skip-replication',
      '--quiet',
      `--log-dir=${logDir}`,
      `--run-report-file=${report}`,
      'tank/a',
      'bak/a',
    ],
    quiet,
    clock,
  );

describe('main() with --run-report-file', () => {
  it("a run that succeeds: outcome ok, the clock's times, a private file and no temp file left", async () => {
    const report = join(tmp, 'run.report.json');
    expect(await runWith(join(tmp, 'bzfs-logs'), report)).toBe(ExitCode.OK);
    expect(readRunReport(report)).toEqual({
      version: 1,
      exitCode: 0,
      outcome: 'ok',
      startedAt: NOW / 1000,
      finishedAt: NOW / 1000,
      replication: [],
      monitor: [],
    });
    expect(statSync(report).mode & 0o777).toBe(0o600);
    expect(readdirSync(tmp).sort()).toEqual(['bzfs-logs', 'run.report.json']);
  });

  it('a usage error found after parsing (a symlinked log dir): exit 2, outcome usage-error', async () => {
    mkdirSync(join(tmp, 'target'), { mode: 0o700 });
    symlinkSync(join(tmp, 'target'), join(tmp, 'link-bzfs-logs'));
    const report = join(tmp, 'run.report.json');
    expect(await runWith(join(tmp, 'link-bzfs-logs'), report)).toBe(ExitCode.USAGE);
    expect(readRunReport(report)).toMatchObject({ exitCode: ExitCode.USAGE, outcome: 'usage-error' });
  });

  it('a report that cannot be written turns success into an error (3) and says why', async () => {
    let err = '';
    const io: MainIO = { stdout: () => {}, stderr: (s) => (err += s) };
    const report = join(tmp, 'missing-dir', 'run.report.json');
    const code = await main(
      [
        '--skip-replication',
        '--quiet',
        `--log-dir=${join(tmp, 'bzfs-logs')}`,
        `--run-report-file=${report}`,
        'tank/a',
        'bak/a',
      ],
      io,
      clock,
    );
    expect(code).toBe(ExitCode.ERROR);
    expect(err).toContain(`cannot write the run report ${report}`);
  });

  it('a missing report reads as none', () => {
    expect(readRunReport(join(tmp, 'nope.json'))).toBeUndefined();
  });

  it('--run-report-file must name a file', async () => {
    let err = '';
    const io: MainIO = { stdout: () => {}, stderr: (s) => (err += s) };
    expect(await main(['--skip-replication', '--run-report-file=/tmp/', 'tank/a', 'bak/a'], io, clock)).toBe(
      ExitCode.USAGE,
    );
    expect(err).toContain('--run-report-file');
  });
});
