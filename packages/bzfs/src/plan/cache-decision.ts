/**
 * --cache-snapshots for replication, decided purely: may a dataset pair count as up-to-date without listing its
 * snapshots? Only when the cache remembers both sides' `snapshots_changed` from a run that found the pair in sync,
 * the live values (read with the dataset listings, one command per side) are the same, and both are mature.
 * `snapshots_changed` has 1-second resolution: a snapshot made later in the same second leaves it unchanged, so a
 * value is trusted only once that second is over (plus clock skew), as the original does. Any doubt is a miss.
 */

/** The original's maturity threshold: the property's 1 s resolution plus typical clock skew. */
export const MATURITY_MS = 1100;

/** What the cache remembers of a pair: both sides' snapshots_changed (unix seconds) when they were in sync. */
export interface CacheEntry {
  readonly src: number;
  readonly dst: number;
}

/** What the dataset listings say now; 0 is "no value" (`-`, or a zfs older than 2.2). */
export interface LiveValues {
  readonly src: number;
  /** undefined: the destination dataset does not exist. */
  readonly dst: number | undefined;
  /** The destination has a partial receive waiting (its listing showed a receive_resume_token). */
  readonly partialReceive: boolean;
}

type CacheVerdict = { readonly hit: true } | { readonly hit: false; readonly reason: string };

const isMature = (secs: number, atMs: number) => atMs > secs * 1000 + MATURITY_MS;

/** Hit or miss (with the reason, for the debug log) for one pair at `nowMs` (the injected clock). */
export function cacheVerdict(entry: CacheEntry | undefined, live: LiveValues, nowMs: number): CacheVerdict {
  const miss = (reason: string): CacheVerdict => ({ hit: false, reason });
  if (live.dst === undefined) return miss('the destination does not exist');
  if (live.src === 0 || live.dst === 0) return miss('zfs reports no snapshots_changed (OpenZFS < 2.2?)');
  if (live.partialReceive) return miss('the destination has a partial receive');
  if (entry === undefined) return miss('no cache entry');
  if (entry.src !== live.src) return miss('the source snapshots changed');
  if (entry.dst !== live.dst) return miss('the destination snapshots changed');
  if (!isMature(live.src, nowMs) || !isMature(live.dst, nowMs))
    return miss('snapshots_changed is too recent');
  return { hit: true };
}

/**
 * Whether a pair found in sync may be remembered with the values the dataset listings read: both values must be
 * known and mature when its snapshots were listed (`listedAtMs`, before the listing command ran), so no snapshot
 * of the same second can have escaped that listing. Otherwise a later run lists once more and remembers then.
 */
export function mayRemember(live: LiveValues, listedAtMs: number): boolean {
  return (
    live.dst !== undefined &&
    live.src !== 0 &&
    live.dst !== 0 &&
    !live.partialReceive &&
    isMature(live.src, listedAtMs) &&
    isMature(live.dst, listedAtMs)
  );
}
