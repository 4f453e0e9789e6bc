import type { PeriodAnchors } from '../model/anchors.js';
import type { TimeZone } from '../model/time-zone.js';
import type { SnapshotLabel } from '../plan/create/label.js';
import type { TimeFormat } from '../plan/create/time-format.js';
import type { MonitorRule } from '../plan/monitor/rules.js';

/** --create-src-snapshots and its options; absent from the config when that option is not given. */
export interface CreateSettings {
  /** From --create-src-snapshots-plan (or the original's default plan), longest period first. */
  readonly labels: readonly SnapshotLabel[];
  /** --create-src-snapshots-timeformat */
  readonly timeFormat: TimeFormat;
  /** --create-src-snapshots-timezone: the zone the names and the schedule are read in. */
  readonly zone: TimeZone;
  /** The period anchors (--yearly_month ... --millisecondly_microsecond). */
  readonly anchors: PeriodAnchors;
  /** --create-src-snapshots-even-if-not-due */
  readonly evenIfNotDue: boolean;
}

/**
 * --delete-dst-snapshots [snapshots|bookmarks] and its options; absent when not given. Which
 * snapshots the rules select comes from the run's snapshot filters (`cfg.selection`), which
 * --delete-dst-snapshots-except-plan extends, as in the original.
 */
export interface RetentionSettings {
  /** What is pruned: snapshots (the default) or bookmarks. */
  readonly kind: 'snapshot' | 'bookmark';
  /** --delete-dst-snapshots-except (also set by --delete-dst-snapshots-except-plan): the filters say what to keep. */
  readonly except: boolean;
  /** false with --delete-dst-snapshots-no-crosscheck. */
  readonly crosscheck: boolean;
  /** Ours: lets the rules delete the latest common snapshot (the next replication then needs a full send). */
  readonly forceDeleteLatestCommonSnapshot: boolean;
}

/** --monitor-snapshots and its options; absent when not given, or when its plan turns every check off. */
export interface MonitorSettings {
  /** Longest period first, as they are checked. */
  readonly rules: readonly MonitorRule[];
  /** --monitor-snapshots-dont-warn: warnings are logged but leave the exit code 0. */
  readonly dontWarn: boolean;
  /** --monitor-snapshots-dont-crit: criticals are logged but leave the exit code 0. */
  readonly dontCrit: boolean;
}

/** What --delete-empty-dst-datasets counts as content: with `snapshots`, a dataset with only bookmarks is empty. */
export type EmptyDefinition = 'snapshots' | 'snapshots+bookmarks';

/** --delete-dst-datasets and --delete-empty-dst-datasets, which delete whole destination datasets. */
export interface DatasetDeletionSettings {
  /** --delete-dst-datasets: the selected destination datasets that the source does not have go. */
  readonly missingOnSource: boolean;
  /** --delete-empty-dst-datasets [snapshots|snapshots+bookmarks]; undefined when not given. */
  readonly empty: EmptyDefinition | undefined;
}
