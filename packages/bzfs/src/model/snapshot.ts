/**
 * A snapshot or bookmark as read from `zfs list -t snapshot,bookmark -Hp -o name,guid,createtxg,creation`.
 * GUIDs and txgs are uint64 in ZFS and exceed Number's exact range: guid stays a decimal string,
 * createtxg is a bigint. Equality between two sides is decided by guid only, never by name.
 */
export interface SnapshotRef {
  readonly kind: 'snapshot' | 'bookmark';
  /** The dataset the snapshot belongs to, e.g. `tank/a`. */
  readonly dataset: string;
  /** The short name after `@` (snapshot) or `#` (bookmark). */
  readonly name: string;
  readonly guid: string;
  readonly createtxg: bigint;
  /** Creation time, unix seconds. */
  readonly creation: number;
}

export function fullName(s: Pick<SnapshotRef, 'kind' | 'dataset' | 'name'>): string {
  return `${s.dataset}${s.kind === 'snapshot' ? '@' : '#'}${s.name}`;
}

/** Oldest first by createtxg; a snapshot sorts after a bookmark of the same txg (it is preferred as base). */
export function compareByTxg(a: SnapshotRef, b: SnapshotRef): number {
  if (a.createtxg !== b.createtxg) return a.createtxg < b.createtxg ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'bookmark' ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
