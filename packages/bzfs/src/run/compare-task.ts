import { isDummy } from '../model/dummy.js';
import { BzfsError } from '../model/errors.js';
import { planComparison } from '../plan/compare/compare-plan.js';
import { explainComparison } from '../plan/compare/explain.js';
import { summaryLines } from '../plan/compare/summary.js';
import { datasetsTsv, snapshotsTsv, tsvFileNames } from '../plan/compare/tsv.js';
import type { CompareEntry, CompareLocation, DatasetComparison } from '../plan/compare/types.js';
import { selectedSourceDatasets } from '../plan/pair-replication.js';
import type { ZfsClient } from '../zfs/client.js';
import type { TaskContext } from './context.js';
import { endpointLabel } from './endpoint-label.js';
import { registerTask } from './pair-task.js';
import { withRetries } from './retry.js';

/** What the compare task takes from the pair's listing; the destination is listed again (earlier steps change it). */
interface CompareTaskPlan {
  readonly srcRoot: string;
  readonly dstRoot: string;
  /** The selected source datasets; none with `dummy`. */
  readonly srcDatasets: readonly string[];
  readonly locations: readonly CompareLocation[];
}

/**
 * The compare task (--compare-snapshot-lists), after the steps that change the destination: one
 * snapshot listing per side, compared by the pure planner (plan/compare/); the TSV files go beside
 * the run's log file and the summary of every dataset to the log.
 */
export const compareTask = registerTask<CompareTaskPlan>({
  name: 'compare',
  enabled: (cfg) => cfg.compare !== undefined,
  plan: (cfg, listing) => {
    const srcRoot = listing.pair.src.dataset;
    const names = listing.src.map((d) => d.name);
    return {
      srcRoot,
      dstRoot: listing.pair.dst.dataset,
      srcDatasets: isDummy(srcRoot) ? [] : selectedSourceDatasets(srcRoot, names, cfg.selection),
      locations: cfg.compare?.locations ?? [],
    };
  },
  execute: async (plan, ctx, listing) => {
    const task = `${endpointLabel(listing.pair.src)} vs. ${endpointLabel(listing.pair.dst)}`;
    const r = ctx.cfg.selection.recursive ? '-r ' : '';
    ctx.log.info(
      `--compare-snapshot-lists: ${endpointLabel(listing.pair.src)} ${r}--> ${endpointLabel(listing.pair.dst)} ...`,
    );
    const datasets = await compareLive(plan, ctx);
    const opts = { task, locations: new Set(plan.locations), nowSecs: Math.floor(ctx.nowMs / 1000) };
    for (const d of datasets) for (const line of summaryLines(d, opts)) ctx.log.info(line);
    const names = tsvFileNames(plan.srcRoot, plan.dstRoot);
    const tsv = ctx.reports.write(names.snapshots, snapshotsTsv(datasets));
    const rel = ctx.reports.write(names.datasets, datasetsTsv(datasets));
    ctx.log.info(`Final TSV output file comparing ${task} is: ${tsv}`);
    ctx.log.info(`TSV file of the datasets compared (and the side each is on): ${rel}`);
    return { failures: [] };
  },
  explain: async (plan, ctx) => ({
    doc: explainComparison(await compareLive(plan, ctx), plan.locations),
    failed: false,
  }),
});

/** Lists both sides (retried as a whole on transient failures) and compares them. */
async function compareLive(plan: CompareTaskPlan, ctx: TaskContext): Promise<DatasetComparison[]> {
  const { cfg } = ctx;
  if (isDummy(plan.dstRoot))
    throw new BzfsError(
      '--compare-snapshot-lists: the destination is `dummy`, which has no snapshots to compare with; ' +
        'name a real destination dataset',
    );
  const recursive = cfg.selection.recursive;
  const useBookmarks = cfg.replication.useBookmarks;
  const list = (side: ZfsClient, root: string, datasets: readonly string[], bookmarks: boolean) =>
    datasets.length === 0
      ? Promise.resolve<CompareEntry[]>([])
      : side.listCompareEntries(root, { recursive, bookmarks });
  return withRetries(
    cfg.run.retry,
    ctx.log,
    `the snapshot listings of ${plan.srcRoot} vs. ${plan.dstRoot}`,
    async () => {
      const dstTree = (await ctx.dst.listDatasets(plan.dstRoot, recursive)).map((d) => d.name);
      const dstDatasets = selectedSourceDatasets(plan.dstRoot, dstTree, cfg.selection);
      const [src, dst] = await Promise.all([
        list(ctx.src, plan.srcRoot, plan.srcDatasets, useBookmarks),
        list(ctx.dst, plan.dstRoot, dstDatasets, false),
      ]);
      return planComparison({
        ...plan,
        locations: new Set(plan.locations),
        dstDatasets,
        src,
        dst,
        groups: cfg.selection.snapshotFilters,
        nowMs: ctx.nowMs,
        useBookmarks,
      });
    },
    ctx.signal,
  );
}
