/**
 * Whether a label is due on a dataset, as the original decides it: when the zone's wall clock has
 * reached the first scheduled time after the label's newest snapshot. A label with no snapshot yet
 * is due now (and the snapshot is named with the current time, not backdated to a missed slot);
 * a non-periodic label (adhoc) is always due, and so is every label with
 * --create-src-snapshots-even-if-not-due.
 *
 * Both sides are wall times, so a schedule follows the clock on the wall across DST changes: daily at
 * 02:30 is due at 03:00 on the day 02:30 is skipped, and hourly does not repeat the hour that occurs
 * twice when clocks go back (its wall clock is still before the next full hour).
 */
import type { PeriodAnchors } from '../../model/anchors.js';
import type { Period } from '../../model/period.js';
import type { SnapshotRef } from '../../model/snapshot.js';
import { wallTimeAt, type TimeZone } from '../../model/time-zone.js';
import type { WallTime } from '../../model/wall-time.js';
import { isOfLabel, type SnapshotLabel } from './label.js';
import { roundUpToPeriod } from './round-up.js';

/** A snapshot of the dataset being planned, from `zfs list -t snapshot` (no bookmarks). */
export type ListedSnapshot = Pick<SnapshotRef, 'name' | 'createtxg' | 'creation'>;

export interface ScheduleContext {
  /** The clock's wall time, milliseconds since the epoch. */
  readonly nowMs: number;
  readonly zone: TimeZone;
  readonly anchors: PeriodAnchors;
}

type DueRule =
  'not-periodic' | 'even-if-not-due' | 'no-snapshot-yet' | 'scheduled-time-passed' | 'not-yet-due';

export interface DueDecision {
  readonly due: boolean;
  /** Why, for the log and `--explain`. */
  readonly rule: DueRule;
  /** The label's newest snapshot on the dataset, when the schedule was consulted and there is one. */
  readonly latest?: ListedSnapshot;
  /** The first scheduled time after `latest` (the zone's wall time), for the log. */
  readonly scheduled?: WallTime;
}

export function decideDue(
  label: SnapshotLabel,
  snapshots: readonly ListedSnapshot[],
  ctx: ScheduleContext & { readonly evenIfNotDue: boolean },
): DueDecision {
  if (label.period === undefined) return { due: true, rule: 'not-periodic' };
  if (ctx.evenIfNotDue) return { due: true, rule: 'even-if-not-due' };
  const latest = newestOfLabel(label, snapshots);
  if (latest === undefined) return { due: true, rule: 'no-snapshot-yet' };
  const scheduled = scheduledAfter(label.period, latest.creation * 1000, ctx);
  const due = wallTimeAt(ctx.nowMs, ctx.zone) >= scheduled;
  return { due, rule: due ? 'scheduled-time-passed' : 'not-yet-due', latest, scheduled };
}

/**
 * The first scheduled time strictly after an instant: after a snapshot's creation (when it is due
 * next), or after now (when a daemon should wake up next).
 */
export function scheduledAfter(
  period: Period,
  instantMs: number,
  ctx: Pick<ScheduleContext, 'zone' | 'anchors'>,
): WallTime {
  return roundUpToPeriod(wallTimeAt(instantMs, ctx.zone) + 1, period, ctx.anchors);
}

/** The newest by createtxg (then creation, then name) of the snapshots that belong to the label. */
function newestOfLabel(
  label: SnapshotLabel,
  snapshots: readonly ListedSnapshot[],
): ListedSnapshot | undefined {
  let best: ListedSnapshot | undefined;
  for (const s of snapshots) {
    if (!isOfLabel(label, s.name)) continue;
    if (best === undefined || newer(s, best)) best = s;
  }
  return best;
}

function newer(a: ListedSnapshot, b: ListedSnapshot): boolean {
  if (a.createtxg !== b.createtxg) return a.createtxg > b.createtxg;
  if (a.creation !== b.creation) return a.creation > b.creation;
  return a.name > b.name;
}
