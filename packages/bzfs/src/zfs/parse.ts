/** Pure parsers for the output of the `zfs` CLI. Throw BzfsError on lines that do not have the requested shape. */
import { BzfsError } from '../model/errors.js';
import type { SnapshotRef } from '../model/snapshot.js';
import type { EntryCounts } from '../plan/delete-datasets/types.js';
import type { CompareEntry } from '../plan/compare/types.js';
import type { DestinationContents } from '../plan/destination-contents.js';
import type { ResumeState } from '../plan/types.js';
import type { DatasetListProp } from './commands.js';

const DIGITS = /^\d+$/;

function lines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l !== '');
}

function malformed(what: string, line: string): BzfsError {
  return new BzfsError(`Cannot parse ${what} line: ${JSON.stringify(line)}`);
}

/** Splits `pool/a@s1` / `pool/a#b1` at the first `@` or `#` (neither may occur in a dataset name). */
export function splitSnapshotName(
  fullName: string,
): { dataset: string; kind: SnapshotRef['kind']; name: string } | undefined {
  const at = fullName.search(/[@#]/);
  if (at <= 0 || at === fullName.length - 1) return undefined;
  return {
    dataset: fullName.slice(0, at),
    kind: fullName[at] === '@' ? 'snapshot' : 'bookmark',
    name: fullName.slice(at + 1),
  };
}

/**
 * Parses `zfs list -t snapshot,bookmark -Hp -o name,guid,createtxg,creation` output: one tab-separated line per
 * snapshot (`pool/a@s1`) or bookmark (`pool/a#b1`). Names may contain spaces; guid stays a decimal string.
 */
export function parseSnapshotList(stdout: string): SnapshotRef[] {
  return lines(stdout).map((line) => {
    const fields = line.split('\t');
    if (fields.length !== 4) throw malformed('zfs list snapshot', line);
    const [name, guid, createtxg, creation] = fields as [string, string, string, string];
    const parts = splitSnapshotName(name);
    if (parts === undefined || !DIGITS.test(guid) || !DIGITS.test(createtxg) || !DIGITS.test(creation)) {
      throw malformed('zfs list snapshot', line);
    }
    return {
      ...parts,
      guid: BigInt(guid).toString(),
      createtxg: BigInt(createtxg),
      creation: Number(creation),
    };
  });
}

/**
 * Parses `zfs list -t snapshot[,bookmark] -Hp -o name` output: how many snapshots and bookmarks each dataset
 * has. A dataset without any is not in the map.
 */
export function parseEntryCounts(stdout: string): Map<string, EntryCounts> {
  const counts = new Map<string, EntryCounts>();
  for (const line of lines(stdout)) {
    const parts = splitSnapshotName(line);
    if (parts === undefined) throw malformed('zfs list snapshot name', line);
    const c = counts.get(parts.dataset) ?? { snapshots: 0, bookmarks: 0 };
    const snapshot = parts.kind === 'snapshot';
    counts.set(parts.dataset, {
      snapshots: c.snapshots + (snapshot ? 1 : 0),
      bookmarks: c.bookmarks + (snapshot ? 0 : 1),
    });
  }
  return counts;
}

/**
 * Parses `zfs list -t snapshot[,bookmark] -Hp -o creation,guid,createtxg,written,name` output (see
 * COMPARE_LIST_FIELDS): a bookmark's `written` is `-`. The name is last, so a tab in it cannot shift a field.
 */
export function parseCompareList(stdout: string): CompareEntry[] {
  return lines(stdout).map((line) => {
    const [creation = '', guid = '', createtxg = '', written = '', ...rest] = line.split('\t');
    const parts = splitSnapshotName(rest.join('\t'));
    const fields = [creation, guid, createtxg];
    if (parts === undefined || !fields.every((f) => DIGITS.test(f)) || !/^(\d+|-)$/.test(written))
      throw malformed('zfs list snapshot', line);
    return {
      ...parts,
      guid: BigInt(guid).toString(),
      createtxg: BigInt(createtxg),
      creation: Number(creation),
      written: written === '-' ? undefined : BigInt(written),
    };
  });
}

export type DatasetType = 'filesystem' | 'volume' | 'snapshot' | 'bookmark';
const DATASET_TYPES: ReadonlySet<string> = new Set<DatasetType>([
  'filesystem',
  'volume',
  'snapshot',
  'bookmark',
]);

/**
 * Parses `zfs list -Hp -o name,type[,PROPS]` output (PROPS as asked: see zfsCmd.listDatasets). A name cannot hold
 * a tab, so the fields split at tabs. `snapshots_changed` is `-` where zfs has no value (0 here: "unknown").
 */
export function parseDatasetList(
  stdout: string,
  props: readonly DatasetListProp[] = [],
): { name: string; type: DatasetType; resumeToken?: string; snapshotsChanged?: number }[] {
  return lines(stdout).map((line) => {
    const [name = '', type = '', ...rest] = line.split('\t');
    if (name === '' || !DATASET_TYPES.has(type) || rest.length !== props.length)
      throw malformed('zfs list dataset', line);
    const out: { name: string; type: DatasetType; resumeToken?: string; snapshotsChanged?: number } = {
      name,
      type: type as DatasetType,
    };
    for (const [i, p] of props.entries()) {
      const v = rest[i]!;
      if (p === 'receive_resume_token') out.resumeToken = v === '' ? '-' : v;
      else if (v === '-' || v === '') out.snapshotsChanged = 0;
      else if (DIGITS.test(v)) out.snapshotsChanged = Number(v);
      else throw malformed('zfs list dataset', line);
    }
    return out;
  });
}

/** `key = value` pairs of the nvlist that `zfs send -n -v -t TOKEN` prints (first occurrence of each key wins). */
function nvlistFields(stdout: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of stdout.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*) = (.*)$/.exec(line);
    if (m !== null && !fields.has(m[1] as string)) fields.set(m[1] as string, m[2] as string);
  }
  return fields;
}

/** A uint64 printed by nvlist_print (`0x4f5e…`, or decimal) as a decimal string; undefined if not a number. */
function uint64ToDecimal(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (v === undefined || !/^(0x[0-9a-fA-F]+|\d+)$/.test(v)) return undefined;
  return BigInt(v).toString();
}

/**
 * Decodes the output of `zfs send -n -v -t TOKEN` (OpenZFS prints `resume token contents:`, `nvlist version: 0`, then
 * tab-indented `toguid = 0x…`, `toname = pool/src@s3`, `fromguid = 0x…` and more). GUIDs become decimal strings.
 * Returns undefined when toname or toguid is missing. A missing or zero fromguid means an interrupted full send.
 */
export function parseResumeTokenInfo(stdout: string, token: string): ResumeState | undefined {
  const fields = nvlistFields(stdout);
  const toname = fields.get('toname');
  const toguid = uint64ToDecimal(fields.get('toguid'));
  if (toname === undefined || toname === '' || toguid === undefined) return undefined;
  const fromguid = uint64ToDecimal(fields.get('fromguid'));
  return {
    token,
    toguid,
    toname,
    ...(fromguid === undefined || fromguid === '0' ? {} : { fromguid }),
  };
}

/**
 * Parses `zfs get -Hp -o property,value type,logicalreferenced,receive_resume_token` output
 * (one `property<TAB>value` line each; an unset token is `-`).
 */
export function parseDestinationContents(stdout: string): DestinationContents {
  const props = new Map(
    lines(stdout).map((l) => {
      const tab = l.indexOf('\t');
      if (tab <= 0) throw malformed('zfs get', l);
      return [l.slice(0, tab), l.slice(tab + 1)] as const;
    }),
  );
  const type = props.get('type');
  const lref = props.get('logicalreferenced') ?? '';
  const token = props.get('receive_resume_token');
  if ((type !== 'filesystem' && type !== 'volume') || !DIGITS.test(lref) || token === undefined) {
    throw new BzfsError(`Cannot parse zfs get output: ${JSON.stringify(stdout)}`);
  }
  return { type, logicalReferenced: Number(lref), partialReceive: token !== '' && token !== '-' };
}

/** True when the decoded token says the interrupted stream was raw (`rawok = 1`; OpenZFS omits it otherwise). */
export function parseRawOk(stdout: string): boolean {
  return /^\s*rawok\s=/m.test(stdout);
}
