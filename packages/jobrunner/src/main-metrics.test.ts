import { describe, it, expect } from '@jest/globals';
import { ExitCode, type RunReport } from '@bzfs-ts/bzfs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BzfsLauncher } from './launch/launcher.js';
import { main } from './main.js';

// --metrics-file through main(): the runs' reports become the Prometheus textfile, written after the runs.

const dir = mkdtempSync(join(tmpdir(), 'jobrunner-metrics-'));
const specFile = join(dir, 'jobs.yaml');
writeFileSync(
  specFile,
  `jobId: nightly
rootDatasetPairs: [{ src: tank/data, dst: data }]
srcHosts: [prod001]
dstHosts:
  nas: { root: bak/^SRC_HOST, targets: [onsite] }
srcSnapshotPlan: { prod: { onsite: { daily: 7 } } }
dstSnapshotPlan: { prod: { onsite: { daily: 14 } } }
logDir: ${join(dir, 'bzfs-logs')}
`,
);

const replicated: RunReport = {
  version: 1,
  exitCode: 0,
  outcome: 'ok',
  startedAt: 0,
  finishedAt: 0,
  replication: [
    {
      srcDataset: 'tank/data',
      dstDataset: 'bak/prod001/data',
      ok: true,
      bytes: 4096,
      durationSeconds: 2,
      newestSnapshot: { name: 'prod_onsite_daily', guid: '7', creation: 1000 },
    },
  ],
  monitor: [],
};

describe('main --metrics-file', () => {
  it('writes the file (0644) from the reports of the runs, leaving no temp file', async () => {
    const metrics = join(dir, 'out', 'bzfs.prom');
    mkdirSync(join(dir, 'out'));
    const launcher: BzfsLauncher = {
      launch: async () => ({ exitCode: 0, timedOut: false, stderrTail: [], report: replicated }),
    };
    const argv = [
      '--spec',
      specFile,
      '--jobrunner-log-level=ERROR',
      '--replicate',
      `--metrics-file=${metrics}`,
    ];
    const code = await main(argv, { stdout: () => {}, stderr: () => {}, launcher: () => launcher });
    expect(code).toBe(ExitCode.OK);
    const text = readFileSync(metrics, 'utf8');
    const labels =
      'dst_dataset="bak/prod001/data",dst_host="nas",job="nightly",src_dataset="tank/data",src_host="prod001"';
    expect(text).toContain(`\nbzfs_replication_newest_snapshot_timestamp_seconds{${labels}} 1000\n`);
    expect(text).toContain(`\nbzfs_replication_last_bytes{${labels}} 4096\n`);
    expect(text).toMatch(/\nbzfs_jobrunner_last_run_timestamp_seconds\{job="nightly"\} \d+\n/);
    expect(statSync(metrics).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(dir, 'out'))).toEqual(['bzfs.prom']);
  });

  it('a metrics file that cannot be written makes the jobrunner exit 3 and says which', async () => {
    let stderr = '';
    const launcher: BzfsLauncher = { launch: async () => ({ exitCode: 0, timedOut: false, stderrTail: [] }) };
    const metrics = join(dir, 'missing', 'bzfs.prom');
    const argv = [
      '--spec',
      specFile,
      '--jobrunner-log-level=ERROR',
      '--replicate',
      `--metrics-file=${metrics}`,
    ];
    const code = await main(argv, {
      stdout: () => {},
      stderr: (s) => void (stderr += s),
      launcher: () => launcher,
    });
    expect(code).toBe(ExitCode.ERROR);
    expect(stderr).toContain(`Cannot write the metrics file ${metrics}`);
  });
});
