/**
 * The fake's read-only zfs commands, in exactly the forms bzfs builds (src/zfs/commands.ts):
 * snapshot and dataset listings, the `zfs get` queries, decoding a resume token and a send's size estimate.
 */
import type { CommandResult, Place } from '../../../src/exec/runner.js';
import {
  COMPARE_LIST_FIELDS,
  DESTINATION_CONTENTS_PROPS,
  SNAPSHOT_LIST_FIELDS,
} from '../../../src/zfs/commands.js';
import { byTxg, missing, ok, ZfsFailure } from './results.js';
import { parseSend } from './streams.js';
import { logicalReferenced, type FakeWorld } from './world.js';

/** The answer to a query `zfs SUB ARGS...`, or undefined if it is not one of bzfs's queries. */
export function answerQuery(
  w: FakeWorld,
  place: Place,
  sub: string,
  args: readonly string[],
): CommandResult | undefined {
  const last = args[args.length - 1]!;
  const line = args.join(' ');
  switch (sub) {
    case 'list':
      if (args.length > SNAPSHOTS.length && SNAPSHOTS.every((a, i) => args[i] === a))
        return listSnapshots(w, place, args.slice(SNAPSHOTS.length));
      for (const kind of ['snapshot', 'bookmark'] as const) {
        const fixed = `-t ${kind} -d 1 -Hp -o ${SNAPSHOT_LIST_FIELDS},userrefs -s createtxg`.split(' ');
        if (args.length > fixed.length && fixed.every((a, i) => args[i] === a))
          return listWithHolds(w, place, args.slice(fixed.length), kind);
      }
      if (args.length > 7 && ENTRY_NAMES.test(args.slice(0, 7).join(' ')))
        return listEntryNames(w, place, args.slice(7), args[1] === 'snapshot,bookmark');
      for (const types of ['snapshot', 'snapshot,bookmark'])
        for (const depth of ['-r', '-d 1'])
          if (line === `-t ${types} ${depth} -Hp -o ${COMPARE_LIST_FIELDS} ${last}`)
            return listCompareEntries(w, place, last, { recursive: depth === '-r', types });
      return datasetListing(w, place, args);
    case 'get':
      if (line === `-Hp -o value receive_resume_token ${last}`)
        return ok(`${w.need(place, last).resumeToken ?? '-'}\n`);
      if (line === `-Hp -o property,value ${DESTINATION_CONTENTS_PROPS} ${last}`) {
        const d = w.need(place, last);
        return ok(
          `type\t${d.type}\nlogicalreferenced\t${logicalReferenced(d)}\nreceive_resume_token\t${d.resumeToken ?? '-'}\n`,
        );
      }
      return undefined;
    case 'destroy':
      if (/^-n -v -p -r (-R )?[^@#\s]+$/.test(line)) return destroyTreeDryRun(w, place, last);
      return /^-n -v -p (-R )?[^@\s]+@\S+$/.test(line) ? destroyDryRun(w, place, last) : undefined;
    case 'send':
      if (line.startsWith('-n -v -P ')) return sizeEstimate(w, place, args.slice(3));
      return line === `-n -v -t ${last}` ? decodeToken(w, last) : undefined;
    default:
      return undefined;
  }
}

/** The fixed part of `zfs list -t snapshot,bookmark ... -s createtxg DS...` (zfsCmd.listSnapshots). */
const SNAPSHOTS = `-t snapshot,bookmark -d 1 -Hp -o ${SNAPSHOT_LIST_FIELDS} -s createtxg`.split(' ');
/** `zfs list -Hp -o name,type[,PROPS] -t filesystem,volume -s name [-r] ROOT` (zfsCmd.listDatasets). */
const DATASET_LIST =
  /^-Hp -o name,type((?:,receive_resume_token|,snapshots_changed)*) -t filesystem,volume -s name( -r)? (\S.*)$/;

function datasetListing(w: FakeWorld, place: Place, args: readonly string[]): CommandResult | undefined {
  const m = DATASET_LIST.exec(args.join(' '));
  const root = args[args.length - 1];
  if (m === null || root === undefined || m[3] !== root) return undefined;
  const props = (m[1] ?? '').split(',').filter((p) => p !== '');
  return listDatasets(w, place, root, m[2] !== undefined, props);
}
/** The first 7 arguments of `zfs list -t KINDS -d 1 -Hp -o name DS...`. */
const ENTRY_NAMES = /^-t (snapshot|snapshot,bookmark) -d 1 -Hp -o name$/;

/** The names of the snapshots (and bookmarks, if asked) of each dataset, in the order given. */
function listEntryNames(w: FakeWorld, place: Place, datasets: readonly string[], bookmarks: boolean) {
  const lines = datasets.flatMap((ds) =>
    [...w.need(place, ds).entries]
      .filter((e) => bookmarks || e.kind === 'snapshot')
      .sort(byTxg)
      .map((e) => `${ds}${e.kind === 'snapshot' ? '@' : '#'}${e.name}\n`),
  );
  return ok(lines.join(''));
}

/** `zfs destroy -n -v -p -r DS`: children before parents, each one's snapshots before it, as zfs walks the tree. */
function destroyTreeDryRun(w: FakeWorld, place: Place, root: string): CommandResult {
  w.need(place, root);
  const tree = [...w.datasets(place).keys()].filter((n) => n === root || n.startsWith(`${root}/`));
  const lines = tree
    .sort()
    .reverse()
    .flatMap((n) => [
      ...w
        .dataset(place, n)!
        .entries.filter((e) => e.kind === 'snapshot')
        .map((e) => `${n}@${e.name}`),
      n,
    ]);
  return ok(lines.map((l) => `destroy\t${l}\n`).join(''));
}

/**
 * `zfs list -t snapshot,bookmark ... -s createtxg DS...`: one createtxg order across the datasets named (stable: a
 * bookmark follows the snapshot it was made from, same createtxg, as in zfs). A dataset that does not exist gets
 * zfs's "cannot open" line; the others are still listed (exit 1).
 */
function listSnapshots(w: FakeWorld, place: Place, names: readonly string[]): CommandResult {
  const gone = names.filter((n) => w.dataset(place, n) === undefined);
  const lines = names
    .flatMap((name) =>
      (w.dataset(place, name)?.entries ?? []).map((e) => ({ name, e, createtxg: e.createtxg })),
    )
    .sort(byTxg)
    .map(
      ({ name, e }) =>
        `${name}${e.kind === 'snapshot' ? '@' : '#'}${e.name}\t${e.guid}\t${e.createtxg}\t${e.creation}\n`,
    );
  const stderr = gone.map((n) => `${missing(n).stderr}\n`).join('');
  return { exitCode: gone.length > 0 ? 1 : 0, stdout: lines.join(''), stderr };
}

/**
 * `zfs list -t KIND ... -s createtxg DS...`: the entries of every dataset named, in one createtxg order across
 * them. A dataset that does not exist gets zfs's "cannot open" line; the others are still listed (exit 1).
 */
function listWithHolds(
  w: FakeWorld,
  place: Place,
  names: readonly string[],
  kind: 'snapshot' | 'bookmark',
): CommandResult {
  const sep = kind === 'snapshot' ? '@' : '#';
  const gone = names.filter((n) => w.dataset(place, n) === undefined);
  const lines = names
    .flatMap((name) =>
      (w.dataset(place, name)?.entries ?? [])
        .filter((e) => e.kind === kind)
        .map((e) => ({ name, e, createtxg: e.createtxg })),
    )
    .sort(byTxg)
    .map(({ name, e }) => {
      const holds = kind === 'snapshot' ? String(e.userrefs ?? 0) : '-';
      return `${name}${sep}${e.name}\t${e.guid}\t${e.createtxg}\t${e.creation}\t${holds}\n`;
    });
  const stderr = gone.map((n) => `${missing(n).stderr}\n`).join('');
  return { exitCode: gone.length > 0 ? 1 : 0, stdout: lines.join(''), stderr };
}

/**
 * --compare-snapshot-lists' listing: datasets by name, each one's entries by createtxg. The fake does
 * not model blocks: a snapshot's `written` is 0 (a bookmark's `-`, as in zfs).
 */
function listCompareEntries(
  w: FakeWorld,
  place: Place,
  root: string,
  o: { recursive: boolean; types: string },
): CommandResult {
  w.need(place, root);
  const names = o.recursive ? treeOf(w, place, root) : [root];
  const lines = names.flatMap((ds) =>
    w
      .need(place, ds)
      .entries.filter((e) => o.types.split(',').includes(e.kind))
      .sort(byTxg)
      .map((e) => {
        const [sep, written] = e.kind === 'snapshot' ? ['@', '0'] : ['#', '-'];
        return `${e.creation}\t${e.guid}\t${e.createtxg}\t${written}\t${ds}${sep}${e.name}\n`;
      }),
  );
  return ok(lines.join(''));
}

/**
 * `zfs destroy -n -v -p DS@a,b`: the snapshots that exist, oldest first. The fake does not model
 * blocks, so it claims to free nothing (the contract does not compare the figure).
 */
function destroyDryRun(w: FakeWorld, place: Place, spec: string): CommandResult {
  const [dsName, list] = spec.split('@') as [string, string];
  const names = new Set(list.split(','));
  const found = w
    .need(place, dsName)
    .entries.filter((e) => e.kind === 'snapshot' && names.has(e.name))
    .sort(byTxg);
  if (found.length === 0)
    throw new ZfsFailure('could not find any snapshots to destroy; check snapshot names.');
  return ok(`${found.map((e) => `destroy\t${dsName}@${e.name}\n`).join('')}reclaim\t0\n`);
}

function listDatasets(
  w: FakeWorld,
  place: Place,
  root: string,
  recursive: boolean,
  props: readonly string[],
): CommandResult {
  w.need(place, root);
  const all = w.datasets(place);
  const names = recursive ? treeOf(w, place, root) : [root];
  const column = (n: string, p: string) =>
    p === 'receive_resume_token' ? (all.get(n)!.resumeToken ?? '-') : w.snapshotsChanged(place, n);
  return ok(
    names.map((n) => [n, all.get(n)!.type, ...props.map((p) => column(n, p))].join('\t') + '\n').join(''),
  );
}

/** The root and its descendants, by name. */
const treeOf = (w: FakeWorld, place: Place, root: string): string[] =>
  [...w.datasets(place).keys()].filter((n) => n === root || n.startsWith(`${root}/`)).sort();

/** `zfs send -n -v -t TOKEN`: the token's nvlist as OpenZFS prints it. */
function decodeToken(w: FakeWorld, token: string): CommandResult {
  const info = w.tokenInfo(token);
  if (info === undefined)
    throw new ZfsFailure('cannot resume send: resume token is corrupt (invalid format)', 255);
  const hex = (g: string) => `0x${BigInt(g).toString(16)}`;
  const lines = [
    'resume token contents:',
    'nvlist version: 0',
    ...(info.fromguid ? [`\tfromguid = ${hex(info.fromguid)}`] : []),
    '\tobject = 0x1',
    '\toffset = 0x0',
    '\tbytes = 0x0',
    `\ttoguid = ${hex(info.toguid)}`,
    `\ttoname = ${info.toname}`,
  ];
  return ok(`${lines.join('\n')}\n`);
}

/** The fake models no blocks: every snapshot a stream carries counts this many bytes in `zfs send -nvP`. */
export const FAKE_BYTES_PER_SNAPSHOT = 4096;

/** `zfs send -n -v -P SEND-ARGS`: OpenZFS's parsable lines for the stream SEND-ARGS would write, then its size. */
function sizeEstimate(w: FakeWorld, place: Place, sendArgs: readonly string[]): CommandResult {
  const stream = parseSend(w, { place, argv: ['zfs', 'send', ...sendArgs], changesState: false });
  const size = stream.snaps.length * FAKE_BYTES_PER_SNAPSHOT;
  const to = `${stream.srcDataset}@${stream.snaps.at(-1)!.name}`;
  const part = stream.full ? `full\t${to}\t${size}` : `incremental\t-\t${to}\t${size}`;
  return ok(`${part}\nsize\t${size}\n`);
}
