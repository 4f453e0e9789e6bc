import { messageOf } from '../model/errors.js';
import {
  explainedAs,
  explainNoSourceSnapshots,
  explainPlan,
  type DatasetExplanation,
} from '../plan/explain.js';
import { isForcedChange } from '../plan/forced.js';
import { planNoSourceSnapshots } from '../plan/no-source-snapshots.js';
import type { DatasetMapping, PairReplicationPlan } from '../plan/pair-replication.js';
import { childrenVerdict, type DatasetResult } from '../plan/skip-children.js';
import { forceInEffect, type TaskContext } from './context.js';
import { planFromLiveState } from './live-plan.js';
import type { ExplainedTask, PairListing } from './pair-task.js';

/**
 * --explain for the replicate task: plans every selected dataset against the live state, parents
 * first, exactly as a run would before its first change, and describes the plans. Runs only
 * read-only commands. Children a run would skip (plan/skip-children.ts) are shown as skipped.
 */
export async function explainReplication(
  plan: PairReplicationPlan,
  ctx: TaskContext,
  listing: PairListing,
): Promise<ExplainedTask> {
  const results = new Map<string, DatasetResult>();
  const datasets: DatasetExplanation[] = [];
  const wouldExist = new Set<string>();
  let failed = false;
  const sorted = [...plan.datasets].sort((a, b) => (a.src < b.src ? -1 : a.src > b.src ? 1 : 0));
  for (const m of sorted) {
    const parent = nearestAncestor(m.src, results);
    const verdict =
      parent === undefined ? 'go-on' : childrenVerdict(ctx.cfg.skipOnError, results.get(parent)!);
    const parentDst = plan.datasets.find((d) => d.src === parent)?.dst ?? '';
    // A run creates what --skip-missing-snapshots=continue asks for; the listing knows the rest.
    const skip =
      verdict === 'skip' ||
      (verdict === 'skip-if-dst-missing' &&
        !wouldExist.has(parentDst) &&
        !(await listing.dst.exists(parentDst)));
    if (skip) {
      results.set(m.src, { kind: 'skipped' });
      datasets.push(explainedAs(m, 'skipped:ancestor'));
      continue;
    }
    try {
      const { doc, result } = await explainDataset(ctx, m);
      results.set(m.src, result);
      if (doc.create) wouldExist.add(m.dst);
      datasets.push(doc);
    } catch (e) {
      failed = true;
      results.set(m.src, { kind: 'failed' });
      datasets.push(explainedAs(m, 'error', messageOf(e)));
    }
  }
  const ancestors = plan.ancestors;
  return {
    failed,
    doc: {
      createAncestors: ancestors.kind === 'create' ? ancestors.datasets : [],
      poolMissing: ancestors.kind === 'pool-missing' ? ancestors.pool : null,
      datasets,
    },
  };
}

async function explainDataset(
  ctx: TaskContext,
  m: DatasetMapping,
): Promise<{ doc: DatasetExplanation; result: DatasetResult }> {
  const live = await planFromLiveState(ctx, m.src, m.dst);
  if (live === 'src-vanished') {
    return { doc: explainedAs(m, 'src-vanished'), result: { kind: 'done', value: 'skipped-src-vanished' } };
  }
  const { plan } = live;
  const forceSpent = ctx.cfg.force.once && ctx.force.used;
  if (plan.kind === 'no-source-snapshots') {
    const mode = ctx.cfg.replication.skipMissingSnapshots;
    const p = planNoSourceSnapshots(mode, live.dst, forceInEffect(ctx).destroyAllIfNoCommon);
    if (p.kind === 'continue' && p.destroy.length > 0) ctx.force.used = true;
    const result: DatasetResult =
      p.kind === 'fail' || p.kind === 'conflict'
        ? { kind: 'failed' }
        : { kind: 'done', value: p.kind === 'continue' ? 'continued-no-snapshots' : 'skipped-no-snapshots' };
    return { doc: explainNoSourceSnapshots(m, p, mode), result };
  }
  // --force-once: the first forced change of the run spends the force, as executing it would.
  if (plan.kind !== 'conflict' && plan.preActions.some(isForcedChange)) ctx.force.used = true;
  const doc = explainPlan(m, plan, live.src, {
    createBookmarks: ctx.cfg.replication.createBookmarks,
    forceSpent,
  });
  const result: DatasetResult =
    plan.kind === 'conflict'
      ? { kind: 'failed' }
      : { kind: 'done', value: plan.kind === 'send' ? 'replicated' : 'up-to-date' };
  return { doc, result };
}

/** The result of the nearest selected ancestor of `ds` that has one. */
function nearestAncestor(ds: string, results: ReadonlyMap<string, DatasetResult>): string | undefined {
  for (let p = ds; p.includes('/');) {
    p = p.slice(0, p.lastIndexOf('/'));
    if (results.has(p)) return p;
  }
  return undefined;
}
