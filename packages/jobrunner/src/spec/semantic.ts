/**
 * Rules of a well-shaped spec that relate several values, checked before anything runs. Each returns
 * problems with the JSON path of the value to fix.
 */
import type { SpecProblem } from './errors.js';
import { checkBzfsArgs } from './bzfs-args.js';
import { checkBzfsNames, checkNestedDestinations } from './bzfs-names.js';
import { SRC_HOST_TOKEN, unsafeCharProblem } from './names.js';
import type { JobSpec } from './types.js';

export function checkSemantics(spec: JobSpec): SpecProblem[] {
  const jobIdProblem = unsafeCharProblem(spec.jobId);
  return [
    ...(jobIdProblem === undefined ? [] : [{ path: ['jobId'], message: jobIdProblem }]),
    ...checkBzfsNames(spec),
    ...checkDatasetPairs(spec),
    ...checkNestedDestinations(spec),
    ...checkDstRoots(spec),
    ...checkTargetsAgainstPlan(spec),
    ...checkBzfsOptions(spec.bzfsOptions ?? []),
  ];
}

function checkDatasetPairs(spec: JobSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const firstByDst = new Map<string, number>();
  spec.rootDatasetPairs.forEach((pair, i) => {
    const first = firstByDst.get(pair.dst);
    if (first !== undefined && spec.rootDatasetPairs[first]?.src !== pair.src) {
      problems.push({
        path: ['rootDatasetPairs', i, 'dst'],
        message: `destination '${pair.dst}' is also written by rootDatasetPairs[${first}]; two sources must not share one destination`,
      });
    }
    if (first === undefined) firstByDst.set(pair.dst, i);
  });
  return problems;
}

/**
 * With several source hosts, each destination root must contain `^SRC_HOST`, or the sources would
 * overwrite each other's replicas. This is stricter than the original, which allowed an empty root
 * when a host filter selected one source: such a spec is one typo in a crontab away from a collision.
 */
function checkDstRoots(spec: JobSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const [host, dst] of Object.entries(spec.dstHosts)) {
    const path = ['dstHosts', host, 'root'];
    if (spec.srcHosts.length > 1 && !dst.root.includes(SRC_HOST_TOKEN)) {
      problems.push({
        path,
        message:
          `must contain ${SRC_HOST_TOKEN} (e.g. "backups/${SRC_HOST_TOKEN}"): the ${spec.srcHosts.length} source hosts ` +
          `${spec.srcHosts.join(', ')} would otherwise write the same destination datasets on ${host}`,
      });
    }
  }
  return problems;
}

/** A destination whose targets all miss the replication plan would never receive anything: a typo. */
function checkTargetsAgainstPlan(spec: JobSpec): SpecProblem[] {
  const plan = spec.dstSnapshotPlan;
  if (plan === undefined) return [];
  const known = new Set(Object.values(plan).flatMap((targets) => Object.keys(targets)));
  const problems: SpecProblem[] = [];
  for (const [host, dst] of Object.entries(spec.dstHosts)) {
    if (dst.targets.length > 0 && !dst.targets.some((t) => known.has(t))) {
      problems.push({
        path: ['dstHosts', host, 'targets'],
        message:
          `none of the targets ${JSON.stringify(dst.targets)} appears in dstSnapshotPlan ` +
          `(its targets: ${JSON.stringify([...known])}); nothing would be replicated to ${host}`,
      });
    }
  }
  return problems;
}

function checkBzfsOptions(options: readonly string[]): SpecProblem[] {
  return checkBzfsArgs(options, { unknownWhat: 'unknown bzfs option' }).map(({ index, message }) => ({
    path: ['bzfsOptions', index],
    message,
  }));
}
