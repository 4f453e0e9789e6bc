import { describe, expect, it } from '@jest/globals';
import type { RunReport } from '@bzfs-ts/bzfs';
import { metricsText, type RunFacts } from './metrics.js';

const report = (r: Partial<RunReport>): RunReport => ({
  version: 1,
  exitCode: 0,
  outcome: 'ok',
  startedAt: 0,
  finishedAt: 0,
  replication: [],
  monitor: [],
  ...r,
});
const snap = (creation: number) => ({ name: 'prod_onsite_hourly', guid: '1', creation });
const replicate = (srcHost: string, dstHost: string, exitCode: number, r: RunReport): RunFacts => ({
  action: 'replicate',
  srcHost,
  dstHost,
  exitCode,
  pairs: [],
  report: r,
});

/** 2 source hosts × 2 destination hosts; h2 → far failed this time. */
const RUNS: RunFacts[] = [
  replicate(
    'h1',
    'nas',
    0,
    report({
      replication: [
        {
          srcDataset: 'tank/a',
          dstDataset: 'bak/h1/a',
          ok: true,
          bytes: 4096,
          durationSeconds: 1.5,
          newestSnapshot: snap(4400),
        },
      ],
    }),
  ),
  replicate(
    'h1',
    'far',
    0,
    report({
      replication: [
        {
          srcDataset: 'tank/a',
          dstDataset: 'far/h1/a',
          ok: true,
          bytes: 8192,
          durationSeconds: 2,
          newestSnapshot: snap(4400),
        },
      ],
    }),
  ),
  replicate(
    'h2',
    'nas',
    0,
    report({
      replication: [
        {
          srcDataset: 'tank/b',
          dstDataset: 'bak/h2/b',
          ok: true,
          bytes: 0,
          durationSeconds: 0.25,
          newestSnapshot: snap(4700),
        },
      ],
    }),
  ),
  replicate(
    'h2',
    'far',
    3,
    report({
      exitCode: 3,
      outcome: 'error',
      replication: [
        {
          srcDataset: 'tank/b',
          dstDataset: 'far/h2/b',
          ok: false,
          bytes: 0,
          durationSeconds: 30,
          newestSnapshot: null,
        },
      ],
    }),
  ),
  {
    action: 'monitor-dst-snapshots',
    srcHost: 'h1',
    dstHost: 'nas',
    exitCode: 1,
    pairs: [],
    report: report({
      exitCode: 1,
      outcome: 'alert',
      monitor: [{ side: 'dst', dataset: 'bak/h1/a', status: 1 }],
    }),
  },
];

const FAR_H2 = 'dst_dataset="far/h2/b",dst_host="far",job="job1",src_dataset="tank/b",src_host="h2"';
/** The previous run of the job, at 4000: h2 → far had replicated a snapshot of 1000. */
const PREVIOUS = `# HELP bzfs_replication_newest_snapshot_timestamp_seconds whatever
bzfs_replication_newest_snapshot_timestamp_seconds{${FAR_H2}} 1000
bzfs_replication_lag_seconds{${FAR_H2}} 3000
bzfs_replication_last_bytes{${FAR_H2}} 123
bzfs_jobrunner_last_run_timestamp_seconds{job="job1"} 4000
`;

const pair = (dst: string, dstHost: string, src: string, srcHost: string) =>
  `dst_dataset="${dst}",dst_host="${dstHost}",job="job1",src_dataset="${src}",src_host="${srcHost}"`;
const NAS_H1 = pair('bak/h1/a', 'nas', 'tank/a', 'h1');
const NAS_H2 = pair('bak/h2/b', 'nas', 'tank/b', 'h2');
const FAR_H1 = pair('far/h1/a', 'far', 'tank/a', 'h1');

describe('metricsText', () => {
  it('the exact file for 2 × 2 pairs, one failed: its lag grows from the previous newest snapshot', () => {
    expect(metricsText({ job: 'job1', nowSecs: 5000, runs: RUNS, previous: PREVIOUS })).toBe(
      [
        '# HELP bzfs_jobrunner_last_run_timestamp_seconds When the jobrunner last ran this job (unix seconds)',
        '# TYPE bzfs_jobrunner_last_run_timestamp_seconds gauge',
        'bzfs_jobrunner_last_run_timestamp_seconds{job="job1"} 5000',
        '# HELP bzfs_monitor_status Worst --monitor-snapshots check of the dataset: 0 OK, 1 WARNING, 2 CRITICAL',
        '# TYPE bzfs_monitor_status gauge',
        'bzfs_monitor_status{dataset="bak/h1/a",host="nas",job="job1",side="dst"} 1',
        '# HELP bzfs_replication_lag_seconds Seconds since the creation of the newest replicated snapshot: the recovery point lag',
        '# TYPE bzfs_replication_lag_seconds gauge',
        `bzfs_replication_lag_seconds{${NAS_H1}} 600`,
        `bzfs_replication_lag_seconds{${NAS_H2}} 300`,
        `bzfs_replication_lag_seconds{${FAR_H1}} 600`,
        `bzfs_replication_lag_seconds{${FAR_H2}} 4000`,
        '# HELP bzfs_replication_last_bytes Bytes the last replication sent (zfs send -nvP estimates)',
        '# TYPE bzfs_replication_last_bytes gauge',
        `bzfs_replication_last_bytes{${NAS_H1}} 4096`,
        `bzfs_replication_last_bytes{${NAS_H2}} 0`,
        `bzfs_replication_last_bytes{${FAR_H1}} 8192`,
        `bzfs_replication_last_bytes{${FAR_H2}} 0`,
        '# HELP bzfs_replication_last_duration_seconds Duration of the last replication in seconds',
        '# TYPE bzfs_replication_last_duration_seconds gauge',
        `bzfs_replication_last_duration_seconds{${NAS_H1}} 1.5`,
        `bzfs_replication_last_duration_seconds{${NAS_H2}} 0.25`,
        `bzfs_replication_last_duration_seconds{${FAR_H1}} 2`,
        `bzfs_replication_last_duration_seconds{${FAR_H2}} 30`,
        '# HELP bzfs_replication_last_exit_code Exit code of the last replication (0 ok)',
        '# TYPE bzfs_replication_last_exit_code gauge',
        `bzfs_replication_last_exit_code{${NAS_H1}} 0`,
        `bzfs_replication_last_exit_code{${NAS_H2}} 0`,
        `bzfs_replication_last_exit_code{${FAR_H1}} 0`,
        `bzfs_replication_last_exit_code{${FAR_H2}} 3`,
        '# HELP bzfs_replication_newest_snapshot_timestamp_seconds Creation time of the newest snapshot the destination shares with the source (unix seconds)',
        '# TYPE bzfs_replication_newest_snapshot_timestamp_seconds gauge',
        `bzfs_replication_newest_snapshot_timestamp_seconds{${NAS_H1}} 4400`,
        `bzfs_replication_newest_snapshot_timestamp_seconds{${NAS_H2}} 4700`,
        `bzfs_replication_newest_snapshot_timestamp_seconds{${FAR_H1}} 4400`,
        `bzfs_replication_newest_snapshot_timestamp_seconds{${FAR_H2}} 1000`,
        '',
      ].join('\n'),
    );
  });

  it('a later run that only monitors keeps every replication series, lag recomputed', () => {
    const first = metricsText({ job: 'job1', nowSecs: 5000, runs: RUNS, previous: PREVIOUS });
    const next = metricsText({ job: 'job1', nowSecs: 5600, runs: [], previous: first });
    expect(next).toContain(`bzfs_replication_lag_seconds{${FAR_H2}} 4600\n`);
    expect(next).toContain(`bzfs_replication_lag_seconds{${NAS_H1}} 1200\n`);
    expect(next).toContain(`bzfs_replication_last_exit_code{${FAR_H2}} 3\n`);
    expect(next).toContain('bzfs_jobrunner_last_run_timestamp_seconds{job="job1"} 5600\n');
    expect(next).toContain('bzfs_monitor_status{dataset="bak/h1/a",host="nas",job="job1",side="dst"} 1\n');
  });

  it("a monitor-src-snapshots run is the source's status, though bzfs ran the source host as its dst side", () => {
    const run: RunFacts = {
      action: 'monitor-src-snapshots',
      srcHost: 'h1',
      exitCode: 0,
      pairs: [],
      report: report({ monitor: [{ side: 'dst', dataset: 'tank/a', status: 0 }] }),
    };
    const text = metricsText({ job: 'job1', nowSecs: 10, runs: [run], previous: '' });
    expect(text).toContain('bzfs_monitor_status{dataset="tank/a",host="h1",job="job1",side="src"} 0\n');
  });

  it('a run that reported no dataset (it never got that far): its pairs failed with its exit code, no newest', () => {
    const run: RunFacts = {
      action: 'replicate',
      srcHost: 'h3',
      dstHost: 'nas',
      exitCode: 3,
      pairs: [{ src: 'tank/c', dst: 'bak/c' }],
    };
    const text = metricsText({ job: 'job1', nowSecs: 10, runs: [run], previous: '' });
    const p = pair('bak/c', 'nas', 'tank/c', 'h3');
    expect(text).toContain(`bzfs_replication_last_exit_code{${p}} 3\n`);
    expect(text).not.toContain('bzfs_replication_lag_seconds');
  });
});
