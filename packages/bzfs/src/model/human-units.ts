/**
 * Sizes and durations for operator messages, formatted as the original formats them (its
 * human_readable_bytes / human_readable_duration), so that log lines read the same: a number
 * with 3 significant digits at most, no trailing zeros (`1.5 KiB`, `24 KiB`, `13.6h`, `762d`).
 */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB', 'RiB', 'QiB'];

/** `0 B`, `24 KiB`, `13.6 GiB`, `-2 MiB`. */
export function humanBytes(n: number): string {
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${n < 0 ? '-' : ''}${humanFloat(v)} ${BYTE_UNITS[i]}`;
}

/** A duration given in seconds: `0s`, `45s`, `7.57d`, `-7d`, `13.6h`; below a second `ms`, `μs`, `ns`. */
export function humanDuration(seconds: number): string {
  const units = ['ns', 'μs', 'ms', 's', 'm', 'h', 'd'];
  let t = Math.abs(seconds);
  let i = 3;
  if (t < 1 && t !== 0) {
    t *= 1e9;
    i = 0;
  }
  while (t >= 1000 && i < 3) {
    t /= 1000;
    i++;
  }
  while (i >= 3 && i < 5 && t >= 60) {
    t /= 60;
    i++;
  }
  while (i === 5 && t >= 24) {
    t /= 24;
    i++;
  }
  return `${seconds < 0 ? '-' : ''}${humanFloat(t)}${units[i]}`;
}

/** 2 decimals below 10, 1 below 100, none above; trailing zeros dropped. `x` is 0 or at least 1. */
function humanFloat(x: number): string {
  const digits = x < 10 ? 2 : x < 100 ? 1 : 0;
  const s = toFixedHalfEven(x, digits);
  return digits === 0 ? s : s.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * `x.toFixed(digits)`, except that an exact tie goes to the even neighbour, as Python's formatting
 * and round() do (toFixed rounds a tie up). toFixed(60) is x's exact decimal expansion for x ≥ 1.
 */
function toFixedHalfEven(x: number, digits: number): string {
  const rounded = x.toFixed(digits);
  const exact = x.toFixed(60);
  const cut = exact.indexOf('.') + (digits === 0 ? 0 : 1 + digits);
  if (!/^\.?50*$/.test(exact.slice(cut))) return rounded;
  const truncated = exact.slice(0, cut);
  return Number(truncated.at(-1)) % 2 === 0 ? truncated : rounded;
}
