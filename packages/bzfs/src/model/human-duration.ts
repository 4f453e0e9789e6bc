/**
 * A duration for operator messages, in the largest unit that keeps the number readable, with the
 * original's precision (three significant digits at most, trailing zeros dropped): `250ms`, `4.18h`,
 * `1.2d`, `730d`. Monitoring alerts print ages and limits this way, so they read as the original's.
 */
const UNITS = ['ms', 's', 'm', 'h', 'd'];
/** How many of each unit make the next one. */
const PER_NEXT = [1000, 60, 60, 24];

export function humanDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let t = Math.abs(ms);
  let i = 0;
  while (i < PER_NEXT.length && t >= PER_NEXT[i]!) t /= PER_NEXT[i++]!;
  return `${sign}${readableNumber(t)}${UNITS[i]}`;
}

/** Two decimals below 10, one below 100, none above; `1.50` → `1.5`, `2.00` → `2`. */
function readableNumber(n: number): string {
  if (n >= 100) return String(Math.round(n));
  const text = n.toFixed(n < 10 ? 2 : 1);
  return text.replace(/\.?0+$/, '');
}
