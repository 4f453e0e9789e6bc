/**
 * How the snapshot listings of many datasets are split into `zfs list -t snapshot,bookmark -d 1 ... DS...` commands:
 * mini-batches small enough that the side's threads all get work early (a dataset is planned as soon as its batch
 * arrived), large enough that a remote side pays its ssh round trip for several datasets at once, and never longer
 * than the command line the hosts accept (plan/batch.ts).
 */
import { chunkByBytes, type BatchLimit } from './batch.js';

/** The original's ceiling on datasets per listing command. */
const MAX_DATASETS_PER_BATCH = 1024;

/**
 * The original's mini-batch rule: about 8 batches per thread, at least 4 datasets per command on a remote side
 * (its round trip costs more than the listing), at least 1 locally, at most 1024. With one thread there is nothing
 * to overlap: everything goes into as few commands as the limit allows.
 */
export function miniBatchSize(datasets: number, o: { threads: number; remote: boolean }): number {
  const perBatch = Math.floor(datasets / (o.threads > 1 ? o.threads * 8 : 1));
  return Math.min(MAX_DATASETS_PER_BATCH, Math.max(perBatch, o.remote ? 4 : 1));
}

/**
 * The datasets in order, split into listing commands: each holds at most {@link miniBatchSize} names and fits
 * `limit` (the bytes left after the command's fixed part); every name lands in exactly one batch.
 */
export function listingBatches(
  datasets: readonly string[],
  o: { threads: number; remote: boolean; limit: BatchLimit },
): string[][] {
  const maxItems = miniBatchSize(datasets.length, o);
  return chunkByBytes(datasets, (d) => d, { ...o.limit, maxItems });
}
