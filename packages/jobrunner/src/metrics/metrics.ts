/**
 * The jobrunner's metrics (--metrics-file): per source dataset × destination the newest replicated snapshot,
 * its age (the RPO lag), the last replication's bytes, duration and exit code; per monitored dataset its
 * status; per job the time of its last run. Computed from the runs' reports, the previous file and the clock.
 *
 * A series this run did not touch (another action's run, a host left out by --dst-host) is carried over
 * from the previous file with its lag recomputed, so that each cron line of a job can write the same file.
 * A pair whose replication failed keeps its previous newest-snapshot time, so its lag keeps growing. Pure.
 */
import type { RunReport } from '@bzfs-ts/bzfs';
import { ExitCode } from '@bzfs-ts/bzfs';
import type { Action } from '../expand/actions.js';
import { parseSamples, renderSamples, type Labels, type Sample } from './exposition.js';

/** What the metrics need of one finished bzfs run. */
export interface RunFacts {
  readonly action: Action;
  readonly srcHost: string;
  readonly dstHost?: string;
  /** The code the run contributes to the jobrunner's exit code (schedule/exit-status.ts). */
  readonly exitCode: number;
  /** The run's dataset pairs, without host: the series of a run that reported no datasets. */
  readonly pairs: readonly { readonly src: string; readonly dst: string }[];
  readonly report?: RunReport;
}

const F = {
  newest: 'bzfs_replication_newest_snapshot_timestamp_seconds',
  lag: 'bzfs_replication_lag_seconds',
  bytes: 'bzfs_replication_last_bytes',
  duration: 'bzfs_replication_last_duration_seconds',
  exit: 'bzfs_replication_last_exit_code',
  monitor: 'bzfs_monitor_status',
  lastRun: 'bzfs_jobrunner_last_run_timestamp_seconds',
} as const;

const HELP: Readonly<Record<string, string>> = {
  [F.newest]: 'Creation time of the newest snapshot the destination shares with the source (unix seconds)',
  [F.lag]: 'Seconds since the creation of the newest replicated snapshot: the recovery point lag',
  [F.bytes]: 'Bytes the last replication sent (zfs send -nvP estimates)',
  [F.duration]: 'Duration of the last replication in seconds',
  [F.exit]: 'Exit code of the last replication (0 ok)',
  [F.monitor]: 'Worst --monitor-snapshots check of the dataset: 0 OK, 1 WARNING, 2 CRITICAL',
  [F.lastRun]: 'When the jobrunner last ran this job (unix seconds)',
};

interface PairState {
  labels: Labels;
  newest?: number;
  bytes: number;
  duration: number;
  exit: number;
}

/** The metrics file's text after this jobrunner run. */
export function metricsText(o: {
  readonly job: string;
  readonly nowSecs: number;
  readonly runs: readonly RunFacts[];
  /** The previous file's text ('' if there was none). */
  readonly previous: string;
}): string {
  const previous = parseSamples(o.previous);
  const pairs = previousPairs(previous);
  const monitor = new Map<string, Sample>();
  const lastRun = new Map<string, Sample>();
  for (const s of previous) {
    if (s.family === F.monitor) monitor.set(keyOf(s.labels), s);
    if (s.family === F.lastRun) lastRun.set(keyOf(s.labels), s);
  }
  for (const run of o.runs) {
    if (run.action === 'replicate') replicated(pairs, o.job, run);
    // The side is the jobrunner's, not bzfs's: monitor-src-snapshots runs bzfs with the source host on
    // bzfs's dst side (against `dummy`), so its report says dst for what is the source.
    const side = run.action === 'monitor-src-snapshots' ? 'src' : 'dst';
    for (const m of run.report?.monitor ?? []) {
      const host = side === 'src' ? run.srcHost : (run.dstHost ?? run.srcHost);
      const labels = { job: o.job, host, side, dataset: m.dataset };
      monitor.set(keyOf(labels), { family: F.monitor, labels, value: m.status });
    }
  }
  lastRun.set(keyOf({ job: o.job }), { family: F.lastRun, labels: { job: o.job }, value: o.nowSecs });
  const samples: Sample[] = [...monitor.values(), ...lastRun.values()];
  for (const p of pairs.values()) {
    const of = (family: string, value: number): Sample => ({ family, labels: p.labels, value });
    samples.push(of(F.bytes, p.bytes), of(F.duration, p.duration), of(F.exit, p.exit));
    if (p.newest !== undefined) samples.push(of(F.newest, p.newest), of(F.lag, o.nowSecs - p.newest));
  }
  return renderSamples(samples, HELP);
}

function replicated(pairs: Map<string, PairState>, job: string, run: RunFacts): void {
  const labels = (src: string, dst: string): Labels => ({
    job,
    src_host: run.srcHost,
    src_dataset: src,
    dst_host: run.dstHost ?? '',
    dst_dataset: dst,
  });
  const entries = run.report?.replication ?? [];
  // A run that ended before it reached any dataset (unreachable host, refused arguments): its pairs failed.
  const facts =
    entries.length > 0
      ? entries
      : run.pairs.map((p) => ({
          srcDataset: p.src,
          dstDataset: p.dst,
          ok: run.exitCode === ExitCode.OK,
          bytes: 0,
          durationSeconds: 0,
          newestSnapshot: null,
        }));
  for (const e of facts) {
    const l = labels(e.srcDataset, e.dstDataset);
    const key = keyOf(l);
    const newest = e.ok && e.newestSnapshot !== null ? e.newestSnapshot.creation : pairs.get(key)?.newest;
    const exit = e.ok ? ExitCode.OK : run.exitCode === ExitCode.OK ? ExitCode.ERROR : run.exitCode;
    pairs.set(key, {
      labels: l,
      ...(newest !== undefined && { newest }),
      bytes: e.bytes,
      duration: e.durationSeconds,
      exit,
    });
  }
}

/** The replication series of the previous file, by pair; the lag is not read back (it is recomputed). */
function previousPairs(previous: readonly Sample[]): Map<string, PairState> {
  const pairs = new Map<string, PairState>();
  for (const s of previous) {
    const field = (
      { [F.newest]: 'newest', [F.bytes]: 'bytes', [F.duration]: 'duration', [F.exit]: 'exit' } as const
    )[s.family];
    if (field === undefined) continue;
    const key = keyOf(s.labels);
    const p = pairs.get(key) ?? { labels: s.labels, bytes: 0, duration: 0, exit: 0 };
    p[field] = s.value;
    pairs.set(key, p);
  }
  return pairs;
}

const keyOf = (labels: Labels): string =>
  JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
