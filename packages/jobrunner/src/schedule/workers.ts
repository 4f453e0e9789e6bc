/** Resolves `--workers`/`workers`: a count, or `N%` of the CPU cores (at least 1). Default: 100%. */
export function resolveWorkers(value: number | string | undefined, cpuCount: number): number {
  const v = value ?? '100%';
  if (typeof v === 'number') return Math.max(1, Math.round(v));
  const m = /^([1-9][0-9]*)(%?)$/.exec(v);
  if (m === null)
    throw new Error(`invalid workers value '${v}': expected a count like 4 or a percentage like 75%`);
  const n = Number(m[1]);
  return m[2] === '%' ? Math.max(1, Math.round((cpuCount * n) / 100)) : n;
}
