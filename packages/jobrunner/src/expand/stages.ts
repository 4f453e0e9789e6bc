/**
 * One builder per action: the bzfs runs (as typed options) that an action needs for one source host.
 * bzfs acts on a run's source when creating snapshots and on its destination when deleting and
 * monitoring, so source-side actions put the source host on the side bzfs acts on and bzfs's
 * placeholder dataset `dummy` on the other.
 */
import type { BzfsOptions } from '@bzfs-ts/bzfs';
import type { SshSideSpec } from '../spec/types.js';
import type { Action } from './actions.js';
import { daemonFrequencyOption } from './daemon-frequency.js';
import { dstDataset, poolOf, resolveSide, type Side } from './locate.js';
import { pruneGuard } from './guard-targets.js';
import { expandMonitorPlan, isEmptyPlan, replicationPlanFor, restrictPlan } from './plans.js';
import { retainedTargets } from './select.js';
import type { DatasetPair, ExpandInput, Invocation, PruneGuardSpec, SkippedRun } from './types.js';

/** A run before it has its place in the order. */
type Draft = Omit<Invocation, 'seq' | 'id' | 'after'>;
type StageResult = { runs: Draft[]; skipped: SkippedRun[] };

const DUMMY = 'dummy';

export const STAGES: Record<
  Action,
  (input: ExpandInput, srcHost: string, dstHosts: readonly string[]) => StageResult
> = {
  'create-src-snapshots': (input, srcHost) =>
    onSource(input, srcHost, 'create-src-snapshots', 'src', {
      createSrcSnapshots: true,
      createSrcSnapshotsPlan: input.spec.srcSnapshotPlan ?? {},
      skipReplication: true,
    }),
  replicate: (input, srcHost, dstHosts) => perDst(input, srcHost, dstHosts, 'replicate', replicate),
  'prune-src-snapshots': (input, srcHost) =>
    withGuard(
      onSource(input, srcHost, 'prune-src-snapshots', 'dst', {
        skipReplication: true,
        deleteDstSnapshots: true,
        deleteDstSnapshotsExceptPlan: input.spec.srcSnapshotPlan ?? {},
      }),
      pruneGuard(input, srcHost, 'snapshot'),
    ),
  'prune-src-bookmarks': (input, srcHost) =>
    withGuard(
      onSource(input, srcHost, 'prune-src-bookmarks', 'dst', {
        skipReplication: true,
        deleteDstSnapshots: 'bookmarks',
        deleteDstSnapshotsExceptPlan: input.spec.srcBookmarkPlan ?? {},
      }),
      pruneGuard(input, srcHost, 'bookmark'),
    ),
  'prune-dst-snapshots': (input, srcHost, dstHosts) =>
    perDst(input, srcHost, dstHosts, 'prune-dst-snapshots', pruneDst),
  'monitor-src-snapshots': (input, srcHost) =>
    onSource(input, srcHost, 'monitor-src-snapshots', 'dst', {
      skipReplication: true,
      monitorSnapshots: expandMonitorPlan(
        input.spec.monitorSnapshotPlan ?? {},
        input.spec.srcSnapshotPlan,
        'src',
      ),
    }),
  'monitor-dst-snapshots': (input, srcHost, dstHosts) =>
    perDst(input, srcHost, dstHosts, 'monitor-dst-snapshots', monitorDst),
};

/** A run on the source host alone; `role` is the bzfs side the source host takes. */
function onSource(
  input: ExpandInput,
  srcHost: string,
  action: Action,
  role: 'src' | 'dst',
  actionOptions: Partial<BzfsOptions>,
): StageResult {
  const sides = input.spec.rootDatasetPairs.map((p) =>
    resolveSide(srcHost, p.src, input.spec.ssh?.src, input.local),
  );
  const pairs = dedupe(
    sides.map((s) => (role === 'src' ? { src: s.locator, dst: DUMMY } : { src: DUMMY, dst: s.locator })),
  );
  const options = {
    ...common(input),
    ...actionOptions,
    ...daemonFrequencyOption(action, input.spec.daemonFrequencies, input.daemonFrequencies),
    ...sshOptions(role, sides[0]),
    datasetPairs: pairs,
  };
  return { runs: [{ action, srcHost, options }], skipped: [] };
}

/** Marks a source prune for the prune guard, which keeps each destination's incremental base. */
function withGuard(result: StageResult, guard: PruneGuardSpec): StageResult {
  return { ...result, runs: result.runs.map((r) => ({ ...r, guard })) };
}

type PerDstBuilder = (
  input: ExpandInput,
  srcHost: string,
  dstHost: string,
  pairs: { src: Side; dst: Side }[],
) => Partial<BzfsOptions> | string;

/** One run per destination host; `build` returns the run's options, or why there is no run. */
function perDst(
  input: ExpandInput,
  srcHost: string,
  dstHosts: readonly string[],
  action: Action,
  build: PerDstBuilder,
): StageResult {
  const result: StageResult = { runs: [], skipped: [] };
  const ssh = input.spec.ssh;
  for (const dstHost of dstHosts) {
    const all = input.spec.rootDatasetPairs.map((p) => ({
      src: resolveSide(srcHost, p.src, ssh?.src, input.local),
      dst: resolveSide(dstHost, dstDataset(input.spec, srcHost, dstHost, p.dst), ssh?.dst, input.local),
    }));
    const isMissing = (p: { dst: Side }): boolean =>
      p.dst.isLocal && input.missingLocalPools?.has(poolOf(datasetOf(p.dst))) === true;
    const missing = all.filter(isMissing);
    const present = all.filter((p) => !isMissing(p));
    if (missing.length > 0 && present.length > 0) {
      const left = missing.map((p) => p.dst.locator).join(', ');
      result.skipped.push({
        action,
        srcHost,
        dstHost,
        reason: `left out ${left}: ${missingPoolReason(missing)}`,
      });
    }
    const built = present.length === 0 ? missingPoolReason(missing) : build(input, srcHost, dstHost, present);
    if (typeof built === 'string') {
      result.skipped.push({ action, srcHost, dstHost, reason: built });
      continue;
    }
    const daemon = daemonFrequencyOption(action, input.spec.daemonFrequencies, input.daemonFrequencies);
    const options = { ...common(input), ...built, ...daemon } as BzfsOptions;
    result.runs.push({ action, srcHost, dstHost, options });
  }
  return result;
}

const replicate: PerDstBuilder = (input, _srcHost, dstHost, pairs) => {
  const plan = replicationPlanFor(input.spec, dstHost);
  if (typeof plan === 'string') return plan;
  return {
    ...plan,
    ...sshOptions('src', pairs[0]?.src),
    ...sshOptions('dst', pairs[0]?.dst),
    datasetPairs: pairs.map((p) => ({ src: p.src.locator, dst: p.dst.locator })),
  };
};

const pruneDst: PerDstBuilder = (input, _srcHost, dstHost, pairs) => ({
  skipReplication: true,
  deleteDstSnapshots: true,
  deleteDstSnapshotsExceptPlan: restrictPlan(
    input.spec.dstSnapshotPlan ?? {},
    retainedTargets(input.spec, dstHost),
    {
      dropZeroCounts: false,
    },
  ),
  ...sshOptions('dst', pairs[0]?.dst),
  datasetPairs: dedupe(pairs.map((p) => ({ src: DUMMY, dst: p.dst.locator }))),
});

/** Monitors what is both replicated to and kept on the host; anything else is expected to be absent. */
const monitorDst: PerDstBuilder = (input, _srcHost, dstHost, pairs) => {
  const retained = new Set(retainedTargets(input.spec, dstHost));
  const targets = (input.spec.dstHosts[dstHost]?.targets ?? []).filter((t) => retained.has(t));
  const monitorSnapshots = expandMonitorPlan(
    input.spec.monitorSnapshotPlan ?? {},
    input.spec.dstSnapshotPlan,
    'dst',
    targets,
  );
  if (isEmptyPlan(monitorSnapshots)) return `monitorSnapshotPlan has no entry for the targets of ${dstHost}`;
  return {
    skipReplication: true,
    monitorSnapshots,
    ...sshOptions('dst', pairs[0]?.dst),
    datasetPairs: dedupe(pairs.map((p) => ({ src: DUMMY, dst: p.dst.locator }))),
  };
};

function common(input: ExpandInput): Partial<BzfsOptions> {
  const logDir = input.logDir ?? input.spec.logDir;
  const extraArgs = [...(input.spec.bzfsOptions ?? []), ...(input.extraArgs ?? [])];
  return {
    ...(input.spec.recursive === true && { recursive: true }),
    ...(logDir !== undefined && { logDir }),
    ...(extraArgs.length > 0 && { extraArgs }),
  };
}

/** ssh options for bzfs's `role` side; all pairs of a run share one host, so the first side decides. */
function sshOptions(role: 'src' | 'dst', side: Side | undefined): Partial<BzfsOptions> {
  const s: SshSideSpec | undefined = side?.ssh;
  if (s === undefined) return {};
  const out: Record<string, string | number> = {};
  const prefix = role === 'src' ? 'sshSrc' : 'sshDst';
  if (s.user !== undefined) out[`${prefix}User`] = s.user;
  if (s.port !== undefined) out[`${prefix}Port`] = s.port;
  if (s.configFile !== undefined) out[`${prefix}ConfigFile`] = s.configFile;
  return out as Partial<BzfsOptions>;
}

function missingPoolReason(pairs: { dst: Side }[]): string {
  const pools = [...new Set(pairs.map((p) => poolOf(datasetOf(p.dst))))];
  return `local destination pool ${pools.join(', ')} is not imported (a removable drive that is not attached?)`;
}

function datasetOf(side: Side): string {
  return side.locator.slice(side.locator.indexOf(':') + 1);
}

function dedupe(pairs: DatasetPair[]): DatasetPair[] {
  const seen = new Set<string>();
  return pairs.filter((p) => {
    const k = `${p.src}\0${p.dst}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
