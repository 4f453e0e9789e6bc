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
  const loc = parseLocator(side.locator);
  const depth = req.recursive ? ['-r'] : ['-d', '1'];
  const zfs = [
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
    loc.dataset,
  ];
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
    const [cmd, ...args] = listArgv(side, req) as [string, ...string[]];
    const local = cmd === 'zfs' && this.program !== undefined ? this.program : cmd;
    const r = await execa(local, args, {
      reject: false,
      stdin: 'ignore',
      timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      cancelSignal: req.signal,
    });
    const stderr = String(r.stderr);
    if (r.exitCode === 0) return parseSnapshotList(String(r.stdout));
    // A tree that does not exist yet has nothing: for a destination, nothing to hold back.
    if (r.exitCode === 1 && isDatasetMissing(stderr)) return [];
    const why = stderr.trim().split('\n').pop() ?? '';
    throw new Error(why !== '' && !r.timedOut ? why : r.shortMessage);
  }
}
