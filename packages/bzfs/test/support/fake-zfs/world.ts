/**
 * The state of the fake ZFS: datasets per host, their snapshots and bookmarks, partial receive
 * state, and the setup and inspection helpers tests use. No command is interpreted here.
 */
import { LOCAL, type Place } from '../../../src/exec/runner.js';
import { byTxg, missing } from './results.js';

/**
 * What a dataset holds, as far as zfs's rules look at it: a version that changes on every write
 * (an incremental receive needs the destination unchanged since its base) and `logicalreferenced`.
 */
export interface Data {
  readonly version: number;
  readonly logicalReferenced?: number;
}

export interface Entry {
  readonly kind: 'snapshot' | 'bookmark';
  readonly name: string;
  readonly guid: string;
  readonly createtxg: bigint;
  readonly creation: number;
  /** What the dataset held when the snapshot was taken (a bookmark keeps its snapshot's). */
  readonly data: Data;
  /** User holds (`zfs hold`) on a snapshot; a held snapshot cannot be destroyed. */
  readonly userrefs?: number;
}

/** The entry as a copy elsewhere (a received snapshot, a bookmark): same GUID and data, no holds. */
export function copyOf(e: Entry, o: Partial<Entry>): Entry {
  const { userrefs: _holds, ...rest } = e;
  return { ...rest, ...o };
}

export interface FakeDataset {
  readonly type: 'filesystem' | 'volume';
  entries: Entry[];
  data: Data;
  resumeToken?: string;
  /** Created by an interrupted full receive: `zfs receive -A` removes it again. */
  partialOnly?: boolean;
}

export interface TokenInfo {
  readonly toname: string;
  readonly toguid: string;
  readonly fromguid?: string;
}

/** About what OpenZFS reports as `logicalreferenced` of a freshly created, empty dataset. */
const EMPTY_LOGICAL_REFERENCED = { filesystem: 43_008, volume: 6_144 } as const;

export const logicalReferenced = (d: FakeDataset): number =>
  d.data.logicalReferenced ?? EMPTY_LOGICAL_REFERENCED[d.type];

function placeKey(place: Place): string {
  const s = place.ssh;
  return s === undefined ? 'local' : `${s.user ?? ''}@${s.host}:${s.port ?? ''}`;
}

const MASK64 = 0xffffffffffffffffn;

export class FakeWorld {
  private readonly hosts = new Map<string, Map<string, FakeDataset>>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly uids = new Map<string, string>();
  private readonly shells = new Map<string, string>();
  private txg = 100n;
  /**
   * The clock of `zfs snapshot` (unix seconds) for tests that plan against a fixed clock; unset, a
   * snapshot's creation follows its txg as for setup snapshots.
   */
  clockSecs?: number;
  private guidSeq = 0n;
  /** What `snapshots_changed` last saw of each dataset: its snapshots' GUIDs and the time it took as the change. */
  private readonly changes = new Map<string, { seen: string; secs: number }>();
  /** false: the fake plays a zfs older than 2.2, which has no `snapshots_changed` (`-`). */
  hasSnapshotsChanged = true;
  private tokenSeq = 0;
  private dataSeq = 0;

  // ---- for the command interpreters ----

  datasets(place: Place): Map<string, FakeDataset> {
    const k = placeKey(place);
    let h = this.hosts.get(k);
    if (h === undefined) this.hosts.set(k, (h = new Map()));
    return h;
  }

  dataset(place: Place, name: string): FakeDataset | undefined {
    return this.datasets(place).get(name);
  }

  /** The dataset, or zfs's "dataset does not exist" failure. */
  need(place: Place, name: string, exitCode?: number): FakeDataset {
    const d = this.dataset(place, name);
    if (d === undefined) throw missing(name, exitCode);
    return d;
  }

  createDataset(place: Place, name: string, o: Partial<FakeDataset> = {}): FakeDataset {
    const d: FakeDataset = { type: 'filesystem', entries: [], data: this.newData(), ...o };
    this.datasets(place).set(name, d);
    return d;
  }

  /**
   * `snapshots_changed` of a dataset (unix seconds, `-` when unknown): the fake notices a change of the dataset's
   * snapshots when asked and dates it at the clock (clockSecs, else the current txg's time), so the value moves
   * whenever a snapshot was created or destroyed since the previous question, as zfs's does.
   */
  snapshotsChanged(place: Place, name: string): string {
    const d = this.dataset(place, name);
    if (d === undefined || !this.hasSnapshotsChanged) return '-';
    const snaps = d.entries.filter((e) => e.kind === 'snapshot');
    if (snaps.length === 0 && !this.changes.has(`${placeKey(place)} ${name}`)) return '-';
    const seen = snaps
      .map((e) => e.guid)
      .sort()
      .join(',');
    const key = `${placeKey(place)} ${name}`;
    const last = this.changes.get(key);
    // A change takes a txg of its own: dated after every earlier change (unless clockSecs holds the time still).
    if (last?.seen !== seen) this.changes.set(key, { seen, secs: this.creationAt(this.nextTxg()) });
    return String(this.changes.get(key)!.secs);
  }

  creationAt(createtxg: bigint): number {
    return this.clockSecs ?? 1_700_000_000 + Number(createtxg);
  }

  nextTxg(): bigint {
    this.txg += 10n;
    return this.txg;
  }

  newData(logicalReferenced?: number): Data {
    return { version: ++this.dataSeq, ...(logicalReferenced === undefined ? {} : { logicalReferenced }) };
  }

  tokenInfo(token: string): TokenInfo | undefined {
    return this.tokens.get(token);
  }

  newToken(info: TokenInfo): string {
    const token = `1-${(++this.tokenSeq).toString(16)}-c8-789c${'ab'.repeat(8)}`;
    this.tokens.set(token, info);
    return token;
  }

  uid(place: Place): string {
    return this.uids.get(placeKey(place)) ?? '0';
  }

  /** The login shell on that host (SHELL; default /bin/sh). */
  shell(place: Place): string {
    return this.shells.get(placeKey(place)) ?? '/bin/sh';
  }

  // ---- world setup ----

  /** Creates datasets (no parent check: tests set up whole trees). */
  addDatasets(place: Place, ...names: string[]): this {
    for (const n of names) if (!this.dataset(place, n)) this.createDataset(place, n);
    return this;
  }

  removeDataset(place: Place, name: string): void {
    this.datasets(place).delete(name);
  }

  nextGuid(): string {
    this.guidSeq += 1n;
    // Bijective on uint64 and mostly above 2^53, like real GUIDs.
    return ((0x8000000000000000n + this.guidSeq * 0x9e3779b97f4a7c15n) & MASK64).toString();
  }

  /** Takes snapshots (new GUID, increasing createtxg), creating the dataset if needed. */
  snapshot(place: Place, dataset: string, ...names: string[]): this {
    this.addDatasets(place, dataset);
    const d = this.dataset(place, dataset)!;
    for (const name of names) {
      const createtxg = this.nextTxg();
      const creation = this.creationAt(createtxg);
      d.entries.push({ kind: 'snapshot', name, guid: this.nextGuid(), createtxg, creation, data: d.data });
    }
    return this;
  }

  /** Copies source snapshots (same GUID) onto another dataset, as an earlier replication would have. */
  copySnapshots(
    from: { place: Place; dataset: string },
    to: { place: Place; dataset: string },
    ...names: string[]
  ) {
    this.addDatasets(to.place, to.dataset);
    const src = this.dataset(from.place, from.dataset)!;
    const dst = this.dataset(to.place, to.dataset)!;
    for (const name of names) {
      const e = src.entries.find((x) => x.kind === 'snapshot' && x.name === name);
      if (e === undefined) throw new Error(`fake: no snapshot ${from.dataset}@${name}`);
      dst.entries.push(copyOf(e, { createtxg: this.nextTxg() }));
      dst.data = e.data;
    }
    return this;
  }

  /** Gives a dataset partial receive state; returns its token. */
  setResumeState(place: Place, dataset: string, info: TokenInfo): string {
    const token = this.newToken(info);
    this.addDatasets(place, dataset);
    this.dataset(place, dataset)!.resumeToken = token;
    return token;
  }

  /** Gives an existing dataset contents of that many logical bytes (files written into it). */
  setLogicalReferenced(place: Place, dataset: string, bytes: number): this {
    this.dataset(place, dataset)!.data = this.newData(bytes);
    return this;
  }

  /** Writes that many bytes of new files into an existing dataset. */
  write(place: Place, dataset: string, bytes: number): this {
    const d = this.dataset(place, dataset)!;
    d.data = this.newData(logicalReferenced(d) + bytes);
    return this;
  }

  /** Bookmarks snapshots of a dataset under their own names (`zfs bookmark ds@s ds#s`). */
  bookmark(place: Place, dataset: string, ...names: string[]): this {
    const d = this.dataset(place, dataset)!;
    for (const name of names) {
      const e = d.entries.find((x) => x.kind === 'snapshot' && x.name === name);
      if (e === undefined) throw new Error(`fake: no snapshot ${dataset}@${name}`);
      d.entries.push(copyOf(e, { kind: 'bookmark' }));
    }
    return this;
  }

  /** Puts a user hold (`zfs hold`) on a snapshot. */
  hold(place: Place, dataset: string, name: string): this {
    const d = this.dataset(place, dataset)!;
    d.entries = d.entries.map((e) =>
      e.kind === 'snapshot' && e.name === name ? { ...e, userrefs: (e.userrefs ?? 0) + 1 } : e,
    );
    return this;
  }

  /** Makes a dataset a volume (zvol), creating it if needed. */
  addVolume(place: Place, dataset: string): this {
    this.createDataset(place, dataset, { type: 'volume' });
    return this;
  }

  /** The login shell of that host's ssh user, as the login probe reads it. */
  setShell(place: Place, shell: string): this {
    this.shells.set(placeKey(place), shell);
    return this;
  }

  /** What `id -u` prints on that host (default 0). */
  setUid(place: Place, uid: string): this {
    this.uids.set(placeKey(place), uid);
    return this;
  }

  // ---- inspection ----

  datasetNames(place: Place = LOCAL): string[] {
    return [...this.datasets(place).keys()].sort();
  }

  exists(place: Place, dataset: string): boolean {
    return this.dataset(place, dataset) !== undefined;
  }

  /** Short snapshot names, oldest first; undefined if the dataset does not exist. */
  snapshotNames(place: Place, dataset: string): string[] | undefined {
    return this.dataset(place, dataset)
      ?.entries.filter((e) => e.kind === 'snapshot')
      .sort(byTxg)
      .map((e) => e.name);
  }

  bookmarkNames(place: Place, dataset: string): string[] | undefined {
    return this.dataset(place, dataset)
      ?.entries.filter((e) => e.kind === 'bookmark')
      .map((e) => e.name)
      .sort();
  }

  guid(place: Place, dataset: string, name: string): string {
    const e = this.dataset(place, dataset)?.entries.find((x) => x.kind === 'snapshot' && x.name === name);
    if (e === undefined) throw new Error(`fake: no snapshot ${dataset}@${name}`);
    return e.guid;
  }

  resumeToken(place: Place, dataset: string): string | undefined {
    return this.dataset(place, dataset)?.resumeToken;
  }
}
