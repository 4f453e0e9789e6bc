/**
 * The creation planner (--create-src-snapshots): from the source datasets and their snapshots, the
 * labels, the schedule and the clock, which snapshots to make now. Pure: the executor lists, then
 * batches each label's datasets into `zfs snapshot` command lines within the OS limit and runs
 * them (never retrying blindly: `zfs snapshot` is not idempotent).
 *
 * Atomicity: all snapshots of one label share one name, and a command line's snapshots are made in
 * one transaction group (same createtxg). With --recursive, subtrees whose every dataset is due are
 * taken with `zfs snapshot -r` on their roots, which keeps a whole tree in one short command.
 */
import { UsageError } from '../../model/errors.js';
import { showValue } from '../../model/validate.js';
import { decideDue, type DueDecision, type ListedSnapshot, type ScheduleContext } from './due.js';
import { snapshotName, type SnapshotLabel } from './label.js';
import { recursiveRoots } from './recursive-roots.js';
import { formatTimestamp, type TimeFormat } from './time-format.js';

export interface DatasetSnapshots {
  readonly dataset: string;
  /** Its snapshots; may be left empty when needsSnapshotListing() is false. */
  readonly snapshots: readonly ListedSnapshot[];
}

export interface CreationInput extends ScheduleContext {
  /** From creationLabels(), in that order (longest period first). */
  readonly labels: readonly SnapshotLabel[];
  /** The source datasets the dataset filters selected. */
  readonly datasets: readonly DatasetSnapshots[];
  /** Every dataset of the source tree before the dataset filters: what `-r` would reach. */
  readonly allDatasets: readonly string[];
  /** --recursive: only then may `zfs snapshot -r` be used. */
  readonly recursive: boolean;
  readonly timeFormat: TimeFormat;
  readonly evenIfNotDue: boolean;
}

interface LabelPlan {
  readonly label: SnapshotLabel;
  /** The short name every snapshot of this label gets in this run. */
  readonly snapshotName: string;
  /** One decision per selected dataset, in dataset order: what the log reports. */
  readonly decisions: readonly { readonly dataset: string; readonly decision: DueDecision }[];
  /** The datasets to snapshot now, sorted; may be empty. */
  readonly due: readonly string[];
  /**
   * What `zfs snapshot` gets: with `recursive`, the roots of `due`'s subtrees for `-r`; otherwise
   * `due` itself. The executor splits `datasets` into command lines (the seam for batching).
   */
  readonly command: { readonly recursive: boolean; readonly datasets: readonly string[] };
}

export interface CreationPlan {
  /** The time part of this run's names (the clock in the zone, through the time format). */
  readonly timestamp: string;
  readonly labels: readonly LabelPlan[];
}

/** ZFS_MAX_DATASET_NAME_LEN is 256 including the terminating NUL, for `dataset@snapshot` too. */
const MAX_FULL_NAME = 255;

/** Whether the planner needs the datasets' snapshots: not when every label is due regardless. */
export function needsSnapshotListing(labels: readonly SnapshotLabel[], evenIfNotDue: boolean): boolean {
  return !evenIfNotDue && labels.some((l) => l.period !== undefined);
}

export function planSnapshotCreation(input: CreationInput): CreationPlan {
  const timestamp = formatTimestamp(input.timeFormat, input.nowMs, input.zone);
  const datasets = [...input.datasets].sort((a, b) => compare(a.dataset, b.dataset));
  const labels = input.labels.map((label): LabelPlan => {
    const name = snapshotName(label, timestamp);
    const decisions = datasets.map(({ dataset, snapshots }) => ({
      dataset,
      decision: decideDue(label, snapshots, input),
    }));
    const due = decisions.filter((d) => d.decision.due).map((d) => d.dataset);
    for (const dataset of due) checkLength(dataset, name);
    const roots = input.recursive && due.length > 0 ? recursiveRoots(due, input.allDatasets) : undefined;
    const command = roots ? { recursive: true, datasets: roots } : { recursive: false, datasets: due };
    return { label, snapshotName: name, decisions, due, command };
  });
  return { timestamp, labels };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function checkLength(dataset: string, name: string): void {
  const full = `${dataset}@${name}`;
  if (full.length > MAX_FULL_NAME) {
    throw new UsageError(
      `--create-src-snapshots: the snapshot ${showValue(full)} would be ${full.length} characters long, ` +
        `more than the ZFS limit of ${MAX_FULL_NAME}; use a shorter plan or time format`,
    );
  }
}
