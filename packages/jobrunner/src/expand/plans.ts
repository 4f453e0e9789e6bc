/**
 * Derives the plan each bzfs run gets from the spec's fleet-wide plans.
 *
 * Worked example, with `dstSnapshotPlan = {prod: {onsite: {hourly: 36, daily: 0}, us-west: {daily: 31}}}`:
 * - replication to a host with targets [onsite] gets `{prod: {onsite: {hourly: 36}}}` — zero counts
 *   are dropped because nothing of that period is meant to travel;
 * - pruning that host keeps `{prod: {onsite: {hourly: 36, daily: 0}}}` — zeros stay, as "keep none";
 *   every snapshot not named by the plan (here all `us-west` ones) is deleted there.
 */
import type { JobSpec, MonitorPlan, MonitorThresholds, SnapshotPlan } from '../spec/types.js';
import type { BzfsSnapshotPlan, MonitorAlert, MonitorSnapshotsPlan } from './types.js';

/**
 * What replication to `dstHost` sends: `{}` for everything (the spec has no dstSnapshotPlan), the plan
 * restricted to the host's targets, or why nothing is replicated there.
 */
export function replicationPlanFor(
  spec: JobSpec,
  dstHost: string,
): { includeSnapshotPlan?: BzfsSnapshotPlan } | string {
  const targets = spec.dstHosts[dstHost]?.targets ?? [];
  const plan = spec.dstSnapshotPlan;
  if (plan === undefined) return {};
  const includeSnapshotPlan = restrictPlan(plan, targets, { dropZeroCounts: true });
  if (isEmptyPlan(includeSnapshotPlan)) {
    return `dstSnapshotPlan has no period with a count above 0 for the targets of ${dstHost} (${JSON.stringify(targets)})`;
  }
  return { includeSnapshotPlan };
}

/** The part of `plan` for `targets`, with orgs and targets that end up empty removed. */
export function restrictPlan(
  plan: SnapshotPlan,
  targets: readonly string[],
  opts: { dropZeroCounts: boolean },
): BzfsSnapshotPlan {
  const wanted = new Set(targets);
  // Built with Object.fromEntries, which defines own properties: assigning out['__proto__'] would set
  // the prototype instead, and an org of that name would silently vanish from the plan.
  return keepNonEmpty(
    Object.entries(plan).map(([org, byTarget]) => {
      const kept = Object.entries(byTarget).flatMap(([target, counts]) => {
        if (!wanted.has(target)) return [];
        const c = Object.entries(counts).filter(([, n]) => !opts.dropZeroCounts || n > 0);
        return c.length > 0 ? [[target, Object.fromEntries(c)] as const] : [];
      });
      return [org, Object.fromEntries(kept)] as const;
    }),
  );
}

/** An object of the entries whose value has at least one key, as own properties. */
function keepNonEmpty<T extends object>(entries: readonly (readonly [string, T])[]): Record<string, T> {
  return Object.fromEntries(entries.filter(([, v]) => Object.keys(v).length > 0));
}

/** `obj[key]` only if `obj` has it itself: `plan['constructor']` must not find Object's constructor. */
function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
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
  return keepNonEmpty(
    Object.entries(plan).map(([org, byTarget]) => {
      const keptTargets = Object.entries(byTarget).flatMap(([target, periods]) => {
        if (wanted !== undefined && !wanted.has(target)) return [];
        const checks = Object.entries(periods).map(([period, t]) => {
          const planned = own(own(own(snapshotPlan, org), target), period);
          return [period, alerts(t, cyclesOverride(t, side) ?? planned ?? 1)] as const;
        });
        return [[target, Object.fromEntries(checks)] as const];
      });
      return [org, keepNonEmpty(keptTargets)] as const;
    }),
  );
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
