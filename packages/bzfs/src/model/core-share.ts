// The one rule for "N or N% of the CPU cores" (bzfs --threads, bzfs-jobrunner --workers and the
// spec's `workers`), so that both programs turn the same text into the same count.

/**
 * A positive decimal integer, optionally followed by `%`; leading zeros are allowed (as the
 * original's float() allows them). The original also takes fractions such as `1.5` or `12.5%`;
 * this version keeps to integers, which is what its users write. A JSON-schema pattern too.
 */
export const COUNT_OR_PERCENT_PATTERN = '^0*[1-9][0-9]*%?$';
const COUNT_OR_PERCENT = new RegExp(COUNT_OR_PERCENT_PATTERN);

/** Why `text` is not a count or share of the cores (without the option name), or undefined if it is. */
export function countOrPercentProblem(text: string): string | undefined {
  if (COUNT_OR_PERCENT.test(text)) return undefined;
  return /^[0-9]+%?$/.test(text)
    ? 'expected at least 1'
    : 'expected a count like 4 or a percentage like 75% (of the CPU cores)';
}

/**
 * `N` → N; `N%` → N% of `cpus`, rounded half to even as the original's round() does (75% of 6 cores
 * is 4.5, so 4), and at least 1 (a share that rounds to 0 still runs one). Throws on text that
 * countOrPercentProblem refuses: callers check first, to report it with their option's name.
 */
export function countOfCores(text: string, cpus: number): number {
  const problem = countOrPercentProblem(text);
  if (problem !== undefined) throw new Error(`${JSON.stringify(text)}: ${problem}`);
  const n = Number(text.replace(/%$/, ''));
  return text.endsWith('%') ? Math.max(1, roundHalfEven((cpus * n) / 100)) : n;
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const rest = x - floor;
  if (rest !== 0.5) return rest < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
