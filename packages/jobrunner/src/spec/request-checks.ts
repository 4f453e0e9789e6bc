/**
 * Checks that a command line fits the spec it names: host filters must name hosts of the spec, and
 * every chosen action must have the plan it needs. A prune without a plan would keep nothing, so it is
 * refused rather than run.
 */
import type { Action } from '../expand/actions.js';
import { retainedTargets, selectDstHosts, type HostFilters } from '../expand/select.js';
import type { SpecProblem } from './errors.js';
import type { JobSpec, MonitorPlan, SnapshotPlan } from './types.js';

export interface RunRequest extends HostFilters {
  readonly actions: readonly Action[];
}

export function checkRequest(spec: JobSpec, req: RunRequest): SpecProblem[] {
  return [
    ...unknownHosts('--src-host', 'srcHosts', req.srcHosts ?? [], spec.srcHosts),
    ...unknownHosts('--dst-host', 'dstHosts', req.dstHosts ?? [], Object.keys(spec.dstHosts)),
    ...req.actions.flatMap((a) => missingPlan(spec, a)),
    ...(req.actions.includes('prune-dst-snapshots') && hasTargets(spec.dstSnapshotPlan)
      ? pruneDstWithoutTargets(spec, req)
      : []),
  ];
}

function unknownHosts(
  option: string,
  key: string,
  wanted: readonly string[],
  known: readonly string[],
): SpecProblem[] {
  return wanted
    .filter((h) => !known.includes(h))
    .map((h) => ({
      path: [key],
      message: `${option} '${h}' is not one of the ${key} of this spec: ${known.join(', ')}`,
    }));
}

const PLAN_OF: Partial<
  Record<Action, 'srcSnapshotPlan' | 'srcBookmarkPlan' | 'dstSnapshotPlan' | 'monitorSnapshotPlan'>
> = {
  'create-src-snapshots': 'srcSnapshotPlan',
  'prune-src-snapshots': 'srcSnapshotPlan',
  'prune-src-bookmarks': 'srcBookmarkPlan',
  'prune-dst-snapshots': 'dstSnapshotPlan',
  'monitor-src-snapshots': 'monitorSnapshotPlan',
  'monitor-dst-snapshots': 'monitorSnapshotPlan',
};

function missingPlan(spec: JobSpec, action: Action): SpecProblem[] {
  const key = PLAN_OF[action];
  if (key === undefined || hasTargets(spec[key])) return [];
  const why = action.startsWith('prune')
    ? 'pruning keeps what the plan lists and deletes the rest, so without one it would delete every snapshot'
    : 'the plan says which snapshots to work on';
  return [
    { path: spec[key] === undefined ? [] : [key], message: `--${action} needs a non-empty ${key}: ${why}` },
  ];
}

function hasTargets(plan: SnapshotPlan | MonitorPlan | undefined): boolean {
  return plan !== undefined && Object.values(plan).some((targets) => Object.keys(targets).length > 0);
}

function pruneDstWithoutTargets(spec: JobSpec, req: RunRequest): SpecProblem[] {
  const plan = spec.dstSnapshotPlan ?? {};
  const known = new Set(Object.values(plan).flatMap((t) => Object.keys(t)));
  return selectDstHosts(spec, req)
    .filter((h) => !retainedTargets(spec, h).some((t) => known.has(t)))
    .map((h) => ({
      path: ['dstHosts', h],
      message:
        `--prune-dst-snapshots would delete every snapshot on ${h}: none of its retained targets ` +
        `${JSON.stringify(retainedTargets(spec, h))} appears in dstSnapshotPlan`,
    }));
}
