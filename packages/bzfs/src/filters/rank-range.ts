import { UsageError } from '../model/errors.js';
import { showValue } from '../model/validate.js';

/**
 * The RANKRANGEs of --include-snapshot-times-and-ranks, as the original reads them. A rank is
 * `[all except ]oldest|latest N[%]` (the spaces optional); a range is `rank..rank` of one kind.
 * Ranks count the snapshots that reach the filter, ordered by createtxg, oldest at position 0.
 * The forms without `..` stand for ranges:
 *   `latest N`             = `latest 0..latest N`
 *   `all except latest N`  = `latest N..latest 100%`
 *   `all except latest N%` = `oldest 0..oldest (100-N)%`   (likewise with oldest and latest swapped)
 * so `all except latest N%` rounds on its own: it is not always the complement of `latest N%`.
 */

/** A boundary: `latest 3` is 3 positions from the newest end, `oldest 10%` 10% from the oldest. */
export interface Rank {
  readonly from: 'oldest' | 'latest';
  readonly count: number;
  readonly percent: boolean;
}

/** The snapshots between two boundaries of the same kind, in either order. */
export interface RankRange {
  readonly lo: Rank;
  readonly hi: Rank;
}

interface ParsedRank extends Rank {
  readonly except: boolean;
}

function parseRank(text: string, whole: string, option: string): ParsedRank {
  const spec = text.trim();
  const m = /^(all\s*except\s*)?(oldest|latest)\s*([0-9]+)(%?)$/.exec(spec);
  if (!m) {
    throw new UsageError(
      `${option} ${showValue(whole)}: ${showValue(spec)} is not a rank ` +
        `(expected e.g. 'latest 7', 'oldest 10%', 'all except latest 7', 'latest 1..latest 100%')`,
    );
  }
  const rank = {
    except: m[1] !== undefined,
    from: m[2] as Rank['from'],
    count: Number(m[3]),
    percent: m[4] === '%',
  };
  if (rank.percent && rank.count > 100) {
    throw new UsageError(`${option} ${showValue(whole)}: a rank percentage must not exceed 100%`);
  }
  return rank;
}

const plain = ({ from, count, percent }: Rank): Rank => ({ from, count, percent });
const other = (from: Rank['from']): Rank['from'] => (from === 'latest' ? 'oldest' : 'latest');

export function parseRankRange(text: string, option: string): RankRange {
  const value = text.trim();
  const dots = value.indexOf('..');
  if (dots >= 0) {
    const lo = parseRank(value.slice(0, dots), text, option);
    const hi = parseRank(value.slice(dots + 2), text, option);
    if (lo.except || hi.except) {
      throw new UsageError(
        `${option} ${showValue(text)}: 'all except' cannot be part of a lo..hi rank range`,
      );
    }
    if (lo.from !== hi.from) {
      throw new UsageError(
        `${option} ${showValue(text)}: a rank range must not mix oldest and latest (it would be ambiguous)`,
      );
    }
    return { lo: plain(lo), hi: plain(hi) };
  }
  const rank = parseRank(value, text, option);
  if (!rank.except) return { lo: { from: rank.from, count: 0, percent: false }, hi: plain(rank) };
  if (rank.percent) {
    const from = other(rank.from);
    return { lo: { from, count: 0, percent: false }, hi: { from, count: 100 - rank.count, percent: true } };
  }
  return { lo: plain(rank), hi: { from: rank.from, count: 100, percent: true } };
}

/** Python's round(): to the nearest integer, halves to the even one; here of `num / 100`. */
function roundHalfEvenPercent(num: number): number {
  const q = Math.floor(num / 100);
  const r = num - q * 100;
  return r > 50 || (r === 50 && q % 2 === 1) ? q + 1 : q;
}

/** The positions `[lo, hi)` a range selects among `n` snapshots ordered oldest first. */
export function rankWindow(range: RankRange, n: number): readonly [number, number] {
  const index = ({ from, count, percent }: Rank): number => {
    const m = percent ? roundHalfEvenPercent(n * count) : Math.min(n, count);
    return from === 'oldest' ? m : n - m;
  };
  const [a, b] = [index(range.lo), index(range.hi)];
  return a <= b ? [a, b] : [b, a];
}
