/**
 * Splitting a long list of arguments over as few commands as the operating system accepts, as `xargs -s` does:
 * `zfs destroy ds@a,b,c` (one comma-joined argument) or `zfs snapshot a@n b@n` (one argument each).
 * Pure: the limit is an input, computed by {@link batchLimit} from the OS names and the command's fixed part.
 */
import { BzfsError } from '../model/errors.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** ARG_MAX by `uname -s` of the host that runs the command; an OS missing here counts as 256 KiB. */
const ARG_MAX: Readonly<Record<string, number>> = { Linux: 2 * MiB, FreeBSD: 256 * KiB, Darwin: 1 * MiB };
const DEFAULT_ARG_MAX = 256 * KiB;
/** The environment shares ARG_MAX with the arguments; a few KiB is typical. */
const ENVIRONMENT_BYTES = 4 * KiB;
/**
 * Linux refuses a single argument of 32 pages or more (MAX_ARG_STRLEN, 128 KiB with its NUL): this caps a
 * comma-joined list, whatever ARG_MAX says.
 */
const MAX_SINGLE_ARGUMENT_BYTES = 128 * KiB - 1;

/** What a command line may hold on `os`: ARG_MAX less the environment and a safety margin (at least 4 KiB). */
export function maxCommandLineBytes(os: string | undefined): number {
  const argMax = (os === undefined ? undefined : ARG_MAX[os]) ?? DEFAULT_ARG_MAX;
  const margin = argMax >= MiB ? 68 * KiB : 8 * KiB;
  return Math.max(4 * KiB, argMax - ENVIRONMENT_BYTES - margin);
}

export interface BatchLimit {
  /** Bytes the items of one chunk may take, each counted with the separator before it. */
  readonly maxBytes: number;
  /** Between two items: `' '` when each item is its own argument, `','` when they form one argument. */
  readonly separator: string;
  /** At most this many items per chunk; unlimited when absent. */
  readonly maxItems?: number;
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * The limit for the items that follow `fixed`: everything else on the command line (the ssh argv with its
 * options, `sudo`, `zfs destroy -v`, and for a comma-joined list the `ds@` before it). Every host in `oses`
 * (local, and the remote one when there is ssh) must accept the line; `undefined` is an OS not detected.
 * Counted as the original bzfs counts: the fixed part joined by spaces comes off the smaller of the line
 * limit and, for a joined list, the single-argument limit (conservative: the ssh part is not in that argument).
 */
export function batchLimit(o: {
  readonly fixed: readonly string[];
  readonly oses: readonly (string | undefined)[];
  readonly separator: string;
}): BatchLimit {
  const hosts = o.oses.length === 0 ? [undefined] : o.oses;
  const line = Math.min(...hosts.map((os) => maxCommandLineBytes(os)));
  const cap = o.separator === ' ' ? line : Math.min(line, MAX_SINGLE_ARGUMENT_BYTES);
  return { maxBytes: cap - utf8Bytes(o.fixed.join(' ')), separator: o.separator };
}

/**
 * Splits `items` into the fewest ordered chunks whose bytes (see {@link BatchLimit}) stay within the limit, without
 * reordering or splitting an item. Greedy filling is optimal here: costs add up, so closing a chunk earlier never
 * lets a later one hold more. An item that alone exceeds the limit is refused rather than run alone: its command
 * would fail with E2BIG (locally, or as an obscure error on the remote side). No ZFS name is that long (at most 255
 * bytes), so it means the fixed part (e.g. the ssh options) leaves too little room.
 */
export function chunkByBytes<T>(items: readonly T[], text: (item: T) => string, limit: BatchLimit): T[][] {
  const sepBytes = utf8Bytes(limit.separator);
  const maxItems = limit.maxItems ?? Infinity;
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let used = 0;
  for (const item of items) {
    const cost = sepBytes + utf8Bytes(text(item));
    if (cost > limit.maxBytes) {
      throw new BzfsError(
        `Cannot fit ${JSON.stringify(text(item))} (${cost} bytes) on one command line: only ${limit.maxBytes} ` +
          `bytes are left after the command's fixed part; shorten the ssh/zfs program options`,
      );
    }
    if (chunk.length > 0 && (used + cost > limit.maxBytes || chunk.length >= maxItems)) {
      chunks.push(chunk);
      chunk = [];
      used = 0;
    }
    chunk.push(item);
    used += cost;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
