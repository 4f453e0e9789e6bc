import { countOfCores, countOrPercentProblem } from '@bzfs-ts/bzfs';

/**
 * Resolves `--workers`/`workers`: a count, or `N%` of the CPU cores, by bzfs's rule for --threads
 * (so both count the same way). Default: 100%. A number comes from the spec, whose schema has
 * already required an integer >= 1.
 */
export function resolveWorkers(value: number | string | undefined, cpuCount: number): number {
  const v = value ?? '100%';
  if (typeof v === 'number') return Math.max(1, Math.round(v));
  const problem = countOrPercentProblem(v);
  if (problem !== undefined) throw new Error(`invalid workers value '${v}': ${problem}`);
  return countOfCores(v, cpuCount);
}
