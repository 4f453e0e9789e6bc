import { describe, it, expect } from '@jest/globals';
import { ExitCode } from '@bzfs-ts/bzfs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BzfsLauncher } from './launch/launcher.js';
import { main, type MainDeps } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'jobrunner-main-'));
const specFile = join(dir, 'jobs.yaml');
writeFileSync(
  specFile,
  `jobId: nightly
rootDatasetPairs: [{ src: tank/data, dst: data }]
srcHosts: [prod001, prod002]
dstHosts:
  nas: { root: bak/^SRC_HOST, targets: [onsite] }
  far: { root: far/^SRC_HOST, targets: [offsite] }
srcSnapshotPlan: { prod: { onsite: { daily: 7 }, offsite: { daily: 7 } } }
dstSnapshotPlan: { prod: { onsite: { daily: 14 }, offsite: { weekly: 8 } } }
monitorSnapshotPlan: { prod: { onsite: { daily: { warning: 4 hours, critical: 8 hours } } } }
logDir: ${join(dir, 'bzfs-logs')}
`,
);

async function run(argv: string[], launcher?: BzfsLauncher) {
  let stdout = '';
  let stderr = '';
  const deps: MainDeps = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    ...(launcher && { launcher: () => launcher }),
  };
  const code = await main(['--spec', specFile, '--jobrunner-log-level=WARN', ...argv], deps);
  return { code, stdout, stderr };
}

describe('main', () => {
  it('prints the plan on --jobrunner-dryrun without running anything', async () => {
    const r = await run([
      '--replicate',
      '--prune-dst-snapshots',
      '--dst-host',
      'nas',
      '--job-run',
      'r1',
      '--jobrunner-dryrun',
      '--dryrun',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Job nightly \(run r1 on .*\): 4 runs for 2\/2 source hosts \[prod001, prod002\] and 1\/2 destination hosts \[nas\]\n/,
    );
    expect(r.stdout).toContain('000000 prod001/replicate/nas\n');
    expect(r.stdout).toContain(`--dryrun -- prod001:tank/data nas:bak/prod001/data\n`);
    expect(r.stdout).toContain('000001 prod001/prune-dst-snapshots/nas   (after prod001/replicate/nas)\n');
  });

  it('refuses a misspelt --dst-host with exit 2, naming the option meant, before running anything', async () => {
    const r = await run(['--replicate', '--dst-hos', 'nas', '--jobrunner-dryrun']);
    expect(r.code).toBe(ExitCode.USAGE);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown option --dst-hos; did you mean --dst-host?');
  });

  it('prints a machine-readable plan with --json', async () => {
    const r = await run(['--monitor-dst-snapshots', '--jobrunner-dryrun', '--json', '--job-run', 'r2']);
    const plan = JSON.parse(r.stdout) as {
      runs: { id: string; argv: string[] }[];
      skipped: { reason: string }[];
    };
    expect(plan.runs.map((x) => x.id)).toEqual([
      'prod001/monitor-dst-snapshots/nas',
      'prod002/monitor-dst-snapshots/nas',
    ]);
    expect(plan.runs[0]?.argv[0]).toBe('bzfs');
    expect(plan.skipped.map((s) => s.reason)).toEqual([
      'monitorSnapshotPlan has no entry for the targets of far',
      'monitorSnapshotPlan has no entry for the targets of far',
    ]);
  });

  it('runs through the launcher and exits with the worst code', async () => {
    const seen: string[] = [];
    const launcher: BzfsLauncher = {
      launch: async (inv) => {
        seen.push(inv.id);
        return { exitCode: inv.srcHost === 'prod002' ? 2 : 0, timedOut: false, stderrTail: [] };
      },
    };
    const r = await run(
      ['--replicate', '--monitor-src-snapshots', '--src-host', 'prod002', '--json'],
      launcher,
    );
    expect(seen).toEqual(['prod002/replicate/nas', 'prod002/replicate/far']);
    expect(r.code).toBe(3); // a replication exiting 2 is a usage error, not a monitor alert
    const results = JSON.parse(r.stdout) as { exitCode: number; runs: { status: string }[] };
    expect(results.exitCode).toBe(3);
    expect(results.runs.map((x) => x.status)).toEqual(['failed', 'failed', 'skipped']);
    expect(r.stderr).toMatch(/prod002\/replicate\/nas failed \(exit code 2; counts as 3\)/);
  });

  it("starts no run that bzfs's parser refuses: logged as a usage error, exit 3, not a monitor CRITICAL", async () => {
    const launcher: BzfsLauncher = { launch: async () => Promise.reject(new Error('must not run')) };
    const r = await run(['--monitor-src-snapshots', '--src-host', 'prod001', '--threads=0'], launcher);
    expect(r.code).toBe(ExitCode.ERROR);
    expect(r.stderr).toMatch(/usage error in prod001\/monitor-src-snapshots: .*--threads/);
    expect(r.stderr).not.toMatch(/must not run/);
  });

  it("logs to stderr in the original's layout, through bzfs's logger, at the chosen level", async () => {
    const launcher: BzfsLauncher = {
      launch: async () => ({ exitCode: 2, timedOut: false, stderrTail: [] }),
    };
    const stamp = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`;
    let stderr = '';
    const deps: MainDeps = { stdout: () => {}, stderr: (s) => void (stderr += s), launcher: () => launcher };
    const args = ['--spec', specFile, '--replicate', '--src-host', 'prod001', '--dst-host', 'nas'];
    expect(await main([...args, '--jobrunner-log-level=INFO'], deps)).toBe(3);
    expect(stderr).toMatch(
      new RegExp(`^${stamp} \\[I\\] \\[bzfs-jobrunner\\] Ready to run 1 bzfs runs `, 'm'),
    );
    expect(stderr).toMatch(
      new RegExp(`^${stamp} \\[E\\] ERROR: \\[bzfs-jobrunner\\] Exiting with status code 3\n`, 'm'),
    );
    stderr = '';
    await main([...args, '--jobrunner-log-level=ERROR'], deps);
    expect(stderr).toMatch(/\[E\] ERROR: \[bzfs-jobrunner\] Exiting with status code 3/);
    expect(stderr).not.toMatch(/\[[IWD]\]/);
  });

  it('exits 5 when no action is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/no action given/);
  });

  it('exits 3 naming the spec position when a host filter is unknown, before running anything', async () => {
    const launcher: BzfsLauncher = { launch: async () => Promise.reject(new Error('must not run')) };
    const r = await run(['--replicate', '--dst-host', 'naz'], launcher);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `${specFile}:5:3: dstHosts: --dst-host 'naz' is not one of the dstHosts of this spec: nas, far`,
    );
    expect(r.stderr).toContain('nothing was run');
  });

  it('exits 3 with every problem of a bad spec', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'jobId: j\nrootDatasetPairs: []\nsrcHosts: [a, b]\ndstHosts: { x: { root: bak, targets: [] } }\n',
    );
    let stderr = '';
    const code = await main(['--spec', bad, '--replicate'], {
      stdout: () => {},
      stderr: (s) => void (stderr += s),
    });
    expect(code).toBe(3);
    expect(stderr).toContain(`${bad}:2:19: rootDatasetPairs: must list at least 1 item(s)`);
  });

  it('exits 2 on a usage error', async () => {
    const r = await run(['--replicate', '--skip-replication']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--skip-replication is set by the jobrunner/);
  });
});
