/**
 * What the prune guard of a prune-src run must list: the run's source trees and, for each, the mapped tree on
 * every destination host of the spec that receives from this source host. The spec's host filters are ignored
 * on purpose: a destination not replicated this time still needs its incremental base next time.
 */
import { dstDataset, resolveSide } from './locate.js';
import { replicationPlanFor } from './plans.js';
import type { ExpandInput, PruneGuardSpec } from './types.js';

export function pruneGuard(
  input: ExpandInput,
  srcHost: string,
  kind: PruneGuardSpec['kind'],
): PruneGuardSpec {
  const { spec, local } = input;
  const receivers = Object.keys(spec.dstHosts).filter((d) => typeof replicationPlanFor(spec, d) !== 'string');
  return {
    kind,
    recursive: spec.recursive === true,
    trees: spec.rootDatasetPairs.map((p) => ({
      src: resolveSide(srcHost, p.src, spec.ssh?.src, local),
      dsts: receivers.map((dstHost) => ({
        dstHost,
        side: resolveSide(dstHost, dstDataset(spec, srcHost, dstHost, p.dst), spec.ssh?.dst, local),
      })),
    })),
  };
}
