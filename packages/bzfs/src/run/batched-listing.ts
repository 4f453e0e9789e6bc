import pLimit from 'p-limit';
import type { SnapshotRef } from '../model/snapshot.js';
import { batchLimit } from '../plan/batch.js';
import { listingBatches } from '../plan/batch-listing.js';
import type { DatasetInfo, ZfsClient } from '../zfs/client.js';
import { zfsCmd } from '../zfs/commands.js';
import type { TaskContext } from './context.js';

/** What the pair's listings say about one dataset pair, read once for the first plan of it. */
export interface ListedPair {
  /** The source's snapshots and bookmarks; undefined when the source dataset vanished. */
  readonly src: readonly SnapshotRef[] | undefined;
  /** The destination's snapshots and bookmarks; undefined when it does not exist. */
  readonly dst: readonly SnapshotRef[] | undefined;
  /** The destination's receive_resume_token from the dataset listing (`-`: none); undefined: not listed. */
  readonly resumeToken?: string;
  /** The clock (wall ms) before the earlier of the two listing commands started: --cache-snapshots' maturity. */
  readonly listedAtMs: number;
}

interface Listed {
  readonly byDataset: Map<string, SnapshotRef[]>;
  readonly startedAtMs: number;
}

interface Pending {
  readonly src: Promise<Listed>;
  /** undefined: the destination did not exist when the pair was listed. */
  readonly dst: Promise<Listed> | undefined;
  readonly dstDs: string;
  readonly dstInfo: DatasetInfo | undefined;
}

/**
 * The snapshot listings of many datasets in mini-batched `zfs list` commands (plan/batch-listing.ts), source and
 * destination in parallel, at most `threads` commands per side at once. A dataset's listing is handed out once
 * ({@link take}): a retry or a re-plan lists that dataset alone again, so nothing acts twice on a stale listing.
 */
export class BatchedListings {
  private readonly pending = new Map<string, Pending>();

  /**
   * Starts listing `pairs` (in the order given: the tree's order, so parents' batches come first). `dstInfo` is what
   * the destination's dataset listing said of a dataset ('unknown' where it says nothing certain: that pair is not
   * batched and is listed alone when planned).
   */
  constructor(
    ctx: TaskContext,
    pairs: readonly { readonly src: string; readonly dst: string }[],
    dstInfo: (dstDs: string) => DatasetInfo | undefined | 'unknown',
  ) {
    const known = pairs.flatMap((p) => {
      const info = dstInfo(p.dst);
      return info === 'unknown' ? [] : [{ ...p, info }];
    });
    const srcLists = startBatches(
      ctx,
      ctx.src,
      known.map((p) => p.src),
    );
    const dstLists = startBatches(
      ctx,
      ctx.dst,
      known.filter((p) => p.info !== undefined).map((p) => p.dst),
    );
    for (const p of known) {
      this.pending.set(p.src, {
        src: srcLists.get(p.src)!,
        dst: p.info === undefined ? undefined : dstLists.get(p.dst),
        dstDs: p.dst,
        dstInfo: p.info,
      });
    }
  }

  /**
   * The dataset's listing, the first time it is asked for; undefined afterwards, and when its batch failed: then the
   * dataset is listed alone, so that a failure is the dataset's own (and retried as such).
   */
  async take(srcDs: string): Promise<ListedPair | undefined> {
    const p = this.pending.get(srcDs);
    if (p === undefined) return undefined;
    this.pending.delete(srcDs);
    try {
      const [src, dst] = await Promise.all([p.src, p.dst]);
      return {
        src: src.byDataset.get(srcDs),
        dst: dst?.byDataset.get(p.dstDs),
        ...(p.dstInfo?.resumeToken !== undefined && { resumeToken: p.dstInfo.resumeToken }),
        listedAtMs: Math.min(src.startedAtMs, dst?.startedAtMs ?? Infinity),
      };
    } catch {
      return undefined;
    }
  }
}

/** One promise per batch, shared by the datasets in it; by dataset. */
function startBatches(
  ctx: TaskContext,
  client: ZfsClient,
  datasets: readonly string[],
): Map<string, Promise<Listed>> {
  const out = new Map<string, Promise<Listed>>();
  if (datasets.length === 0) return out;
  const fixed = ctx.render({ stages: [client.command(zfsCmd.listSnapshots([]))] });
  const limit = batchLimit({ fixed: [fixed], oses: [undefined], separator: ' ' });
  const remote = client.side.place.ssh !== undefined;
  const run = pLimit(ctx.cfg.run.threads);
  for (const batch of listingBatches(datasets, { threads: ctx.cfg.run.threads, remote, limit })) {
    const p = run(async () => {
      const startedAtMs = ctx.clock.wallMs();
      return { byDataset: await client.listSnapshotsAndBookmarksOf(batch), startedAtMs };
    });
    // A failed batch fails the datasets that take it (each then retries alone); one nobody takes is no error.
    p.catch(() => undefined);
    for (const ds of batch) out.set(ds, p);
  }
  return out;
}
