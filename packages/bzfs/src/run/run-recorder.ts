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
  steps: number;
  newest: SnapshotRef | undefined;
}

/** What one run (one cycle of a daemon) did, for its summary line (run/run-summary.ts). */
export interface RunTotals {
  /** Datasets the replicate task went through, failed ones included. */
  readonly datasets: number;
  /** Of those, the ones that received at least one send step. */
  readonly replicated: number;
  readonly steps: number;
  /** Steps whose size `zfs send -nvP` estimated; `bytes` is their sum. */
  readonly estimatedSteps: number;
  readonly bytes: number;
}

const NO_TOTALS: RunTotals = { datasets: 0, replicated: 0, steps: 0, estimatedSteps: 0, bytes: 0 };

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
  private sums: RunTotals = NO_TOTALS;

  /**
   * A daemon's next cycle starts: what the last one recorded is dropped, so that the report at exit tells the
   * last cycle (what a caller wants to know now) and a long-lived daemon's memory does not grow per cycle.
   */
  beginCycle(): void {
    this.tallies.clear();
    this.replication.length = 0;
    this.monitor.clear();
    this.alerted = false;
    this.sums = NO_TOTALS;
  }

  /** A send step of `dstDataset` streamed about `bytes` (an estimate, see ReplicationEntry.bytes). */
  sent(dstDataset: string, bytes: number): void {
    this.tally(dstDataset).bytes += bytes;
    this.sums = { ...this.sums, estimatedSteps: this.sums.estimatedSteps + 1 };
  }

  /** A send step of `dstDataset` has landed (estimated or not). */
  stepDone(dstDataset: string): void {
    this.tally(dstDataset).steps += 1;
  }

  totals(): RunTotals {
    return this.sums;
  }

  /** `dstDataset` now shares `snap` with its source as its newest common snapshot. */
  converged(dstDataset: string, snap: SnapshotRef | undefined): void {
    this.tally(dstDataset).newest = snap;
  }

  /** The dataset's replication is over: one entry, with what its steps tallied. */
  replicated(srcDataset: string, dstDataset: string, o: { ok: boolean; durationMs: number }): void {
    const t = this.tallies.get(dstDataset);
    const n = t?.newest;
    const steps = t?.steps ?? 0;
    const sums = this.sums;
    this.sums = {
      ...sums,
      datasets: sums.datasets + 1,
      replicated: sums.replicated + (steps > 0 ? 1 : 0),
      steps: sums.steps + steps,
      bytes: sums.bytes + (t?.bytes ?? 0),
    };
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
    if (t === undefined) this.tallies.set(dstDataset, (t = { bytes: 0, steps: 0, newest: undefined }));
    return t;
  }
}
