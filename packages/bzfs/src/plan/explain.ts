import type { CreateBookmarks, SkipMissingSnapshots } from '../config/types.js';
import { fullName, type SnapshotRef } from '../model/snapshot.js';
import { bookmarksToCreate } from './bookmarks.js';
import { describeConflict, describeNoSourceSnapshotsConflict } from './conflict-message.js';
import type { NoSourceSnapshotsPlan } from './no-source-snapshots.js';
import type { DatasetMapping } from './pair-replication.js';
import { datasetRule } from './rules.js';
import type { DatasetPlan, SendStep } from './types.js';

/**
 * The --explain document's entry for one dataset (schema/explain.schema.json, `$defs.dataset`).
 * Every field is always present (null or [] when it does not apply), so readers need no guessing.
 * Snapshot and bookmark names are full names (`pool/ds@snap`, `pool/ds#bookmark`).
 */
export interface DatasetExplanation {
  readonly src: string;
  readonly dst: string;
  /** The rule that decided (plan/rules.ts), e.g. `first-full`, `conflict:dst-has-newer`. */
  readonly rule: string;
  readonly latestCommon: string | null;
  /** Why the destination's partial receive state would be discarded (`zfs receive -A`). */
  readonly abortResume: string | null;
  readonly rollback: readonly { readonly to: string; readonly destroyNewer: boolean }[];
  /** Destination snapshots that would be destroyed. */
  readonly destroy: readonly string[];
  /** --force lets the first full receive overwrite a destination without snapshots that holds data. */
  readonly overwrite: boolean;
  /** The destination dataset itself would be created empty (--skip-missing-snapshots=continue). */
  readonly create: boolean;
  readonly send: readonly ExplainedStep[];
  /** Source bookmarks that would be created after the sends. */
  readonly bookmarks: readonly string[];
  readonly conflict: { readonly kind: string; readonly message: string } | null;
  /** Planning this dataset failed (e.g. a read failed); the message says why. */
  readonly error: string | null;
}

interface ExplainedStep {
  readonly kind: SendStep['kind'];
  readonly flag: '-i' | '-I' | null;
  readonly from: string | null;
  readonly to: string;
  readonly token: string | null;
}

const EMPTY = {
  latestCommon: null,
  abortResume: null,
  rollback: [],
  destroy: [],
  overwrite: false,
  create: false,
  send: [],
  bookmarks: [],
  conflict: null,
  error: null,
} as const;

/** A dataset decided without a plan of its own: `src-vanished`, `skipped:ancestor`, `error`. */
export function explainedAs(m: DatasetMapping, rule: string, error?: string): DatasetExplanation {
  return { src: m.src, dst: m.dst, rule, ...EMPTY, error: error ?? null };
}

/** A dataset's replication plan as --explain shows it. `src` is sorted with compareByTxg. */
export function explainPlan(
  m: DatasetMapping,
  plan: Exclude<DatasetPlan, { kind: 'no-source-snapshots' }>,
  src: readonly SnapshotRef[],
  o: { readonly createBookmarks: CreateBookmarks; readonly forceSpent: boolean },
): DatasetExplanation {
  const rule = datasetRule(plan);
  if (plan.kind === 'conflict') {
    const message = describeConflict(plan.conflict, m.src, m.dst, o.forceSpent);
    return { ...explainedAs(m, rule), conflict: { kind: plan.conflict.kind, message } };
  }
  const pre = plan.preActions;
  const steps = plan.kind === 'send' ? plan.steps : [];
  return {
    ...explainedAs(m, rule),
    latestCommon: plan.latestCommon === undefined ? null : fullName(plan.latestCommon),
    abortResume: pre.find((a) => a.kind === 'abort-resume')?.reason ?? null,
    rollback: pre.flatMap((a) =>
      a.kind === 'rollback' ? [{ to: fullName(a.to), destroyNewer: a.destroyNewer }] : [],
    ),
    destroy: pre.flatMap((a) => (a.kind === 'destroy-snapshots' ? a.snapshots.map(fullName) : [])),
    overwrite: pre.some((a) => a.kind === 'overwrite-contents'),
    send: steps.map(explainStep),
    bookmarks: bookmarksToCreate(steps, src, o.createBookmarks).map((s) =>
      fullName({ ...s, kind: 'bookmark' }),
    ),
  };
}

/** What --skip-missing-snapshots decided for a source dataset without selected snapshots. */
export function explainNoSourceSnapshots(
  m: DatasetMapping,
  p: NoSourceSnapshotsPlan,
  mode: SkipMissingSnapshots,
): DatasetExplanation {
  if (p.kind === 'conflict') {
    const message = describeNoSourceSnapshotsConflict(m.src, m.dst, p.dstSnapshots.length);
    return {
      ...explainedAs(m, 'conflict:src-has-no-snapshots'),
      conflict: { kind: 'src-has-no-snapshots', message },
    };
  }
  const base = explainedAs(m, `skip-missing-snapshots:${mode}`);
  if (p.kind !== 'continue') return base;
  return { ...base, destroy: p.destroy.map(fullName), create: p.createdIfNeeded };
}

function explainStep(s: SendStep): ExplainedStep {
  return {
    kind: s.kind,
    flag: s.kind === 'incremental' ? s.flag : null,
    from: s.kind === 'incremental' ? fullName(s.from) : null,
    to: fullName(s.to),
    token: s.kind === 'resume' ? s.token : null,
  };
}
