/**
 * The cross-destination prune guard's planner. Pure: from the source's listing and each destination's
 * listing it decides which source snapshots (or bookmarks) a prune-src run must keep, because some
 * destination of the spec would otherwise lose its incremental base and need a full send.
 *
 * Rule, per source dataset and destination: the latest common entry is the source snapshot or bookmark
 * with the highest createtxg whose GUID is among the destination dataset's snapshots (GUIDs decide, never
 * names). The run keeps the source entries of the kind it prunes that carry that GUID. A base that is
 * left only as a bookmark keeps no snapshot (an incremental send can start from the bookmark) but is
 * what a bookmark prune must keep. A destination dataset with nothing in common holds nothing back:
 * it needs a full send anyway.
 */
import type { SnapshotRef } from '@bzfs-ts/bzfs';

/** One source tree and the mapped tree on each destination host. */
export interface GuardTree {
  readonly srcRoot: string;
  /** Snapshots and bookmarks of the source tree. */
  readonly src: readonly SnapshotRef[];
  readonly dsts: readonly {
    readonly dstHost: string;
    readonly dstRoot: string;
    /** Snapshots of the destination tree (bookmarks are ignored: never a receive base). */
    readonly entries: readonly SnapshotRef[];
  }[];
}

export interface GuardInput {
  /** What the run prunes. */
  readonly kind: SnapshotRef['kind'];
  readonly trees: readonly GuardTree[];
}

/** A destination that holds an entry back. */
interface Holder {
  readonly dstHost: string;
  readonly dstDataset: string;
}

interface KeptEntry {
  readonly entry: SnapshotRef;
  readonly heldBy: readonly Holder[];
}

/** A destination dataset that holds nothing back, and why. */
interface GuardNote extends Holder {
  readonly srcDataset: string;
  /**
   * `base-is-bookmark`: a snapshot prune keeps nothing, the base is left only as a bookmark;
   * `base-has-no-bookmark`: a bookmark prune keeps nothing, the base is a snapshot without a bookmark.
   */
  readonly reason: 'nothing-in-common' | 'base-is-bookmark' | 'base-has-no-bookmark';
  /** The latest common entry, when there is one. */
  readonly base?: SnapshotRef;
}

export interface GuardPlan {
  /** Oldest first per dataset, datasets in name order. */
  readonly keep: readonly KeptEntry[];
  /** The distinct names of `keep`, sorted: what the run's keep-filter matches. */
  readonly names: readonly string[];
  readonly notes: readonly GuardNote[];
}

export function planGuard(input: GuardInput): GuardPlan {
  const keep = new Map<string, { entry: SnapshotRef; heldBy: Holder[] }>();
  const notes: GuardNote[] = [];
  for (const tree of input.trees) {
    const inTree = tree.src.filter(
      (e) => e.dataset === tree.srcRoot || e.dataset.startsWith(`${tree.srcRoot}/`),
    );
    for (const [srcDataset, srcEntries] of byDataset(inTree)) {
      const rel = srcDataset.slice(tree.srcRoot.length);
      for (const dst of tree.dsts) {
        const dstDataset = `${dst.dstRoot}${rel}`;
        const dstGuids = new Set(
          dst.entries.filter((e) => e.kind === 'snapshot' && e.dataset === dstDataset).map((e) => e.guid),
        );
        const holder = { dstHost: dst.dstHost, dstDataset };
        const base = latestCommon(srcEntries, dstGuids);
        if (base === undefined) {
          notes.push({ ...holder, srcDataset, reason: 'nothing-in-common' });
          continue;
        }
        const kept = srcEntries.filter((e) => e.guid === base.guid && e.kind === input.kind);
        if (kept.length === 0) {
          const reason = base.kind === 'bookmark' ? 'base-is-bookmark' : 'base-has-no-bookmark';
          notes.push({ ...holder, srcDataset, reason, base });
        }
        for (const e of kept) {
          const key = `${e.dataset}\0${e.kind}\0${e.name}`;
          const slot = keep.get(key) ?? { entry: e, heldBy: [] };
          slot.heldBy.push(holder);
          keep.set(key, slot);
        }
      }
    }
  }
  const kept = [...keep.values()].sort(
    (a, b) => cmp(a.entry.dataset, b.entry.dataset) || cmpTxg(a.entry.createtxg, b.entry.createtxg),
  );
  return { keep: kept, names: [...new Set(kept.map((k) => k.entry.name))].sort(cmp), notes };
}

/** The source entry with the highest createtxg among those whose GUID the destination has. */
function latestCommon(src: readonly SnapshotRef[], dstGuids: ReadonlySet<string>): SnapshotRef | undefined {
  let best: SnapshotRef | undefined;
  for (const e of src) {
    if (!dstGuids.has(e.guid)) continue;
    // A snapshot wins over a bookmark of the same txg: it is the base bzfs prefers.
    const better =
      best === undefined ||
      e.createtxg > best.createtxg ||
      (e.createtxg === best.createtxg && e.kind === 'snapshot' && best.kind === 'bookmark');
    if (better) best = e;
  }
  return best;
}

function byDataset(entries: readonly SnapshotRef[]): Map<string, SnapshotRef[]> {
  const out = new Map<string, SnapshotRef[]>();
  for (const e of entries) out.set(e.dataset, [...(out.get(e.dataset) ?? []), e]);
  return new Map([...out].sort(([a], [b]) => cmp(a, b)));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const cmpTxg = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
