/**
 * Expansion: spec × actions × host filters → the concrete bzfs runs and their order. Pure: the caller
 * supplies what this machine is called, which local pools are missing and (with --jitter) the random
 * source that shuffles host order.
 *
 * Order: for each source host, the actions run as stages in `ACTIONS` order; every run of a stage waits
 * for all runs of the previous non-empty stage of the same source host, so a failure skips only the
 * later stages of that source host. Source hosts are independent of each other. For example, with
 * sources a, b and destinations x, y, `--replicate --prune-dst-snapshots` gives
 *   a/replicate/x, a/replicate/y  →  a/prune-dst-snapshots/x, a/prune-dst-snapshots/y
 *   b/replicate/x, b/replicate/y  →  b/prune-dst-snapshots/x, b/prune-dst-snapshots/y
 */
import { ACTIONS } from './actions.js';
import { selectDstHosts, selectSrcHosts } from './select.js';
import { shuffle } from './shuffle.js';
import { STAGES } from './stages.js';
import type { ExpandInput, Expansion, Invocation, SkippedRun } from './types.js';

export type { ExpandInput } from './types.js';

export function expand(input: ExpandInput): Expansion {
  const wanted = new Set(input.actions);
  let srcHosts = selectSrcHosts(input.spec, input.filters);
  let dstHosts = selectDstHosts(input.spec, input.filters);
  if (input.rng !== undefined) {
    srcHosts = shuffle(srcHosts, input.rng);
    dstHosts = shuffle(dstHosts, input.rng);
  }
  const invocations: Invocation[] = [];
  const skipped: SkippedRun[] = [];
  for (const srcHost of srcHosts) {
    let previous: string[] = [];
    for (const action of ACTIONS.filter((a) => wanted.has(a))) {
      const stage = STAGES[action](input, srcHost, dstHosts);
      skipped.push(...stage.skipped);
      if (stage.runs.length === 0) continue;
      const ids = stage.runs.map((d) =>
        [d.srcHost, d.action, ...(d.dstHost === undefined ? [] : [d.dstHost])].join('/'),
      );
      stage.runs.forEach((d, i) =>
        invocations.push({ ...d, seq: invocations.length, id: ids[i]!, after: previous }),
      );
      previous = ids;
    }
  }
  return { srcHosts, dstHosts, invocations, skipped };
}
