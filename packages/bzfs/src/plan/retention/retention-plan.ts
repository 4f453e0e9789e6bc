/**
 * Which destination snapshots (or bookmarks) --delete-dst-snapshots deletes, and why each one stays or goes.
 * Pure: decides from the listings, the filters' verdict and the options.
 *
 * The user's rules (the original bzfs's semantics):
 * - standard mode deletes the selected entries whose GUID is not on the source;
 * - except mode deletes what the filters do not keep; with a real source a kept entry survives only while the
 *   source still has its GUID (synchronisation, not archival);
 * - the source's GUIDs are those of its snapshots and bookmarks, or with --delete-dst-snapshots-no-crosscheck those
 *   of the pruned kind only; `dummy` has none.
 * Then the safety rules, which only ever keep more (see `applySafety`).
 */
import { compareByTxg, fullName } from '../../model/snapshot.js';
import { findLatestCommon } from '../replication-plan.js';
import type {
  PruneCandidate,
  RetentionDecision,
  RetentionInput,
  RetentionPlan,
  RetentionRule,
} from './types.js';

/** The option a warning tells the operator about; the CLI wires it to forceDeleteLatestCommonSnapshot. */
const FORCE_OPTION = '--force-delete-latest-common-snapshot';

interface RuleVerdict {
  readonly verdict: 'delete' | 'keep';
  readonly rule: RetentionRule;
}
const keep = (rule: RetentionRule): RuleVerdict => ({ verdict: 'keep', rule });
const del = (rule: RetentionRule): RuleVerdict => ({ verdict: 'delete', rule });

function sourceGuids(input: RetentionInput): ReadonlySet<string> {
  if (input.source.kind === 'dummy') return new Set();
  const { crosscheck } = input.options;
  return new Set(input.source.entries.filter((e) => crosscheck || e.kind === input.kind).map((e) => e.guid));
}

function byRules(selected: boolean, onSource: boolean, input: RetentionInput): RuleVerdict {
  const dummy = input.source.kind === 'dummy';
  if (!input.options.except) {
    if (!selected) return keep('not-selected');
    if (dummy) return del('selected');
    return onSource ? keep('on-source') : del('selected-not-on-source');
  }
  if (!selected) return del('not-kept-by-rules');
  if (dummy) return keep('kept-by-rules');
  return onSource ? keep('kept-and-on-source') : del('kept-but-not-on-source');
}

/**
 * The destination snapshot replication would use as its incremental base (same rule as replication), when
 * snapshots are pruned against a real source. Destination bookmarks are never a receive base, and `dummy`
 * has no source to have anything in common with.
 */
function latestCommonOf(
  input: RetentionInput,
  dstSnaps: readonly PruneCandidate[],
): PruneCandidate | undefined {
  if (input.kind !== 'snapshot' || input.source.kind === 'dummy') return undefined;
  const src = [...input.source.entries].sort(compareByTxg);
  const common = findLatestCommon(src, dstSnaps, input.options.useBookmarks);
  return common === undefined ? undefined : dstSnaps.find((s) => s.guid === common.guid);
}

/**
 * Safety rules (ours; each is at least as strict as the original):
 * 1. A held snapshot (userrefs > 0) is never deleted: `zfs destroy` would fail on it and abort the whole batch.
 *    The original drops it silently; it is listed here as skipped.
 * 2. The latest common snapshot is not deleted unless forceDeleteLatestCommonSnapshot says so: without it the next
 *    replication cannot send incrementally from there. The original deletes it whenever the rules say so (except
 *    mode with a real source, or --delete-dst-snapshots-no-crosscheck when the source has it only as a bookmark).
 */
function applySafety(
  c: PruneCandidate,
  v: RuleVerdict,
  latestCommon: PruneCandidate | undefined,
  force: boolean,
): RetentionDecision {
  if (v.verdict === 'keep') return { entry: c, ...v };
  if (c.kind === 'snapshot' && c.userrefs > 0) return { entry: c, ...v, verdict: 'skip', safety: 'held' };
  if (c === latestCommon) {
    return force
      ? { entry: c, ...v, safety: 'latest-common-snapshot-forced' }
      : { entry: c, verdict: 'skip', rule: v.rule, safety: 'latest-common-snapshot' };
  }
  return { entry: c, ...v };
}

function warningsOf(input: RetentionInput, decisions: readonly RetentionDecision[]): string[] {
  const out: string[] = [];
  for (const d of decisions) {
    const name = fullName(d.entry);
    if (d.safety === 'latest-common-snapshot') {
      out.push(
        `Keeping ${name} although the rules delete it (${d.rule}): it is the latest snapshot in common with the ` +
          `source, and without it the next replication cannot send incrementally from it; ${FORCE_OPTION} allows deleting it`,
      );
    }
    if (d.safety === 'latest-common-snapshot-forced') {
      const survivors = decisions.filter((x) => x.verdict !== 'delete').map((x) => x.entry);
      const next = latestCommonOf(input, survivors);
      const then =
        next === undefined
          ? 'no snapshot in common is left, so the next replication needs a full send'
          : `the next replication falls back to the older common snapshot ${fullName(next)}`;
      out.push(`Deleting ${name}, the latest snapshot in common with the source (${FORCE_OPTION}): ${then}`);
    }
  }
  return out;
}

/** The deletion plan of one destination dataset (see the module comment for the rules). */
export function planRetention(input: RetentionInput): RetentionPlan {
  const candidates = input.dst.filter((c) => c.kind === input.kind).sort(compareByTxg);
  const onSource = sourceGuids(input);
  const latestCommon = latestCommonOf(input, candidates);
  const force = input.options.forceDeleteLatestCommonSnapshot;
  const decisions = candidates.map((c) => {
    // The filters see bookmarks as snapshots when bookmarks are pruned (as in the original).
    const selected = input.isSelected(c.kind === 'snapshot' ? c : { ...c, kind: 'snapshot' });
    return applySafety(c, byRules(selected, onSource.has(c.guid), input), latestCommon, force);
  });
  return {
    kind: input.kind,
    decisions,
    toDelete: decisions.filter((d) => d.verdict === 'delete').map((d) => d.entry),
    warnings: warningsOf(input, decisions),
  };
}
