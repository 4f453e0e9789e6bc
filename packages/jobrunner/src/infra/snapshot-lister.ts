/**
 * Adapter of the prune guard (guard/guarded-launcher.ts): lists a snapshot tree, locally or over ssh, with
 * bzfs's own listing fields, parser and ssh argv. Read-only (`zfs list`), bounded by a timeout, and started from
 * an argv array: the only shell text is the remote command, quoted by bzfs's shellJoin.
 */
import {
  SNAPSHOT_LIST_FIELDS,
  isDatasetMissing,
  parseLocator,
  parseSnapshotList,
  shellJoin,
  sshPrefix,
  type SnapshotRef,
  type SshTarget,
} from '@bzfs-ts/bzfs';
import { execa } from 'execa';
import type { Side } from '../expand/locate.js';
import type { ListRequest, TreeLister } from '../guard/guarded-launcher.js';

/** Without a worker timeout a listing still ends: a hung ssh must not hold the source prune forever. */
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** The argv that lists `side`'s tree (or its dataset alone, without `recursive`), oldest first. */
export function listArgv(side: Side, req: Pick<ListRequest, 'kinds' | 'recursive'>): string[] {
  const depth = req.recursive ? ['-r'] : ['-d', '1'];
  const { dataset } = parseLocator(side.locator);
  return onSide(side, [
    'zfs',
    'list',
    '-t',
    req.kinds,
    ...depth,
    '-Hp',
    '-o',
    SNAPSHOT_LIST_FIELDS,
    '-s',
    'createtxg',
    dataset,
  ]);
}

/** The argv that asks whether the pool of `side`'s dataset is there at all. */
function poolArgv(side: Side): string[] {
  const pool = parseLocator(side.locator).dataset.split('/')[0]!;
  return onSide(side, ['zfs', 'list', '-H', '-o', 'name', pool]);
}

/** `zfs` as is for a local side; over ssh (bzfs's argv, the remote command quoted by shellJoin) for a remote one. */
function onSide(side: Side, zfs: string[]): string[] {
  const loc = parseLocator(side.locator);
  if (loc.host === undefined) return zfs;
  const user = loc.user ?? side.ssh?.user;
  const target: SshTarget = {
    host: loc.host,
    ...(user !== undefined && { user }),
    ...(side.ssh?.port !== undefined && { port: side.ssh.port }),
    ...(side.ssh?.configFile !== undefined && { configFile: side.ssh.configFile }),
  };
  // No connection sharing: one short listing per host and run is not worth a ControlMaster socket.
  return [...sshPrefix(target, { controlPersistSecs: 0, verbose: false }), shellJoin(zfs)];
}

export class ZfsTreeLister implements TreeLister {
  /** `program` replaces argv[0] of a local listing (tests). */
  constructor(private readonly program?: string) {}

  async list(side: Side, req: ListRequest): Promise<SnapshotRef[]> {
    const r = await this.run(listArgv(side, req), req);
    if (r.exitCode === 0) return parseSnapshotList(r.stdout);
    if (r.exitCode !== 1 || !isDatasetMissing(r.stderr)) throw failure(r);
    // A tree that does not exist yet in a pool that is there has nothing: for a destination, nothing to hold
    // back. A pool that is not there (a removable drive away, a pool not imported) may hold a latest common
    // snapshot all the same, so it cannot be listed as empty: the prune waits for it.
    const pool = await this.run(poolArgv(side), req);
    if (pool.exitCode === 0) return [];
    if (pool.exitCode === 1 && isDatasetMissing(pool.stderr)) {
      const name = parseLocator(side.locator).dataset.split('/')[0]!;
      throw new Error(`pool ${name} is not there (not imported, or a removable drive that is not attached)`);
    }
    throw failure(pool);
  }

  private async run(argv: string[], req: ListRequest): Promise<Listed> {
    const [cmd, ...args] = argv as [string, ...string[]];
    const local = cmd === 'zfs' && this.program !== undefined ? this.program : cmd;
    const r = await execa(local, args, {
      reject: false,
      stdin: 'ignore',
      timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      cancelSignal: req.signal,
    });
    return {
      exitCode: r.exitCode,
      stdout: String(r.stdout),
      stderr: String(r.stderr),
      timedOut: r.timedOut,
      shortMessage: r.shortMessage ?? `zfs list failed (exit ${String(r.exitCode)})`,
    };
  }
}

interface Listed {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly shortMessage: string;
}

function failure(r: Listed): Error {
  const why = r.stderr.trim().split('\n').pop() ?? '';
  return new Error(why !== '' && !r.timedOut ? why : r.shortMessage);
}
