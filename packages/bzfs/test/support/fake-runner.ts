/**
 * Test support (no jest import, never used by production code): an in-memory ZFS world behind the
 * CommandRunner port. It answers the zfs commands bzfs runs, applies `zfs send | zfs receive`
 * pipelines with ZFS's own rules (an incremental stream needs its base to be the newest destination
 * snapshot, a full stream needs -F and a destination without snapshots, ...), and records every
 * argv and pipeline so tests can assert exactly what would have run. Nothing is ever spawned.
 */
import { isRetryableFailure } from '../../src/exec/retryable.js';
import {
  CommandFailedError,
  LOCAL,
  type Command,
  type CommandResult,
  type CommandRunner,
  type Pipeline,
  type Place,
  type RunOptions,
} from '../../src/exec/runner.js';
import { renderForLog, type SshSettings } from '../../src/exec/ssh.js';
import { DESTINATION_CONTENTS_PROPS, SNAPSHOT_LIST_FIELDS } from '../../src/zfs/commands.js';

const TEST_SSH: SshSettings = { controlPersistSecs: 600, verbose: false };

/** The copy-pasteable form of a command or pipeline, as bzfs logs it. */
export const renderTest = (x: Command | Pipeline): string => renderForLog(x, TEST_SSH);

interface Entry {
  readonly kind: 'snapshot' | 'bookmark';
  readonly name: string;
  readonly guid: string;
  readonly createtxg: bigint;
  readonly creation: number;
}

interface FakeDataset {
  readonly type: 'filesystem' | 'volume';
  entries: Entry[];
  resumeToken?: string;
  /** Created by an interrupted full receive: `zfs receive -A` removes it again. */
  partialOnly?: boolean;
  /** The `logicalreferenced` property; default EMPTY_FS_LOGICAL_REFERENCED. */
  logicalReferenced?: number;
}

/** About what OpenZFS reports as `logicalreferenced` of a freshly created, empty filesystem. */
const EMPTY_FS_LOGICAL_REFERENCED = 43_008;

export interface TokenInfo {
  readonly toname: string;
  readonly toguid: string;
  readonly fromguid?: string;
}

export interface RecordedCall {
  readonly kind: 'run' | 'pipeline';
  readonly stages: readonly Command[];
  readonly opts: RunOptions;
}

/** An injected failure of the next matching call. */
export interface Failure {
  readonly exitCode?: number;
  readonly stderr?: string;
  /** Thrown as is instead of a result/CommandFailedError. */
  readonly error?: Error;
  /** For a send|receive pipeline whose receive has -s: leave partial receive state (a resume token). */
  readonly interrupt?: boolean;
}

interface Stream {
  readonly srcDataset: string;
  readonly full: boolean;
  readonly fromguid?: string;
  readonly snaps: readonly Entry[];
  readonly token?: string;
}

class ZfsFailure extends Error {
  constructor(
    readonly stderr: string,
    readonly exitCode = 1,
  ) {
    super(stderr);
  }
}

const MUTATING_ZFS = new Set([
  'create',
  'rollback',
  'destroy',
  'bookmark',
  'snapshot',
  'set',
  'inherit',
  'rename',
  'promote',
  'receive',
  'recv',
  'hold',
  'release',
]);

/** The argv without a leading `sudo -n`. */
function withoutSudo(argv: readonly string[]): readonly string[] {
  return argv[0] === 'sudo' && argv[1] === '-n' ? argv.slice(2) : argv;
}

/** True if running this command would change ZFS state (any zfs write, or a real `zfs send`). */
function isMutatingCommand(cmd: Command): boolean {
  const a = withoutSudo(cmd.argv);
  if (a[0] !== 'zfs') return false;
  const sub = a[1] ?? '';
  if (MUTATING_ZFS.has(sub)) return true;
  return sub === 'send' && !a.includes('-n') && !a.includes('--dryrun');
}

function placeKey(place: Place): string {
  const s = place.ssh;
  return s === undefined ? 'local' : `${s.user ?? ''}@${s.host}:${s.port ?? ''}`;
}

/** `[host] zfs ...` (remote) or `zfs ...` (local); stages joined with ` | `. For compact assertions. */
export function describeCall(c: { readonly stages: readonly Command[] }): string {
  return c.stages.map((s) => `${s.place.ssh ? `[${s.place.ssh.host}] ` : ''}${s.argv.join(' ')}`).join(' | ');
}

const MASK64 = 0xffffffffffffffffn;

export class FakeZfs implements CommandRunner {
  readonly calls: RecordedCall[] = [];
  private readonly hosts = new Map<string, Map<string, FakeDataset>>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly uids = new Map<string, string>();
  private readonly failures: { match: (c: RecordedCall) => boolean; failure: Failure; times: number }[] = [];
  private txg = 100n;
  private guidSeq = 0n;
  private tokenSeq = 0;
  /** Called with each call after it is recorded and before it runs (to simulate concurrent changes). */
  beforeCall?: (c: RecordedCall) => void;
  /** Simulated duration of each call, in ms (0: resolve on the next microtask). */
  delayMs = 0;

  // ---- world setup and inspection ----

  private host(place: Place): Map<string, FakeDataset> {
    const k = placeKey(place);
    let h = this.hosts.get(k);
    if (h === undefined) this.hosts.set(k, (h = new Map()));
    return h;
  }

  private ds(place: Place, name: string): FakeDataset | undefined {
    return this.host(place).get(name);
  }

  /** Creates datasets (no parent check: tests set up whole trees). */
  addDatasets(place: Place, ...names: string[]): this {
    for (const n of names)
      if (!this.ds(place, n)) this.host(place).set(n, { type: 'filesystem', entries: [] });
    return this;
  }

  removeDataset(place: Place, name: string): void {
    this.host(place).delete(name);
  }

  private nextGuid(): string {
    this.guidSeq += 1n;
    // Bijective on uint64 and mostly above 2^53, like real GUIDs.
    return ((0x8000000000000000n + this.guidSeq * 0x9e3779b97f4a7c15n) & MASK64).toString();
  }

  /** Takes snapshots (new GUID, increasing createtxg), creating the dataset if needed. */
  snapshot(place: Place, dataset: string, ...names: string[]): this {
    this.addDatasets(place, dataset);
    const d = this.ds(place, dataset)!;
    for (const name of names) {
      this.txg += 10n;
      d.entries.push({
        kind: 'snapshot',
        name,
        guid: this.nextGuid(),
        createtxg: this.txg,
        creation: 1_700_000_000 + Number(this.txg),
      });
    }
    return this;
  }

  /** Copies a source snapshot (same GUID) onto another dataset, as an earlier replication would have. */
  copySnapshots(
    from: { place: Place; dataset: string },
    to: { place: Place; dataset: string },
    ...names: string[]
  ) {
    this.addDatasets(to.place, to.dataset);
    const src = this.ds(from.place, from.dataset)!;
    const dst = this.ds(to.place, to.dataset)!;
    for (const name of names) {
      const e = src.entries.find((x) => x.kind === 'snapshot' && x.name === name);
      if (e === undefined) throw new Error(`fake: no snapshot ${from.dataset}@${name}`);
      this.txg += 10n;
      dst.entries.push({ ...e, createtxg: this.txg });
    }
    return this;
  }

  datasetNames(place: Place = LOCAL): string[] {
    return [...this.host(place).keys()].sort();
  }

  exists(place: Place, dataset: string): boolean {
    return this.ds(place, dataset) !== undefined;
  }

  /** Short snapshot names, oldest first; undefined if the dataset does not exist. */
  snapshotNames(place: Place, dataset: string): string[] | undefined {
    return this.ds(place, dataset)
      ?.entries.filter((e) => e.kind === 'snapshot')
      .sort((a, b) => (a.createtxg < b.createtxg ? -1 : 1))
      .map((e) => e.name);
  }

  bookmarkNames(place: Place, dataset: string): string[] | undefined {
    return this.ds(place, dataset)
      ?.entries.filter((e) => e.kind === 'bookmark')
      .map((e) => e.name)
      .sort();
  }

  guid(place: Place, dataset: string, name: string): string {
    const e = this.ds(place, dataset)?.entries.find((x) => x.kind === 'snapshot' && x.name === name);
    if (e === undefined) throw new Error(`fake: no snapshot ${dataset}@${name}`);
    return e.guid;
  }

  /** Gives a dataset partial receive state; returns its token. */
  setResumeState(place: Place, dataset: string, info: TokenInfo): string {
    const token = this.newToken(info);
    this.addDatasets(place, dataset);
    this.ds(place, dataset)!.resumeToken = token;
    return token;
  }

  /** Gives an existing dataset contents of that many logical bytes (files written into it). */
  setLogicalReferenced(place: Place, dataset: string, bytes: number): this {
    this.ds(place, dataset)!.logicalReferenced = bytes;
    return this;
  }

  /** Makes a dataset a volume (zvol), creating it if needed. */
  addVolume(place: Place, dataset: string): this {
    this.host(place).set(dataset, { type: 'volume', entries: [] });
    return this;
  }

  resumeToken(place: Place, dataset: string): string | undefined {
    return this.ds(place, dataset)?.resumeToken;
  }

  private newToken(info: TokenInfo): string {
    const token = `1-${(++this.tokenSeq).toString(16)}-c8-789c${'ab'.repeat(8)}`;
    this.tokens.set(token, info);
    return token;
  }

  /** What `id -u` prints on that host (default 0). */
  setUid(place: Place, uid: string): this {
    this.uids.set(placeKey(place), uid);
    return this;
  }

  /** Makes the next `times` calls matching `match` fail. */
  failWhen(match: (c: RecordedCall) => boolean, failure: Failure, times = 1): this {
    this.failures.push({ match, failure, times });
    return this;
  }

  // ---- call log queries ----

  /** Every call in compact form (see describeCall). */
  log(): string[] {
    return this.calls.map(describeCall);
  }

  /** Calls that change ZFS state. */
  mutatingCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.stages.some(isMutatingCommand));
  }

  pipelines(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'pipeline');
  }

  // ---- CommandRunner ----

  async run(cmd: Command, opts: RunOptions = {}): Promise<CommandResult> {
    return this.execute({ kind: 'run', stages: [cmd], opts }, () => this.runOne(cmd));
  }

  async runPipeline(p: Pipeline, opts: RunOptions = {}): Promise<CommandResult> {
    return this.execute({ kind: 'pipeline', stages: p.stages, opts }, () => this.runStages(p.stages));
  }

  private async execute(call: RecordedCall, body: () => CommandResult): Promise<CommandResult> {
    this.calls.push(call);
    this.beforeCall?.(call);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    else await Promise.resolve();
    let r: CommandResult;
    const i = this.failures.findIndex((f) => f.times > 0 && f.match(call));
    if (i >= 0) {
      const f = this.failures[i]!;
      f.times--;
      if (f.failure.error) throw f.failure.error;
      if (f.failure.interrupt) this.interrupt(call.stages);
      r = { exitCode: f.failure.exitCode ?? 1, stdout: '', stderr: f.failure.stderr ?? '' };
    } else {
      try {
        r = body();
      } catch (e) {
        if (!(e instanceof ZfsFailure)) throw e;
        r = { exitCode: e.exitCode, stdout: '', stderr: `${e.stderr}\n` };
      }
    }
    if (r.exitCode !== 0 && !call.opts.allowFailure) {
      throw new CommandFailedError(
        renderTest({ stages: call.stages }),
        r.exitCode,
        r.stderr,
        isRetryableFailure(r.exitCode, r.stderr),
      );
    }
    return r;
  }

  private runOne(cmd: Command): CommandResult {
    const a = withoutSudo(cmd.argv);
    const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' });
    if (a.length === 2 && a[0] === 'id' && a[1] === '-u')
      return ok(`${this.uids.get(placeKey(cmd.place)) ?? '0'}\n`);
    if (a[0] !== 'zfs') throw new Error(`fake: unexpected command ${a.join(' ')}`);
    const last = a[a.length - 1]!;
    const need = (name: string): FakeDataset => {
      const d = this.ds(cmd.place, name);
      if (d === undefined) throw new ZfsFailure(`cannot open '${name}': dataset does not exist`);
      return d;
    };
    const sub = a[1];
    const args = a.slice(2);
    switch (sub) {
      case 'list': {
        if (
          args.join(' ') === `-t snapshot,bookmark -d 1 -Hp -o ${SNAPSHOT_LIST_FIELDS} -s createtxg ${last}`
        ) {
          const d = need(last);
          const lines = [...d.entries]
            .sort((x, y) => (x.createtxg === y.createtxg ? 0 : x.createtxg < y.createtxg ? -1 : 1))
            .map(
              (e) =>
                `${last}${e.kind === 'snapshot' ? '@' : '#'}${e.name}\t${e.guid}\t${e.createtxg}\t${e.creation}\n`,
            );
          return ok(lines.join(''));
        }
        const base = '-Hp -o name,type -t filesystem,volume -s name';
        const recursive = args.join(' ') === `${base} -r ${last}`;
        if (!recursive && args.join(' ') !== `${base} ${last}`) break;
        const d = need(last);
        const names = recursive
          ? [...this.host(cmd.place).keys()].filter((n) => n === last || n.startsWith(`${last}/`)).sort()
          : [last];
        return ok(names.map((n) => `${n}\t${n === last ? d.type : this.ds(cmd.place, n)!.type}\n`).join(''));
      }
      case 'get': {
        if (args.join(' ') === `-Hp -o value receive_resume_token ${last}`)
          return ok(`${need(last).resumeToken ?? '-'}\n`);
        if (args.join(' ') !== `-Hp -o property,value ${DESTINATION_CONTENTS_PROPS} ${last}`) break;
        const d = need(last);
        const lref = d.logicalReferenced ?? (d.type === 'volume' ? 6_144 : EMPTY_FS_LOGICAL_REFERENCED);
        return ok(
          `type\t${d.type}\nlogicalreferenced\t${lref}\nreceive_resume_token\t${d.resumeToken ?? '-'}\n`,
        );
      }
      case 'send': {
        if (args.length !== 4 || args[0] !== '-n' || args[1] !== '-v' || args[2] !== '-t') break;
        const info = this.tokens.get(last);
        if (info === undefined)
          throw new ZfsFailure('cannot resume send: resume token is corrupt (invalid format)');
        const hex = (g: string) => `0x${BigInt(g).toString(16)}`;
        const lines = [
          'resume token contents:',
          'nvlist version: 0',
          '\tobject = 0x1',
          '\toffset = 0x0',
          '\tbytes = 0x0',
          `\ttoguid = ${hex(info.toguid)}`,
          `\ttoname = ${info.toname}`,
          ...(info.fromguid ? [`\tfromguid = ${hex(info.fromguid)}`] : []),
        ];
        return ok(`${lines.join('\n')}\n`);
      }
      case 'create': {
        if (args.length !== 2 || args[0] !== '-u') break;
        if (this.ds(cmd.place, last)) throw new ZfsFailure(`cannot create '${last}': dataset already exists`);
        const parent = last.includes('/') ? last.slice(0, last.lastIndexOf('/')) : undefined;
        if (parent === undefined || !this.ds(cmd.place, parent))
          throw new ZfsFailure(`cannot create '${last}': parent does not exist`);
        this.addDatasets(cmd.place, last);
        return ok();
      }
      case 'rollback': {
        const flags = args.slice(0, -1);
        if (flags.some((f) => !['-r', '-R', '-f'].includes(f))) break;
        const [dsName, snap] = last.split('@') as [string, string | undefined];
        const d = need(dsName);
        const target = d.entries.find((e) => e.kind === 'snapshot' && e.name === snap);
        if (target === undefined) throw new ZfsFailure(`cannot open '${last}': dataset does not exist`);
        const newer = d.entries.filter((e) => e.createtxg > target.createtxg);
        if (newer.length > 0 && !flags.includes('-r') && !flags.includes('-R'))
          throw new ZfsFailure(
            `cannot rollback to '${last}': more recent snapshots or bookmarks exist\nuse '-r' to force deletion of the following snapshots and bookmarks:\n${newer.map((e) => `${dsName}@${e.name}`).join('\n')}`,
          );
        d.entries = d.entries.filter((e) => e.createtxg <= target.createtxg);
        return ok();
      }
      case 'destroy': {
        const flags = args.slice(0, -1);
        if (flags.some((f) => !['-R', '-f'].includes(f)) || !last.includes('@')) break;
        const [dsName, list] = last.split('@') as [string, string];
        const d = need(dsName);
        const names = new Set(list.split(','));
        const before = d.entries.length;
        d.entries = d.entries.filter((e) => e.kind !== 'snapshot' || !names.has(e.name));
        if (d.entries.length === before)
          throw new ZfsFailure('could not find any snapshots to destroy; check snapshot names.');
        return ok();
      }
      case 'bookmark': {
        if (args.length !== 2) break;
        const [snapName, bmName] = args as [string, string];
        const [dsName, snap] = snapName.split('@') as [string, string];
        const [bmDs, bm] = bmName.split('#') as [string, string];
        if (bmDs !== dsName || !bm) throw new ZfsFailure(`cannot create bookmark '${bmName}': invalid name`);
        const d = need(dsName);
        const e = d.entries.find((x) => x.kind === 'snapshot' && x.name === snap);
        if (e === undefined) throw new ZfsFailure(`cannot open '${snapName}': dataset does not exist`);
        if (d.entries.some((x) => x.kind === 'bookmark' && x.name === bm))
          throw new ZfsFailure(`cannot create bookmark '${bmName}': bookmark exists`);
        d.entries.push({ ...e, kind: 'bookmark', name: bm });
        return ok();
      }
      case 'receive': {
        if (args.length !== 2 || args[0] !== '-A') break;
        const d = need(last);
        if (d.resumeToken === undefined)
          throw new ZfsFailure(`cannot resume: '${last}' does not have any resumable receive state to abort`);
        delete d.resumeToken;
        if (d.partialOnly) this.removeDataset(cmd.place, last);
        return ok();
      }
    }
    throw new Error(`fake: unexpected command ${a.join(' ')}`);
  }

  // ---- send | receive ----

  private parseSend(cmd: Command): Stream {
    const a = withoutSudo(cmd.argv);
    if (a[0] !== 'zfs' || a[1] !== 'send')
      throw new Error(`fake: pipeline must start with zfs send: ${a.join(' ')}`);
    let token: string | undefined;
    let flag: string | undefined;
    let from: string | undefined;
    const positional: string[] = [];
    let dry = false;
    for (let i = 2; i < a.length; i++) {
      const x = a[i]!;
      if (x === '-t') token = a[++i];
      else if (x === '-i' || x === '-I') {
        flag = x;
        from = a[++i];
      } else if (x === '-n' || x === '--dryrun') dry = true;
      else if (!x.startsWith('-')) positional.push(x);
    }
    if (dry) throw new ZfsFailure('cannot receive: failed to read from stream');
    if (token !== undefined) {
      const info = this.tokens.get(token);
      if (info === undefined || positional.length > 0)
        throw new ZfsFailure('cannot resume send: resume token is corrupt (invalid format)');
      const [dsName, snap] = info.toname.split('@') as [string, string];
      const e = this.ds(cmd.place, dsName)?.entries.find((x) => x.kind === 'snapshot' && x.name === snap);
      if (e === undefined || e.guid !== info.toguid)
        throw new ZfsFailure(
          `cannot resume send: '${info.toname}' used in the initial send no longer exists`,
        );
      return {
        srcDataset: dsName,
        full: info.fromguid === undefined,
        snaps: [e],
        token,
        ...(info.fromguid ? { fromguid: info.fromguid } : {}),
      };
    }
    if (positional.length !== 1) throw new Error(`fake: bad zfs send ${a.join(' ')}`);
    const [dsName, snap] = positional[0]!.split('@') as [string, string | undefined];
    const d = this.ds(cmd.place, dsName);
    const to = d?.entries.find((x) => x.kind === 'snapshot' && x.name === snap);
    if (d === undefined || to === undefined)
      throw new ZfsFailure(`cannot open '${positional[0]}': dataset does not exist`);
    if (from === undefined) return { srcDataset: dsName, full: true, snaps: [to] };
    const m = /^([^@#]+)([@#])(.+)$/.exec(from);
    if (m === null || m[1] !== dsName)
      throw new ZfsFailure(`cannot send: invalid incremental source ${from}`);
    const base = d.entries.find(
      (x) => x.kind === (m[2] === '@' ? 'snapshot' : 'bookmark') && x.name === m[3],
    );
    if (base === undefined) throw new ZfsFailure(`cannot open '${from}': dataset does not exist`);
    if (flag === '-I' && base.kind === 'bookmark')
      throw new ZfsFailure(`cannot send '${positional[0]}': -I from a bookmark is not supported`);
    if (base.createtxg >= to.createtxg)
      throw new ZfsFailure(`cannot send '${positional[0]}': incremental source must be an earlier snapshot`);
    const snaps =
      flag === '-I'
        ? d.entries
            .filter(
              (x) => x.kind === 'snapshot' && x.createtxg > base.createtxg && x.createtxg <= to.createtxg,
            )
            .sort((x, y) => (x.createtxg < y.createtxg ? -1 : 1))
        : [to];
    return { srcDataset: dsName, full: false, fromguid: base.guid, snaps };
  }

  private parseReceive(cmd: Command): { dataset: string; flags: Set<string> } {
    const a = withoutSudo(cmd.argv);
    if (a[0] !== 'zfs' || a[1] !== 'receive' || a.length < 3)
      throw new Error(`fake: pipeline must end with zfs receive: ${a.join(' ')}`);
    const dataset = a[a.length - 1]!;
    const flags = new Set<string>();
    const rest = a.slice(2, -1);
    for (let i = 0; i < rest.length; i++) {
      const x = rest[i]!;
      if (x === '-o' || x === '-x') i++;
      else flags.add(x);
    }
    return { dataset, flags };
  }

  private runStages(stages: readonly Command[]): CommandResult {
    if (stages.length !== 2) throw new Error(`fake: expected send | receive, got ${stages.length} stages`);
    const stream = this.parseSend(stages[0]!);
    const recv = this.parseReceive(stages[1]!);
    const place = stages[1]!.place;
    const name = recv.dataset;
    const d = this.ds(place, name);
    const dry = recv.flags.has('-n');
    const snapsOf = (x: FakeDataset) =>
      x.entries.filter((e) => e.kind === 'snapshot').sort((p, q) => (p.createtxg < q.createtxg ? -1 : 1));
    if (d?.resumeToken !== undefined && d.resumeToken !== stream.token) {
      throw new ZfsFailure(
        `cannot receive ${stream.full ? 'new filesystem' : 'incremental'} stream: destination ${name} contains partially-complete state from "zfs receive -s".`,
      );
    }
    if (stream.token !== undefined && d?.resumeToken !== stream.token) {
      throw new ZfsFailure(`cannot receive resume stream: destination ${name} has no partial receive state`);
    }
    let target = d;
    if (stream.full) {
      if (d !== undefined && stream.token === undefined) {
        const existing = snapsOf(d);
        if (existing.length > 0)
          throw new ZfsFailure(
            `cannot receive new filesystem stream: destination has snapshots (eg. ${name}@${existing[0]!.name})\nmust destroy them to overwrite it`,
          );
        if (!recv.flags.has('-F'))
          throw new ZfsFailure(
            `cannot receive new filesystem stream: destination '${name}' exists\nmust specify -F to overwrite it`,
          );
      }
      if (d === undefined) {
        const parent = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : undefined;
        if (parent === undefined || !this.ds(place, parent))
          throw new ZfsFailure(`cannot receive new filesystem stream: parent of '${name}' does not exist`);
        if (dry) return { exitCode: 0, stdout: '', stderr: '' };
        target = { type: 'filesystem', entries: [] };
        this.host(place).set(name, target);
      }
    } else {
      if (d === undefined)
        throw new ZfsFailure(`cannot receive incremental stream: destination '${name}' does not exist`);
      const existing = snapsOf(d);
      const baseIdx = existing.findIndex((e) => e.guid === stream.fromguid);
      if (baseIdx < 0)
        throw new ZfsFailure(
          `cannot receive incremental stream: most recent snapshot of ${name} does not\nmatch incremental source`,
        );
      if (baseIdx !== existing.length - 1) {
        if (!recv.flags.has('-F'))
          throw new ZfsFailure(
            `cannot receive incremental stream: destination ${name} has been modified\nsince most recent snapshot`,
          );
        if (!dry) d.entries = d.entries.filter((e) => e.createtxg <= existing[baseIdx]!.createtxg);
      }
    }
    if (dry) return { exitCode: 0, stdout: '', stderr: '' };
    for (const e of stream.snaps) {
      this.txg += 10n;
      target!.entries.push({ ...e, createtxg: this.txg });
    }
    delete target!.resumeToken;
    delete target!.partialOnly;
    // A full stream replaces whatever the dataset held.
    if (stream.full) delete target!.logicalReferenced;
    return { exitCode: 0, stdout: '', stderr: '' };
  }

  /** An interrupted `send | receive -s`: the destination keeps a token for the first snapshot of the stream. */
  private interrupt(stages: readonly Command[]): void {
    if (stages.length !== 2) return;
    const stream = this.parseSend(stages[0]!);
    const recv = this.parseReceive(stages[1]!);
    if (!recv.flags.has('-s') || recv.flags.has('-n')) return;
    const first = stream.snaps[0]!;
    const token = this.newToken({
      toname: `${stream.srcDataset}@${first.name}`,
      toguid: first.guid,
      ...(stream.fromguid ? { fromguid: stream.fromguid } : {}),
    });
    const place = stages[1]!.place;
    let d = this.ds(place, recv.dataset);
    if (d === undefined) {
      d = { type: 'filesystem', entries: [], partialOnly: true };
      this.host(place).set(recv.dataset, d);
    }
    d.resumeToken = token;
  }
}
