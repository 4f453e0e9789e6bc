import type { SnapshotRef } from '../model/snapshot.js';
import {
  outcomeOf,
  type MonitorEntry,
  type MonitorStatus,
  type ReplicationEntry,
  type RunReport,
} from '../model/run-report.js';

/** What the steps of one destination dataset left for the report while it was being replicated. */
interface DatasetTally {
  bytes: number;
  newest: SnapshotRef | undefined;
}

/**
 * Collects the facts of the run report (model/run-report.ts) as the tasks produce them: the replicate task per
 * dataset, the monitor task per check, runAll whether the exit code is an alert's. Nothing here reads logs or
 * touches files; main.ts turns it into the report at exit.
 */
export class RunRecorder {
  private readonly tallies = new Map<string, DatasetTally>();
  private readonly replication: ReplicationEntry[] = [];
  private readonly monitor = new Map<string, MonitorEntry>();
  private alerted = false;

  /** A send step of `dstDataset` streamed about `bytes` (an estimate, see ReplicationEntry.bytes). */
  sent(dstDataset: string, bytes: number): void {
    this.tally(dstDataset).bytes += bytes;
  }

  /** `dstDataset` now shares `snap` with its source as its newest common snapshot. */
  converged(dstDataset: string, snap: SnapshotRef | undefined): void {
    this.tally(dstDataset).newest = snap;
  }

  /** The dataset's replication is over: one entry, with what its steps tallied. */
  replicated(srcDataset: string, dstDataset: string, o: { ok: boolean; durationMs: number }): void {
    const t = this.tallies.get(dstDataset);
    const n = t?.newest;
    this.replication.push({
      srcDataset,
      dstDataset,
      ok: o.ok,
      bytes: t?.bytes ?? 0,
      durationSeconds: o.durationMs / 1000,
      newestSnapshot: n ? { name: n.name, guid: n.guid, creation: n.creation } : null,
    });
    this.tallies.delete(dstDataset);
  }

  /** One monitor check; a dataset's entry keeps the worst of its checks. */
  checked(side: 'src' | 'dst', dataset: string, status: MonitorStatus): void {
    const key = `${side}\0${dataset}`;
    const prev = this.monitor.get(key);
    if (prev === undefined || status > prev.status) this.monitor.set(key, { side, dataset, status });
  }

  /** The run's exit code is the worst monitor alert's (not an error's). */
  exitedOnAlert(): void {
    this.alerted = true;
  }

  report(o: { exitCode: number; startedAt: number; finishedAt: number }): RunReport {
    return {
      version: 1,
      exitCode: o.exitCode,
      outcome: outcomeOf(o.exitCode, this.alerted),
      startedAt: o.startedAt,
      finishedAt: o.finishedAt,
      replication: [...this.replication],
      monitor: [...this.monitor.values()],
    };
  }

  private tally(dstDataset: string): DatasetTally {
    let t = this.tallies.get(dstDataset);
    if (t === undefined) this.tallies.set(dstDataset, (t = { bytes: 0, newest: undefined }));
    return t;
  }
}
