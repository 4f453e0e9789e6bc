import { compareByTxg, fullName, type SnapshotRef } from '../model/snapshot.js';
import { incrementalSendSteps, snapshotsCarried } from './send-steps.js';
import { holdsData } from './destination-contents.js';
import type { DatasetPlan, PlanInput, PreAction, ResumeState, SendStep } from './types.js';

const isSnapshot = (s: SnapshotRef): boolean => s.kind === 'snapshot';

/**
 * The newest source entry (snapshot, or bookmark when `useBookmarks`) whose GUID is among the destination snapshots.
 * When a snapshot and a bookmark share that GUID the snapshot is returned. Names are never compared.
 * `src` must be sorted with compareByTxg; `dst` holds destination snapshots (bookmarks in it are ignored).
 */
export function findLatestCommon(
  src: readonly SnapshotRef[],
  dst: readonly SnapshotRef[],
  useBookmarks: boolean,
): SnapshotRef | undefined {
  const dstGuids = new Set(dst.filter(isSnapshot).map((s) => s.guid));
  if (dstGuids.size === 0) return undefined;
  for (let i = src.length - 1; i >= 0; i--) {
    const e = src[i] as SnapshotRef;
    if (e.kind === 'bookmark' && !useBookmarks) continue;
    if (!dstGuids.has(e.guid)) continue;
    if (e.kind === 'bookmark') return src.find((s) => s.kind === 'snapshot' && s.guid === e.guid) ?? e;
    return e;
  }
  return undefined;
}

/** Source snapshots strictly newer (by createtxg) than `base`, oldest first; `srcSnaps` sorted with compareByTxg. */
function newerThan(srcSnaps: readonly SnapshotRef[], base: SnapshotRef): SnapshotRef[] {
  return srcSnaps.filter((s) => s.createtxg > base.createtxg);
}

interface Ctx {
  readonly input: PlanInput;
  readonly srcSnaps: readonly SnapshotRef[];
  readonly selected: readonly SnapshotRef[];
}

/** Full send of the oldest selected snapshot, then increments; with noStream the newest selected one only. */
function fullSendSteps(ctx: Ctx): SendStep[] {
  const { selected, srcSnaps, input } = ctx;
  const { noStream } = input.options;
  if (noStream) return [{ kind: 'full', to: selected[selected.length - 1] as SnapshotRef }];
  const first = selected[0] as SnapshotRef;
  return [
    { kind: 'full', to: first },
    ...incrementalSendSteps(first, newerThan(srcSnaps, first), input.isSelected, { noStream }),
  ];
}

/** The plan as if the destination had no partial receive state. */
function planIgnoringResume(ctx: Ctx): DatasetPlan {
  const { input, srcSnaps, selected } = ctx;
  const { options } = input;
  const { force } = options;
  const dstSnaps = [...(input.dst ?? [])].filter(isSnapshot).sort(compareByTxg);
  if (dstSnaps.length === 0) {
    // A full receive with -F replaces what an existing destination holds: only --force may do that.
    const contents = input.dstContents;
    if (input.dst === undefined || (contents !== undefined && !holdsData(contents))) {
      return { kind: 'send', preActions: [], steps: fullSendSteps(ctx) };
    }
    if (!force.destroyAllIfNoCommon)
      return { kind: 'conflict', conflict: { kind: 'dst-has-data', contents } };
    return {
      kind: 'send',
      preActions: [{ kind: 'overwrite-contents', contents }],
      steps: fullSendSteps(ctx),
    };
  }

  const preActions: PreAction[] = [];
  if (force.rollbackToLatestSnapshot) {
    preActions.push({
      kind: 'rollback',
      to: dstSnaps[dstSnaps.length - 1] as SnapshotRef,
      destroyNewer: false,
    });
  }

  const src = [...input.src].sort(compareByTxg);
  const latestCommon = findLatestCommon(src, dstSnaps, options.useBookmarks);
  if (latestCommon === undefined) {
    if (!force.destroyAllIfNoCommon)
      return { kind: 'conflict', conflict: { kind: 'no-common', dstSnapshots: dstSnaps } };
    preActions.push({ kind: 'destroy-snapshots', snapshots: dstSnaps });
    return { kind: 'send', preActions, steps: fullSendSteps(ctx) };
  }

  const dstCommon = dstSnaps.find((s) => s.guid === latestCommon.guid) as SnapshotRef;
  const dstNewer = dstSnaps.filter((s) => s.createtxg > dstCommon.createtxg);
  if (dstNewer.length > 0) {
    if (!force.rollbackToLatestCommon) {
      return { kind: 'conflict', conflict: { kind: 'dst-has-newer', latestCommon, dstNewer } };
    }
    preActions.push({ kind: 'rollback', to: dstCommon, destroyNewer: true });
  }

  const latestSelected = selected[selected.length - 1] as SnapshotRef;
  if (latestSelected.createtxg <= latestCommon.createtxg) {
    return { kind: 'up-to-date', latestCommon, preActions };
  }
  const steps = incrementalSendSteps(latestCommon, newerThan(srcSnaps, latestCommon), input.isSelected, {
    noStream: options.noStream,
  });
  return { kind: 'send', latestCommon, preActions, steps };
}

/** The dataset part of a token's `toname` (`pool/src@s3` → `pool/src`). */
function datasetOf(name: string): string {
  const at = name.search(/[@#]/);
  return at < 0 ? name : name.slice(0, at);
}

/** Why the partial receive state cannot continue the plan, or undefined when it can. */
function resumeMismatch(
  plan: Extract<DatasetPlan, { kind: 'send' | 'up-to-date' }>,
  resume: ResumeState,
  ctx: Ctx,
): string | undefined {
  const srcDataset = (ctx.selected[0] as SnapshotRef).dataset;
  const tokenDataset = datasetOf(resume.toname);
  if (tokenDataset !== srcDataset) {
    return `resume token is stale: it continues a send of ${resume.toname}, not of source dataset ${srcDataset}`;
  }
  if (plan.kind === 'up-to-date') {
    return `resume token for ${resume.toname} is stale: destination is already up to date with ${plan.latestCommon ? fullName(plan.latestCommon) : 'its source'}`;
  }
  const tokenSnap = ctx.srcSnaps.find((s) => s.guid === resume.toguid);
  if (tokenSnap === undefined || !ctx.input.isSelected(tokenSnap)) {
    return `resume token is for ${resume.toname} (guid ${resume.toguid}), which is not a selected source snapshot`;
  }
  const first = plan.steps[0] as SendStep;
  const firstBase = first.kind === 'incremental' ? first.from : undefined;
  const firstCarried = snapshotsCarried(
    first,
    firstBase === undefined ? ctx.srcSnaps : newerThan(ctx.srcSnaps, firstBase),
  )[0];
  if (firstCarried?.guid !== tokenSnap.guid) {
    const next = firstCarried === undefined ? 'nothing' : fullName(firstCarried);
    return `resume token is for ${fullName(tokenSnap)}, but the next snapshot to send is ${next}`;
  }
  if (firstBase === undefined) {
    if (resume.fromguid !== undefined) {
      return `resume token is for an incremental stream from guid ${resume.fromguid}, but ${fullName(tokenSnap)} must be sent in full`;
    }
  } else if (resume.fromguid === undefined) {
    return `resume token is for a full stream of ${fullName(tokenSnap)}, but it must be sent incrementally from ${fullName(firstBase)}`;
  } else if (resume.fromguid !== firstBase.guid) {
    return `resume token is for an incremental stream from guid ${resume.fromguid}, but the base is ${fullName(firstBase)} (guid ${firstBase.guid})`;
  }
  return undefined;
}

/**
 * A source without selected snapshots. Bookmarks pass every snapshot filter, as in the original,
 * so one that is left (its snapshot pruned after it was replicated) still counts: with destination
 * snapshots there is simply nothing new to send. Without destination snapshots a bookmark is of no
 * use, and --skip-missing-snapshots decides.
 */
function withoutSelectedSnapshots(input: PlanInput): DatasetPlan {
  const dstSnaps = (input.dst ?? []).filter(isSnapshot);
  const bookmarks = input.src.filter((s) => s.kind === 'bookmark');
  if (!input.options.useBookmarks || bookmarks.length === 0 || dstSnaps.length === 0)
    return { kind: 'no-source-snapshots' };
  const latestCommon = findLatestCommon([...bookmarks].sort(compareByTxg), dstSnaps, true);
  return { kind: 'up-to-date', preActions: [], ...(latestCommon ? { latestCommon } : {}) };
}

/**
 * Plans the replication of one dataset: which destination changes must run first (preActions) and which
 * `zfs send` steps follow, or why nothing is sent (up to date, no source snapshots, conflict).
 * Pure: decides from the listings, the snapshot filter's verdict, the decoded resume token and the options.
 */
export function planDataset(input: PlanInput): DatasetPlan {
  const srcSnaps = input.src.filter(isSnapshot).sort(compareByTxg);
  const selected = srcSnaps.filter((s) => input.isSelected(s));
  if (selected.length === 0) return withoutSelectedSnapshots(input);
  const ctx: Ctx = { input, srcSnaps, selected };

  const plan = planIgnoringResume(ctx);
  const resume = input.resume;
  if (resume === undefined || plan.kind === 'conflict' || plan.kind === 'no-source-snapshots') return plan;

  const reason = resumeMismatch(plan, resume, ctx);
  if (reason !== undefined) {
    return { ...plan, preActions: [{ kind: 'abort-resume', reason }, ...plan.preActions] };
  }
  // resumeMismatch succeeded only for a 'send' plan whose first step carries the token's snapshot first.
  const send = plan as Extract<DatasetPlan, { kind: 'send' }>;
  const to = srcSnaps.find((s) => s.guid === resume.toguid) as SnapshotRef;
  const rest = incrementalSendSteps(to, newerThan(srcSnaps, to), input.isSelected, {
    noStream: input.options.noStream,
  });
  return { ...send, steps: [{ kind: 'resume', token: resume.token, to }, ...rest] };
}
