/**
 * The monitor's planner: from each dataset's snapshots, the rules and the run's clock, every check with its
 * verdict. Pure. Per dataset and rule, the latest snapshot of the label (by createtxg) is checked against the
 * `latest` limits and the oldest (held ones passed over with oldest_skip_holds) against the `oldest` limits;
 * a dataset without one is infinitely old.
 */
import { isOfLabel, namePattern } from '../create/label.js';
import type { AgeLimits, CheckKind, MonitorRule } from './rules.js';

export interface MonitoredSnapshot {
  /** The short name, after `@`. */
  readonly name: string;
  readonly createtxg: bigint;
  /** ZFS `creation`, Unix seconds. */
  readonly creation: number;
  /** `zfs hold` count. */
  readonly userrefs: number;
}

export interface DatasetSnapshots {
  readonly dataset: string;
  readonly snapshots: readonly MonitoredSnapshot[];
}

export type Severity = 'OK' | 'WARNING' | 'CRITICAL';

export interface MonitorCheck {
  readonly dataset: string;
  /** The label's names, `prod_onsite_<timestamp>_hourly`. */
  readonly label: string;
  readonly kind: CheckKind;
  /** The snapshot checked; undefined when the dataset has none of the label. */
  readonly snapshot?: string;
  /** nowMs − creation; Infinity without a snapshot. */
  readonly ageMs: number;
  /** The limit it exceeds (WARNING, CRITICAL), or for OK the first one it would exceed. */
  readonly limitMs: number;
  readonly severity: Severity;
}

/** Checks in order: dataset by dataset as given, rule by rule (longest period first), latest before oldest. */
export function planMonitorChecks(o: {
  readonly rules: readonly MonitorRule[];
  readonly datasets: readonly DatasetSnapshots[];
  readonly nowMs: number;
}): MonitorCheck[] {
  const checks: MonitorCheck[] = [];
  for (const { dataset, snapshots } of o.datasets) {
    const ordered = [...snapshots].sort(byCreation);
    for (const rule of o.rules) {
      const label = namePattern(rule.label);
      const ofLabel = ordered.filter((s) => isOfLabel(rule.label, s.name));
      const check = (kind: CheckKind, limits: AgeLimits | undefined, s: MonitoredSnapshot | undefined) => {
        if (limits !== undefined) checks.push(verdict(dataset, label, kind, limits, s, o.nowMs));
      };
      check('latest', rule.latest, ofLabel[ofLabel.length - 1]);
      check(
        'oldest',
        rule.oldest,
        ofLabel.find((s) => !rule.oldestSkipHolds || s.userrefs === 0),
      );
    }
  }
  return checks;
}

function verdict(
  dataset: string,
  label: string,
  kind: CheckKind,
  limits: AgeLimits,
  s: MonitoredSnapshot | undefined,
  nowMs: number,
): MonitorCheck {
  const ageMs = s === undefined ? Infinity : nowMs - s.creation * 1000;
  const warning = limits.warningMs ?? Infinity;
  const critical = limits.criticalMs ?? Infinity;
  const [severity, limitMs]: [Severity, number] =
    ageMs > critical
      ? ['CRITICAL', critical]
      : ageMs > warning
        ? ['WARNING', warning]
        : ['OK', Math.min(warning, critical)];
  return { dataset, label, kind, ...(s && { snapshot: s.name }), ageMs, limitMs, severity };
}

/** Oldest first by createtxg, then creation, then name (as the original orders a dataset's snapshots). */
function byCreation(a: MonitoredSnapshot, b: MonitoredSnapshot): number {
  if (a.createtxg !== b.createtxg) return a.createtxg < b.createtxg ? -1 : 1;
  if (a.creation !== b.creation) return a.creation - b.creation;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
