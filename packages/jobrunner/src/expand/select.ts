import type { JobSpec } from '../spec/types.js';

/** Host filters of one run (`--src-host`, `--dst-host`); an empty filter selects every host. */
export interface HostFilters {
  readonly srcHosts?: readonly string[];
  readonly dstHosts?: readonly string[];
}

/** Selected source hosts, in spec order. */
export function selectSrcHosts(spec: JobSpec, filters: HostFilters): string[] {
  return keep(spec.srcHosts, filters.srcHosts);
}

/** Selected destination hosts, in spec order. */
export function selectDstHosts(spec: JobSpec, filters: HostFilters): string[] {
  return keep(Object.keys(spec.dstHosts), filters.dstHosts);
}

function keep(all: readonly string[], filter: readonly string[] | undefined): string[] {
  if (filter === undefined || filter.length === 0) return [...all];
  const wanted = new Set(filter);
  return all.filter((h) => wanted.has(h));
}

/** Targets whose snapshots pruning keeps on `dstHost`. */
export function retainedTargets(spec: JobSpec, dstHost: string): readonly string[] {
  const dst = spec.dstHosts[dstHost];
  return dst?.retainTargets ?? dst?.targets ?? [];
}
