import { describe, it, expect } from '@jest/globals';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Invocation } from '../expand/types.js';
import { ChildProcessLauncher } from './child-process.js';
import { runLogPath } from './log-file.js';

const inv: Invocation = {
  seq: 1,
  id: 'src1/replicate/dst1',
  action: 'replicate',
  srcHost: 'src1',
  dstHost: 'dst1',
  after: [],
  options: { datasetPairs: [] },
};
const at = new Date(2024, 8, 3, 12, 26, 5);

/** A launcher whose "bzfs" is node writing a marker file, so a test can tell whether it started. */
function setup(jobRun = 'r1') {
  const base = mkdtempSync(join(tmpdir(), 'bzfs-launch-'));
  const logDir = join(base, 'bzfs-logs');
  const marker = join(base, 'started');
  const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); console.log('hello')`;
  const ctx = { logDir, jobId: 'job', jobRun, localhost: 'here' };
  const launcher = new ChildProcessLauncher({
    ...ctx,
    command: [process.execPath, '-e', script, '--'],
    now: () => at,
  });
  const signal = new AbortController().signal;
  return { base, marker, logPath: runLogPath(ctx, inv, at), launch: () => launcher.launch(inv, { signal }) };
}

describe('run log files are created safely', () => {
  it('writes a new private log file', async () => {
    const t = setup();
    const r = await t.launch();
    expect(r.exitCode).toBe(0);
    expect(r.logFile).toBe(t.logPath);
    expect(readFileSync(t.logPath, 'utf8')).toMatch(/hello/);
    expect(statSync(t.logPath).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(t.logPath)).mode & 0o777).toBe(0o700);
  });

  it('never follows a symlink planted at the predictable log path', async () => {
    const t = setup();
    const victim = join(t.base, 'victim');
    writeFileSync(victim, 'precious\n');
    mkdirSync(dirname(t.logPath), { recursive: true, mode: 0o700 });
    symlinkSync(victim, t.logPath);
    const r = await t.launch();
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(r.exitCode).toBe(0);
    expect(r.logFile).not.toBe(t.logPath);
    expect(readFileSync(r.logFile!, 'utf8')).toMatch(/hello/);
  });

  it('does not append to the log of an earlier run with the same job run id', async () => {
    const t = setup();
    const first = await t.launch();
    const second = await t.launch();
    expect(second.logFile).not.toBe(first.logFile);
    expect(readdirSync(dirname(t.logPath))).toHaveLength(2);
    expect(readFileSync(first.logFile!, 'utf8').match(/^hello$/gm)).toHaveLength(1);
  });

  it('refuses a daily log directory that is a symlink, and starts nothing', async () => {
    const t = setup();
    const elsewhere = join(t.base, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    mkdirSync(dirname(dirname(t.logPath)), { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, dirname(t.logPath));
    const r = await t.launch();
    expect(r.error).toMatch(/must not be a symlink/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('refuses a daily log directory that others may write, and starts nothing', async () => {
    const t = setup();
    mkdirSync(dirname(t.logPath), { recursive: true });
    chmodSync(dirname(t.logPath), 0o777);
    const r = await t.launch();
    expect(r.error).toMatch(/instead of 0700, so other users could read or plant files there/);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('reports a log file that cannot be created instead of crashing, and starts nothing', async () => {
    const t = setup('r'.repeat(300));
    const r = await t.launch();
    expect(r.error).toMatch(/cannot create the run log: .*ENAMETOOLONG/);
    expect(existsSync(t.marker)).toBe(false);
  });
});

describe('the run report', () => {
  /** A "bzfs" that writes `report` where --run-report-file says, then exits with `code`. */
  function reporting(report: string, code: number) {
    const base = mkdtempSync(join(tmpdir(), 'bzfs-launch-report-'));
    const script =
      "const a = process.argv.find((x) => x.startsWith('--run-report-file='));" +
      `if (${JSON.stringify(report)} !== '') require('fs').writeFileSync(a.slice(18), ${JSON.stringify(report)});` +
      `process.exit(${code})`;
    const launcher = new ChildProcessLauncher({
      logDir: join(base, 'bzfs-logs'),
      jobId: 'job',
      jobRun: 'r1',
      localhost: 'here',
      command: [process.execPath, '-e', script, '--'],
      now: () => at,
    });
    return launcher.launch(inv, { signal: new AbortController().signal });
  }
  const ALERT = JSON.stringify({
    version: 1,
    exitCode: 2,
    outcome: 'alert',
    startedAt: 1,
    finishedAt: 2,
    replication: [],
    monitor: [{ side: 'dst', dataset: 'bak/a', status: 2 }],
  });

  it('passes --run-report-file=<log>.report.json and returns what the run wrote there', async () => {
    const r = await reporting(ALERT, 2);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(r.logFile!, 'utf8')).toContain(`--run-report-file=${r.logFile!}.report.json`);
    expect(r.report).toEqual(JSON.parse(ALERT));
  });

  it('no report, or a malformed one: none', async () => {
    expect((await reporting('', 2)).report).toBeUndefined();
    expect((await reporting('{"version": 1}', 2)).report).toBeUndefined();
  });
});
