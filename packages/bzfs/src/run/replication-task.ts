import { isDummy } from '../model/dummy.js';
import { BzfsError, messageOf, UsageError } from '../model/errors.js';
import { planPairReplication, type PairReplicationPlan } from '../plan/pair-replication.js';
import { childrenVerdict } from '../plan/skip-children.js';
import { zfsCmd } from '../zfs/commands.js';
import { mutate, type TaskContext } from './context.js';
import { explainReplication } from './explain-replication.js';
import { registerTask, type PairListing, type TaskOutcome } from './pair-task.js';
import { endpointLabel } from './endpoint-label.js';
import { replicateDataset } from './replicate-dataset.js';
import { withRetries } from './retry.js';
import { runTree } from './tree.js';
import { BatchedListings, type ListedPair } from './batched-listing.js';
import { ReplicationCache } from './replication-cache.js';
import type { DatasetOutcome } from '../plan/skip-children.js';
import type { DatasetInfo } from '../zfs/client.js';

/** The replicate task: every selected dataset of the pair, parents first, each converged to its source. */
export const replicationTask = registerTask<PairReplicationPlan>({
  name: 'replicate',
  enabled: (cfg) => !cfg.replication.skip,
  plan: (cfg, listing) =>
    planPairReplication({
      srcRoot: listing.pair.src.dataset,
      dstRoot: listing.pair.dst.dataset,
      srcDatasets: listing.src.map((d) => d.name),
      selection: cfg.selection,
      // The planner asks only about names the listing covers (the destination root's tree and ancestors).
      dstExists: (ds) => listing.dst.knownNow(ds) ?? false,
    }),
  execute: executeReplication,
  explain: explainReplication,
});

async function executeReplication(
  plan: PairReplicationPlan,
  ctx: TaskContext,
  listing: PairListing,
): Promise<TaskOutcome> {
  const { cfg, log } = ctx;
  const { pair } = listing;
  if (isDummy(pair.src.dataset)) {
    throw new UsageError(
      'The source is `dummy`, which has no snapshots to replicate: add --skip-replication (e.g. to prune with --delete-dst-snapshots)',
    );
  }
  if (isDummy(pair.dst.dataset)) {
    throw new BzfsError(
      'Replication: the destination may be dummy only for a run that just creates snapshots on the source; ' +
        'add --skip-replication (e.g. bzfs SRC dummy --skip-replication --create-src-snapshots ...)',
    );
  }
  if (plan.ancestors.kind === 'pool-missing') {
    throw new BzfsError(
      `Destination pool ${plan.ancestors.pool} does not exist on ${ctx.dst.side.place.ssh?.host ?? 'this host'}`,
    );
  }
  // Parents first, each `zfs create -u` (never mounted); receives create the rest.
  for (const ds of plan.ancestors.datasets) {
    if (await mutate(ctx, ctx.dst, zfsCmd.createUnmounted(ds))) listing.dst.created(ds);
    else ctx.simulated.add(ds);
  }
  const dstOf = new Map(plan.datasets.map((d) => [d.src, d.dst]));
  const dst = (n: string) => dstOf.get(n)!;
  const started = ctx.clock.now();
  const cache = cfg.cache.snapshots ? new ReplicationCache(ctx, listing) : undefined;
  const cached = cache?.hitsOf(plan.datasets) ?? new Set<string>();
  // The rest is listed in mini-batches, both sides at once; a dataset plans as soon as its batches are in.
  const batched = new BatchedListings(
    ctx,
    plan.datasets.filter((d) => !cached.has(d.src)),
    (ds) => dstAsListed(listing, ds),
  );
  const inSync = (n: string) => (l: ListedPair) => cache?.inSync(n, dst(n), l.listedAtMs);
  // Each dataset's time, retries included: the report's durationSeconds.
  const took = new Map<string, number>();
  const results = await runTree(
    plan.datasets.map((d) => d.src),
    cfg.run.threads,
    cfg.skipOnError,
    async (n) => {
      const t0 = ctx.clock.now();
      try {
        if (cached.has(n)) return alreadyUpToDate(ctx, dst(n));
        return await withRetries(
          cfg.run.retry,
          log,
          `replication of ${n}`,
          () => {
            // The batched listing serves the first attempt only; a retry lists the dataset fresh.
            const listed = batched.take(n);
            return replicateDataset(ctx, n, dst(n), listing.dst, { listed, inSync: inSync(n) });
          },
          ctx.signal,
        );
      } finally {
        took.set(n, ctx.clock.now() - t0);
      }
    },
    async (n, r) => {
      const v = childrenVerdict(cfg.skipOnError, r);
      return v === 'skip' || (v === 'skip-if-dst-missing' && !(await listing.dst.exists(dst(n))));
    },
  );
  cache?.save();
  const failures: unknown[] = [];
  for (const [n, r] of results) {
    ctx.recorder.replicated(n, dst(n), { ok: r.kind === 'done', durationMs: took.get(n) ?? 0 });
    if (r.kind === 'failed') {
      failures.push(r.error);
      log.error(`Failed to replicate ${n}: ${messageOf(r.error)}`);
    } else if (r.kind === 'skipped') log.warn(`Skipped ${n} (an ancestor failed or was skipped)`);
  }
  log.info(
    `Replication done: ${endpointLabel(pair.src)} → ${endpointLabel(pair.dst)}: ${ctx.stats.datasetsReplicated} of ${plan.datasets.length} dataset(s) ` +
      `received ${ctx.stats.stepsSent} send step(s); ${failures.length} failed; took ${((ctx.clock.now() - started) / 1000).toFixed(1)}s`,
  );
  return { failures };
}

/** A cache hit: nothing listed, nothing to do. */
function alreadyUpToDate(ctx: TaskContext, dstDs: string): DatasetOutcome {
  ctx.log.info(`Already up-to-date [cached]: ${dstDs}`);
  return 'up-to-date';
}

/** What the destination listing says of a dataset that still holds now; 'unknown' where this run changed that. */
function dstAsListed(listing: PairListing, ds: string): DatasetInfo | undefined | 'unknown' {
  const exists = listing.dst.knownNow(ds);
  if (exists === false) return undefined;
  const info = listing.dstListed?.get(ds);
  return exists === true && info !== undefined ? info : 'unknown';
}
