import type { SnapshotRef } from '../model/snapshot.js';
import type { SendStep } from './types.js';

export interface IncrementalSendOptions {
  /** --no-stream: one `-i base latestSelected` step, skipping every intermediate snapshot. */
  readonly noStream: boolean;
}

type IncrementalStep = Extract<SendStep, { kind: 'incremental' }>;

function step(flag: '-i' | '-I', from: SnapshotRef, to: SnapshotRef): IncrementalStep {
  return { kind: 'incremental', flag, from, to };
}

/**
 * The fewest `zfs send -i/-I` steps that carry every selected snapshot after `base` and skip every excluded one.
 *
 * `later` holds the source snapshots strictly newer than `base`, oldest first (bookmarks in it are ignored: they are
 * never sent and do not interrupt a `-I` run, which only carries snapshots).
 *
 * - A run of consecutive selected snapshots right after the current base goes in one `-I base last` step
 *   (`-i` when the run holds a single snapshot).
 * - Excluded snapshots between the current base and the next selected one are jumped over with `-i base next`.
 * - A bookmark base only supports `-i` (openzfs#12415): the first step then carries exactly one snapshot.
 * - noStream: a single `-i base latestSelected`.
 *
 * Returns [] when nothing after `base` is selected.
 */
export function incrementalSendSteps(
  base: SnapshotRef,
  later: readonly SnapshotRef[],
  isSelected: (s: SnapshotRef) => boolean,
  opts: IncrementalSendOptions,
): SendStep[] {
  const snaps = later.filter((s) => s.kind === 'snapshot');
  const selected = snaps.map((s) => isSelected(s));
  if (opts.noStream) {
    const last = selected.lastIndexOf(true);
    const to = snaps[last];
    return to === undefined ? [] : [step('-i', base, to)];
  }

  const steps: SendStep[] = [];
  let from = base;
  let i = 0; // index of the first snapshot after `from`
  while (i < snaps.length) {
    let next = i;
    while (next < snaps.length && !selected[next]) next++;
    const nextSnap = snaps[next];
    if (nextSnap === undefined) break; // only excluded snapshots remain

    if (next > i || from.kind === 'bookmark') {
      // Jump over excluded snapshots (or leave a bookmark base): `-i` carries exactly one snapshot.
      steps.push(step('-i', from, nextSnap));
      from = nextSnap;
      i = next + 1;
      continue;
    }

    // A run of selected snapshots directly follows `from`.
    let end = next;
    while (end + 1 < snaps.length && selected[end + 1]) end++;
    const last = snaps[end] as SnapshotRef;
    steps.push(step(end === next ? '-i' : '-I', from, last));
    from = last;
    i = end + 1;
  }
  return steps;
}

/** The snapshots a send step carries onto the destination, oldest first (`later` as for incrementalSendSteps). */
export function snapshotsCarried(s: SendStep, later: readonly SnapshotRef[]): SnapshotRef[] {
  if (s.kind !== 'incremental' || s.flag === '-i') return [s.to];
  const snaps = later.filter((x) => x.kind === 'snapshot');
  const fromIdx = snaps.findIndex((x) => x.guid === s.from.guid);
  const toIdx = snaps.findIndex((x) => x.guid === s.to.guid);
  if (toIdx < 0) return [s.to];
  return snaps.slice(fromIdx + 1, toIdx + 1);
}
