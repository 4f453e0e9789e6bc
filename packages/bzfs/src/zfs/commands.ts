/**
 * Pure argv builders for every zfs command bzfs runs. Mutating commands are marked so the
 * orchestrator can log them before they run and skip them under --dryrun.
 */

export interface ZfsArgv {
  readonly argv: readonly string[];
  /** True when running it changes ZFS state (needs privileges, logged, skipped by --dryrun). */
  readonly mutates: boolean;
}

const read = (...argv: string[]): ZfsArgv => ({ argv: ['zfs', ...argv], mutates: false });
const write = (...argv: string[]): ZfsArgv => ({ argv: ['zfs', ...argv], mutates: true });

export const SNAPSHOT_LIST_FIELDS = 'name,guid,createtxg,creation';

export const zfsCmd = {
  listSnapshots: (dataset: string) =>
    read(
      'list',
      '-t',
      'snapshot,bookmark',
      '-d',
      '1',
      '-Hp',
      '-o',
      SNAPSHOT_LIST_FIELDS,
      '-s',
      'createtxg',
      dataset,
    ),
  listDatasets: (root: string, recursive: boolean) =>
    read(
      'list',
      '-Hp',
      '-o',
      'name,type',
      '-t',
      'filesystem,volume',
      '-s',
      'name',
      ...(recursive ? ['-r'] : []),
      root,
    ),
  resumeToken: (dataset: string) => read('get', '-Hp', '-o', 'value', 'receive_resume_token', dataset),
  decodeResumeToken: (token: string) => read('send', '-n', '-v', '-t', token),
  createUnmounted: (dataset: string) => write('create', '-u', dataset),
  rollback: (snapshot: string, o: { destroyNewer: boolean; dependents: boolean; unmount: boolean }) =>
    write(
      'rollback',
      ...(o.destroyNewer ? ['-r'] : []),
      ...(o.dependents ? ['-R'] : []),
      ...(o.unmount ? ['-f'] : []),
      snapshot,
    ),
  destroySnapshots: (
    dataset: string,
    names: readonly string[],
    o: { dependents: boolean; unmount: boolean },
  ) =>
    write(
      'destroy',
      ...(o.dependents ? ['-R'] : []),
      ...(o.unmount ? ['-f'] : []),
      `${dataset}@${names.join(',')}`,
    ),
  bookmark: (snapshot: string, bookmark: string) => write('bookmark', snapshot, bookmark),
  receiveAbort: (dataset: string) => write('receive', '-A', dataset),
  send: (opts: readonly string[], from: { flag: '-i' | '-I'; name: string } | undefined, to: string) =>
    write('send', ...opts, ...(from ? [from.flag, from.name] : []), to),
  sendResume: (opts: readonly string[], token: string) => write('send', ...opts, '-t', token),
  receive: (opts: readonly string[], o: { resumable: boolean; force: boolean }, dataset: string) =>
    write('receive', ...(o.resumable ? ['-s'] : []), ...(o.force ? ['-F'] : []), ...opts, dataset),
};

/**
 * Options bzfs decides itself are removed from the user's --zfs-send-program-opts: they would
 * change what is sent or turn the send into a no-op. Flags in the map consume one argument.
 */
const SEND_MANAGED: Record<string, number> = {
  '-n': 0,
  '--dryrun': 0,
  '-i': 1,
  '-I': 1,
  '-t': 1,
  '--resume': 1,
};
const RECV_MANAGED: Record<string, number> = {
  '-n': 0,
  '--dryrun': 0,
  '-s': 0,
  '-F': 0,
  '-A': 0,
  '-d': 0,
  '-e': 0,
};
/** Flags that `zfs send -t` rejects or that the token already fixes. */
const RESUME_DROPPED: Record<string, number> = {
  '-b': 0,
  '--backup': 0,
  '-h': 0,
  '--holds': 0,
  '-p': 0,
  '--props': 0,
  '-R': 0,
  '--replicate': 0,
  '-s': 0,
  '--skip-missing': 0,
  '-U': 0,
  '-X': 1,
  '--exclude': 1,
  '--redact': 1,
  '-w': 0,
  '--raw': 0,
  '-c': 0,
  '--compressed': 0,
  '-L': 0,
  '--large-block': 0,
  '-e': 0,
  '--embed': 0,
};

function strip(opts: readonly string[], managed: Record<string, number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i]!;
    const arity = managed[o];
    if (arity === undefined) out.push(o);
    else i += arity;
  }
  return out;
}

export const sendOpts = (userOpts: readonly string[]) => strip(userOpts, SEND_MANAGED);
export const resumeSendOpts = (userOpts: readonly string[]) => strip(sendOpts(userOpts), RESUME_DROPPED);
export const recvOpts = (userOpts: readonly string[]) => strip(userOpts, RECV_MANAGED);

/** Splits an option string on whitespace (the original's semantics for *-program-opts). */
export const splitOpts = (s: string): string[] => s.split(/\s+/).filter((x) => x.length > 0);
