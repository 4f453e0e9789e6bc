/**
 * A duration for operator messages, in the largest unit that keeps the number readable, with the
 * original's precision (three significant digits at most, trailing zeros dropped): `250ms`, `4.18h`,
 * `1.2d`, `730d`. Monitoring alerts print ages and limits this way, so they read as the original's.
 */
const STEPS: readonly [unit: string, next: number][] = [
  ['ms', 1000],
  ['s', 60],
  ['m', 60],
  ['h', 24],
  ['d', Infinity],
];

export function humanDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let t = Math.abs(ms);
  let i = 0;
  while (t >= STEPS[i]![1]) t /= STEPS[i++]![1];
  return `${sign}${readableNumber(t)}${STEPS[i]![0]}`;
}

/** Two decimals below 10, one below 100, none above; `1.50` → `1.5`, `2.00` → `2`. */
function readableNumber(n: number): string {
  if (n >= 100) return String(Math.round(n));
  const text = n.toFixed(n < 10 ? 2 : 1);
  return text.replace(/\.?0+$/, '');
}
