/**
 * From a creation plan to what runs and what the log and --explain say. Pure. Each label's
 * snapshots go into as few `zfs snapshot` command lines as the limit allows (datasets in sorted
 * order, so a tree's members share a line); the snapshots of one line share one createtxg.
 */
import { showZonedWallTime } from '../../model/time-zone.js';
import { chunkByBytes, type BatchLimit } from '../batch.js';
import type { CreationPlan } from './creation-plan.js';
import { scheduledAfter, type ScheduleContext } from './due.js';
import type { SnapshotLabel } from './label.js';

export interface SnapshotCommand {
  /** The short name every snapshot of the command gets. */
  readonly name: string;
  readonly recursive: boolean;
  /** The datasets (with `recursive`, the roots) of this command line. */
  readonly datasets: readonly string[];
}

/** The command lines of every label, longest period first; `limit` is for the `ds@name` arguments. */
export function snapshotCommands(plan: CreationPlan, limit: BatchLimit): SnapshotCommand[] {
  return plan.labels.flatMap((l) =>
    chunkByBytes(l.command.datasets, (ds) => `${ds}@${l.snapshotName}`, limit).map((datasets) => ({
      name: l.snapshotName,
      recursive: l.command.recursive,
      datasets,
    })),
  );
}

/** A label as the log names it: `prod_onsite_hourly`, the snapshot name without its time part. */
function labelText(l: SnapshotLabel): string {
  return [l.org, l.target, l.periodName].filter((p) => p !== '').join('_');
}

/** What the log and --explain say about one dataset and label. */
interface DecisionDoc {
  readonly dataset: string;
  readonly due: boolean;
  readonly rule: string;
  /** The label's newest snapshot there (short name), when the schedule was consulted. */
  readonly latest: string | null;
  /**
   * The next scheduled time, in the zone: after the snapshot made now when due, else when it
   * becomes due; null for a label without a period.
   */
  readonly nextScheduled: string | null;
}

export interface LabelDoc {
  readonly label: string;
  readonly snapshotName: string;
  readonly recursive: boolean;
  /** The datasets `zfs snapshot` gets (the roots with `recursive`). */
  readonly snapshotDatasets: readonly string[];
  readonly decisions: readonly DecisionDoc[];
}

export function describeCreation(plan: CreationPlan, ctx: ScheduleContext): LabelDoc[] {
  return plan.labels.map((l) => ({
    label: labelText(l.label),
    snapshotName: l.snapshotName,
    recursive: l.command.recursive,
    snapshotDatasets: l.command.datasets,
    decisions: l.decisions.map(({ dataset, decision }): DecisionDoc => {
      const period = l.label.period;
      const next =
        period === undefined
          ? undefined
          : decision.due
            ? scheduledAfter(period, ctx.nowMs, ctx)
            : decision.scheduled;
      return {
        dataset,
        due: decision.due,
        rule: decision.rule,
        latest: decision.latest?.name ?? null,
        nextScheduled: next === undefined ? null : showZonedWallTime(next, ctx.zone),
      };
    }),
  }));
}
