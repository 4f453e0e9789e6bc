/**
 * Derives the plan each bzfs run gets from the spec's fleet-wide plans.
 *
 * Worked example, with `dstSnapshotPlan = {prod: {onsite: {hourly: 36, daily: 0}, us-west: {daily: 31}}}`:
 * - replication to a host with targets [onsite] gets `{prod: {onsite: {hourly: 36}}}` — zero counts
 *   are dropped because nothing of that period is meant to travel;
 * - pruning that host keeps `{prod: {onsite: {hourly: 36, daily: 0}}}` — zeros stay, as "keep none";
 *   every snapshot not named by the plan (here all `us-west` ones) is deleted there.
 */
import type { MonitorPlan, MonitorThresholds, SnapshotPlan } from '../spec/types.js';
import type { BzfsSnapshotPlan, MonitorAlert, MonitorSnapshotsPlan } from './types.js';

type Counts = Record<string, number>;

/** The part of `plan` for `targets`, with orgs and targets that end up empty removed. */
export function restrictPlan(
  plan: SnapshotPlan,
  targets: readonly string[],
  opts: { dropZeroCounts: boolean },
): BzfsSnapshotPlan {
  const wanted = new Set(targets);
  const out: Record<string, Record<string, Counts>> = {};
  for (const [org, byTarget] of Object.entries(plan)) {
    const kept: Record<string, Counts> = {};
    for (const [target, counts] of Object.entries(byTarget)) {
      if (!wanted.has(target)) continue;
      const c = opts.dropZeroCounts
        ? Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0))
        : counts;
      if (Object.keys(c).length > 0) kept[target] = { ...c };
    }
    if (Object.keys(kept).length > 0) out[org] = kept;
  }
  return out;
}

export function isEmptyPlan(plan: object): boolean {
  return Object.keys(plan).length === 0;
}

/** Every target named anywhere in a plan. */
export function planTargets(plan: SnapshotPlan | MonitorPlan): string[] {
  return [...new Set(Object.values(plan).flatMap((byTarget) => Object.keys(byTarget)))];
}

/**
 * Expands the spec's monitor plan into bzfs's `--monitor-snapshots` value. Each period gets a `latest`
 * check with the spec's thresholds and an `oldest` check that also allows `cycles` periods of age —
 * the number of snapshots the snapshot plan keeps — so an oldest snapshot older than that means pruning
 * has stalled. `targets` restricts the plan (for a destination host); undefined keeps all.
 */
export function expandMonitorPlan(
  plan: MonitorPlan,
  snapshotPlan: SnapshotPlan | undefined,
  side: 'src' | 'dst',
  targets?: readonly string[],
): MonitorSnapshotsPlan {
  const wanted = targets === undefined ? undefined : new Set(targets);
  const out: Record<
    string,
    Record<string, Record<string, { latest: MonitorAlert; oldest: MonitorAlert }>>
  > = {};
  for (const [org, byTarget] of Object.entries(plan)) {
    const keptTargets: (typeof out)[string] = {};
    for (const [target, periods] of Object.entries(byTarget)) {
      if (wanted !== undefined && !wanted.has(target)) continue;
      const checks: (typeof keptTargets)[string] = {};
      for (const [period, t] of Object.entries(periods)) {
        const planned = snapshotPlan?.[org]?.[target]?.[period];
        checks[period] = alerts(t, cyclesOverride(t, side) ?? planned ?? 1);
      }
      if (Object.keys(checks).length > 0) keptTargets[target] = checks;
    }
    if (Object.keys(keptTargets).length > 0) out[org] = keptTargets;
  }
  return out;
}

function cyclesOverride(t: MonitorThresholds, side: 'src' | 'dst'): number | undefined {
  return side === 'src' ? t.srcSnapshotCycles : t.dstSnapshotCycles;
}

function alerts(t: MonitorThresholds, cycles: number): { latest: MonitorAlert; oldest: MonitorAlert } {
  const limits: { warning?: string; critical?: string } = {};
  if (t.warning !== undefined) limits.warning = t.warning;
  if (t.critical !== undefined) limits.critical = t.critical;
  const oldest: MonitorAlert =
    t.oldestSkipHolds === undefined
      ? { ...limits, cycles }
      : { ...limits, cycles, oldestSkipHolds: t.oldestSkipHolds };
  return { latest: { ...limits }, oldest };
}
