import { endpointLabel } from './endpoint-label.js';
import { cacheVerdict, mayRemember, type LiveValues } from '../plan/cache-decision.js';
import { messageOf } from '../model/errors.js';
import {
  pairCachePath,
  readPairCache,
  writePairCache,
  type StoredEntry,
} from '../infra/snapshot-cache-store.js';
import type { TaskContext } from './context.js';
import type { PairListing } from './pair-task.js';

/**
 * --cache-snapshots for one pair's replication: decides which dataset pairs are up-to-date without listing their
 * snapshots (plan/cache-decision.ts), learns which ones the run found in sync, and stores that at the end.
 */
export class ReplicationCache {
  private readonly entries: Map<string, StoredEntry>;
  private readonly path: string;
  private readonly srcChanged: ReadonlyMap<string, number>;
  private changed = false;
  hits = 0;
  misses = 0;

  constructor(
    private readonly ctx: TaskContext,
    private readonly listing: PairListing,
  ) {
    const { pair } = listing;
    this.path = pairCachePath(ctx.cfg.run.logDir, {
      job: ctx.cfg.lockKey,
      src: endpointLabel(pair.src),
      dst: endpointLabel(pair.dst),
    });
    const file = readPairCache(this.path);
    if (file.unreadable !== undefined) ctx.log.debug(`--cache-snapshots: ${this.path}: ${file.unreadable}`);
    this.entries = new Map(file.entries);
    this.srcChanged = new Map(listing.src.map((d) => [d.name, d.snapshotsChanged ?? 0]));
  }

  /** What the pair's dataset listings said of the two datasets. */
  private live(srcDs: string, dstDs: string): LiveValues {
    const dst = this.listing.dstListed?.get(dstDs);
    return {
      src: this.srcChanged.get(srcDs) ?? 0,
      dst: dst === undefined ? undefined : (dst.snapshotsChanged ?? 0),
      partialReceive: dst?.resumeToken !== undefined && dst.resumeToken !== '-',
    };
  }

  /** The source datasets whose pair is up-to-date by the cache; every verdict is logged at debug. */
  hitsOf(pairs: readonly { readonly src: string; readonly dst: string }[]): Set<string> {
    const hits = new Set<string>();
    for (const { src, dst } of pairs) {
      const stored = this.entries.get(src);
      const entry = stored?.dstDataset === dst ? stored : undefined;
      const v =
        // A snapshot the create task made in this run came after the dataset listing: its value is stale.
        this.ctx.cfg.create !== undefined
          ? { hit: false as const, reason: 'this run creates source snapshots first' }
          : cacheVerdict(entry, this.live(src, dst), this.ctx.clock.wallMs());
      if (v.hit) {
        hits.add(src);
        this.hits++;
        this.ctx.log.debug(`--cache-snapshots: hit: ${src} → ${dst} is unchanged since it was in sync`);
      } else {
        // The entry stays: a miss for maturity says nothing against it, and a stale one can never hit again.
        this.misses++;
        this.ctx.log.debug(`--cache-snapshots: miss: ${src} → ${dst}: ${v.reason}`);
      }
    }
    return hits;
  }

  /** Replication found the pair in sync on listings made at `listedAtMs` or later: remember it if that is safe. */
  inSync(srcDs: string, dstDs: string, listedAtMs: number): void {
    const live = this.live(srcDs, dstDs);
    if (!mayRemember(live, listedAtMs) || live.dst === undefined) return;
    this.entries.set(srcDs, { dstDataset: dstDs, src: live.src, dst: live.dst });
    this.changed = true;
  }

  /** Stores what changed (not under --dryrun, as the original); a failure only costs listings later. */
  save(): void {
    this.ctx.log.info(`--cache-snapshots: ${this.hits} cache hit(s), ${this.misses} miss(es)`);
    if (!this.changed || this.ctx.cfg.run.dryrun !== undefined) return;
    try {
      writePairCache(this.path, this.entries);
    } catch (e) {
      this.ctx.log.warn(`--cache-snapshots: cannot write ${this.path}: ${messageOf(e)}`);
    }
  }
}
