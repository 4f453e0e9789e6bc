/**
 * Snapshot labels: what --create-src-snapshots makes snapshots of, one per org, target and period
 * with a count > 0. A label's snapshots are named `<org>_<target>_<time>_<period>` (an empty target
 * drops its part and its `_`, an empty period too), the same name on every dataset of one run.
 */
import { UsageError } from '../../model/errors.js';
import { periodMs, type Period } from '../../model/period.js';
import { showValue, validateSnapshotName } from '../../model/validate.js';
import type { PlanEntry } from './snapshot-plan.js';

export interface SnapshotLabel {
  readonly org: string;
  readonly target: string;
  readonly periodName: string;
  /** undefined: not periodic (`adhoc` or an unknown suffix), so always due. */
  readonly period: Period | undefined;
}

const OPTION = '--create-src-snapshots-plan';
const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 10_000 * 365 * DAY_MS;

/**
 * The labels to create, longest period first (yearly before daily before adhoc, as the original
 * takes them), then by org and target. Each name part and period is validated here.
 */
export function creationLabels(plan: readonly PlanEntry[]): SnapshotLabel[] {
  const labels = plan
    .filter((e) => e.count > 0)
    .map(({ org, target, periodName, period }) => ({ org, target, periodName, period }));
  for (const l of labels) validateLabel(l);
  const byPeriod = (a: SnapshotLabel, b: SnapshotLabel): number =>
    nominalMs(b) - nominalMs(a) || compare(b.periodName, a.periodName);
  // The original compares the parts with their '_': `ab-_` sorts before `ab_`, though `ab` before `ab-`.
  const byName = (a: SnapshotLabel, b: SnapshotLabel): number =>
    compare(`${a.org}_`, `${b.org}_`) || compare(infix(a), infix(b));
  return labels.sort((a, b) => byPeriod(a, b) || byName(a, b));
}

const nominalMs = (l: SnapshotLabel) => (l.period === undefined ? 0 : periodMs(l.period));
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const infix = (l: SnapshotLabel) => (l.target === '' ? '' : `${l.target}_`);
const suffix = (l: SnapshotLabel) => (l.periodName === '' ? '' : `_${l.periodName}`);

function validateLabel(l: SnapshotLabel): void {
  const part = (what: string, value: string) => {
    if (value.includes('_')) {
      throw new UsageError(
        `${OPTION}: the ${what} ${showValue(value)} must not contain '_', which separates the parts of a snapshot name`,
      );
    }
  };
  if (!/^[A-Za-z]/.test(l.org)) {
    throw new UsageError(
      `${OPTION}: the organisation ${showValue(l.org)} must start with a letter (it starts the snapshot name)`,
    );
  }
  part('organisation', l.org);
  part('target', l.target);
  part('period', l.periodName);
  const p = l.period;
  if (p === undefined) return;
  const problem =
    ['millisecondly', 'secondly', 'minutely', 'hourly'].includes(p.unit) && DAY_MS % periodMs(p) !== 0
      ? 'must divide a day (86400 seconds) evenly, so that snapshots are made at the same times every day'
      : p.unit === 'monthly' && 12 % p.multiple !== 0
        ? 'must divide 12 months evenly, so that snapshots are made on the same days every year'
        : periodMs(p) > MAX_PERIOD_MS
          ? 'is longer than 10000 years'
          : undefined;
  if (problem !== undefined)
    throw new UsageError(`${OPTION}: the period ${showValue(l.periodName)} ${problem}`);
}

/**
 * The snapshot name of a label for one run's time part, checked to be a legal ZFS snapshot name
 * (the time format may contribute characters zfs refuses, such as '/').
 */
export function snapshotName(l: SnapshotLabel, timestamp: string): string {
  const name = `${l.org}_${infix(l)}${timestamp}${suffix(l)}`;
  try {
    return validateSnapshotName(name);
  } catch (e) {
    throw new UsageError(
      `--create-src-snapshots-plan and -timeformat make an invalid name: ${(e as Error).message}`,
    );
  }
}

/** The names of a label's snapshots, time part elided: `prod_onsite_<timestamp>_hourly` (for messages). */
export const namePattern = (l: SnapshotLabel): string => `${l.org}_${infix(l)}<timestamp>${suffix(l)}`;

/**
 * Whether a snapshot name belongs to a label, whatever its time part: `<org>_<target>_..._<period>`.
 * Without a target the time must start right after `<org>_` with a 4-digit year, so that `prod_`
 * does not also claim `prod_onsite_...` (as the original matches).
 */
export function isOfLabel(l: SnapshotLabel, name: string): boolean {
  const start = `${l.org}_${infix(l)}`;
  const end = suffix(l);
  if (!name.startsWith(start) || !name.endsWith(end)) return false;
  if (l.target !== '') return name.length >= start.length + end.length;
  return (
    name.length >= start.length + 4 + end.length &&
    /^[1-9][0-9]{3}$/.test(name.slice(start.length, start.length + 4))
  );
}
