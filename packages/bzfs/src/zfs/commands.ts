/**
 * Pure argv builders for every zfs command bzfs runs. Each says whether it needs privileges and
 * whether it changes ZFS state: two different facts (`zfs send` changes nothing but needs root
 * unless permissions are delegated; `zfs receive -n` needs root and changes nothing).
 */

export interface ZfsArgv {
  readonly argv: readonly string[];
  /** Runs under `sudo -n` when the side is not root. */
  readonly needsPrivilege: boolean;
  /** Running it changes ZFS state: logged before it runs, only announced under --dryrun, refused by --explain. */
  readonly changesState: boolean;
}

const read = (...argv: string[]): ZfsArgv => ({
  argv: ['zfs', ...argv],
  needsPrivilege: false,
  changesState: false,
});
/** Reads a stream of the pool's data: privileged, but changes nothing. */
const privilegedRead = (...argv: string[]): ZfsArgv => ({
  argv: ['zfs', ...argv],
  needsPrivilege: true,
  changesState: false,
});
const write = (...argv: string[]): ZfsArgv => ({
  argv: ['zfs', ...argv],
  needsPrivilege: true,
  changesState: true,
});

export const SNAPSHOT_LIST_FIELDS = 'name,guid,createtxg,creation';
/** The pruning candidates' listing: the fields above and the hold count (see zfs/parse-destroy.ts). */
const PRUNE_LIST_FIELDS = `${SNAPSHOT_LIST_FIELDS},userrefs`;
/** --compare-snapshot-lists' listing (zfs/parse.ts): also `written` (bytes; `-` for a bookmark), the name last. */
export const COMPARE_LIST_FIELDS = 'creation,guid,createtxg,written,name';
/** What decides whether a destination without snapshots holds data (see plan/destination-contents.ts). */
export const DESTINATION_CONTENTS_PROPS = 'type,logicalreferenced,receive_resume_token';

/** The optional columns of a dataset listing, in the order they are asked for. */
export type DatasetListProp = 'receive_resume_token' | 'snapshots_changed';

export const zfsCmd = {
  /** The snapshots and bookmarks of one or many datasets (one command for a whole mini-batch: plan/batch-listing.ts). */
  listSnapshots: (datasets: readonly string[]) =>
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
      ...datasets,
    ),
  /** The snapshots (or bookmarks) of one or many datasets with their hold counts: what pruning and monitoring read. */
  listWithHolds: (datasets: readonly string[], kind: 'snapshot' | 'bookmark') =>
    read('list', '-t', kind, '-d', '1', '-Hp', '-o', PRUNE_LIST_FIELDS, '-s', 'createtxg', ...datasets),
  /** One listing per side for --compare-snapshot-lists: of the tree (`-r`) or of the dataset alone (`-d 1`). */
  listCompareEntries: (root: string, o: { recursive: boolean; bookmarks: boolean }) =>
    read(
      'list',
      '-t',
      o.bookmarks ? 'snapshot,bookmark' : 'snapshot',
      ...(o.recursive ? ['-r'] : ['-d', '1']),
      '-Hp',
      '-o',
      COMPARE_LIST_FIELDS,
      root,
    ),
  /**
   * The tree's datasets, by name. `props` adds columns after `name,type`: the destination's listing reads every
   * dataset's `receive_resume_token` here (no `zfs get` per dataset), and --cache-snapshots `snapshots_changed`.
   */
  listDatasets: (root: string, recursive: boolean, props: readonly DatasetListProp[] = []) =>
    read(
      'list',
      '-Hp',
      '-o',
      ['name', 'type', ...props].join(','),
      '-t',
      'filesystem,volume',
      '-s',
      'name',
      ...(recursive ? ['-r'] : []),
      root,
    ),
  resumeToken: (dataset: string) => read('get', '-Hp', '-o', 'value', 'receive_resume_token', dataset),
  destinationContents: (dataset: string) =>
    read('get', '-Hp', '-o', 'property,value', DESTINATION_CONTENTS_PROPS, dataset),
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
  /**
   * `zfs destroy -n -v -p`: what the destroy would remove and free, exactly (-p prints bytes); changes nothing,
   * so it runs under --dryrun too. Bookmarks have no dry run (zfs refuses -n with `#`).
   */
  /** Changes nothing (it runs under --dryrun), but zfs checks the same permissions as for a real destroy. */
  destroySnapshotsDryRun: (dataset: string, names: readonly string[], o: { dependents: boolean }) =>
    privilegedRead(
      'destroy',
      '-n',
      '-v',
      '-p',
      ...(o.dependents ? ['-R'] : []),
      `${dataset}@${names.join(',')}`,
    ),
  /**
   * `zfs destroy -r DS`: the dataset with all its descendants, snapshots and bookmarks. `-R` (--force-destroy-dependents)
   * also destroys clones outside the tree; `-f` (--force-unmount) unmounts busy filesystems.
   */
  destroyTree: (dataset: string, o: { dependents: boolean; unmount: boolean }) =>
    write('destroy', '-r', ...(o.dependents ? ['-R'] : []), ...(o.unmount ? ['-f'] : []), dataset),
  /** `zfs destroy -n -v -p -r DS`: names everything the destroy would remove (no space figure for datasets). */
  destroyTreeDryRun: (dataset: string, o: { dependents: boolean }) =>
    privilegedRead('destroy', '-n', '-v', '-p', '-r', ...(o.dependents ? ['-R'] : []), dataset),
  /** The names of the snapshots (and bookmarks) of many datasets in one listing, for --delete-empty-dst-datasets. */
  listEntryNames: (datasets: readonly string[], o: { bookmarks: boolean }) =>
    read(
      'list',
      '-t',
      o.bookmarks ? 'snapshot,bookmark' : 'snapshot',
      '-d',
      '1',
      '-Hp',
      '-o',
      'name',
      ...datasets,
    ),
  /** zfs destroys one bookmark per command (it refuses a list or a second argument). */
  destroyBookmark: (dataset: string, name: string) => write('destroy', `${dataset}#${name}`),
  bookmark: (snapshot: string, bookmark: string) => write('bookmark', snapshot, bookmark),
  /** One `zfs snapshot` makes all of `snapshots` (`ds@name`) in one transaction group; `-r` adds each one's descendants. */
  snapshot: (snapshots: readonly string[], o: { recursive: boolean }) =>
    write('snapshot', ...(o.recursive ? ['-r'] : []), ...snapshots),
  receiveAbort: (dataset: string) => write('receive', '-A', dataset),
  send: (opts: readonly string[], from: { flag: '-i' | '-I'; name: string } | undefined, to: string) =>
    privilegedRead('send', ...opts, ...(from ? [from.flag, from.name] : []), to),
  sendResume: (opts: readonly string[], token: string) => privilegedRead('send', ...opts, '-t', token),
  /** `zfs send -n -v -P` with the arguments of `send`: prints what the stream would hold, ending in `size N`. */
  sendSizeEstimate: (send: ZfsArgv) => privilegedRead('send', '-n', '-v', '-P', ...send.argv.slice(2)),
  /** `dryRun` adds `-n` (--dryrun=recv): the stream is read and checked, nothing is received. */
  receive: (
    opts: readonly string[],
    o: { resumable: boolean; force: boolean; dryRun?: boolean },
    dataset: string,
  ): ZfsArgv => {
    const argv = [
      'receive',
      ...(o.resumable ? ['-s'] : []),
      ...(o.force ? ['-F'] : []),
      ...opts,
      ...(o.dryRun === true ? ['-n'] : []),
      dataset,
    ];
    return o.dryRun === true ? privilegedRead(...argv) : write(...argv);
  },
};
