/** Pure parsers for what pruning reads: the candidate listing with holds, and `zfs destroy -n -v` output. */
import { BzfsError } from '../model/errors.js';
import type { PruneCandidate } from '../plan/retention/types.js';
import { parseSnapshotList } from './parse.js';

/**
 * Parses `zfs list -Hp -o name,guid,createtxg,creation,userrefs` output. A bookmark has no holds: its
 * userrefs is `-`, read as 0.
 */
export function parsePruneCandidates(stdout: string): PruneCandidate[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      const userrefs = line.slice(tab + 1);
      const [ref] = tab < 0 ? [] : parseSnapshotList(line.slice(0, tab));
      if (ref === undefined || !/^(\d+|-)$/.test(userrefs)) {
        throw new BzfsError(`Cannot parse zfs list snapshot line: ${JSON.stringify(line)}`);
      }
      return { ...ref, userrefs: userrefs === '-' ? 0 : Number(userrefs) };
    });
}

export interface DestroyDryRun {
  /** What zfs would destroy, in its order: the snapshots, and with -R their dependent clones. */
  readonly wouldDestroy: readonly string[];
  /** The space it would free, in bytes. */
  readonly reclaimBytes: number;
  /** False when read from the human form, which keeps three significant digits (`1.50M`). */
  readonly exact: boolean;
}

const UNITS = 'BKMGTPE';

/**
 * A size as zfs_nicebytes prints it (OpenZFS 2.x: `0B`, `512B`, `1.50K`, `10.0K`, `128K`, `3.25G`, powers of 1024)
 * or zfs_nicenum (0.8: `512`, `1.50K`); a decimal comma (a non-C locale) is accepted too.
 */
function parseNiceBytes(s: string): number | undefined {
  const m = /^(\d+(?:[.,]\d+)?)([BKMGTPE]?)$/.exec(s);
  if (m === null) return undefined;
  const exponent = Math.max(0, UNITS.indexOf(m[2] || 'B'));
  return Math.round(Number((m[1] as string).replace(',', '.')) * 1024 ** exponent);
}

/**
 * Parses the stdout of `zfs destroy -n -v [-p] ds@a,b`: `would destroy NAME` lines and `would reclaim SIZE`, or with
 * -p `destroy<TAB>NAME` lines and `reclaim<TAB>BYTES` (exact). `will` instead of `would` (a real run with -v) is read
 * alike. Any other line, or no reclaim line, is an error: the format changed, and a guessed figure would mislead.
 */
export function parseDestroyDryRun(stdout: string): DestroyDryRun {
  const wouldDestroy: string[] = [];
  let reclaim: { bytes: number; exact: boolean } | undefined;
  for (const raw of stdout.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const destroy = /^(?:would|will) destroy (.+)$/.exec(line) ?? /^destroy\t(.+)$/.exec(line);
    if (destroy !== null) {
      wouldDestroy.push(destroy[1] as string);
      continue;
    }
    const exact = /^reclaim\t(\d+)$/.exec(line);
    const human = /^(?:would|will) reclaim (\S+)$/.exec(line);
    const bytes = exact !== null ? Number(exact[1]) : parseNiceBytes(human?.[1] ?? '');
    if (bytes === undefined)
      throw new BzfsError(`Cannot parse zfs destroy -n -v line: ${JSON.stringify(line)}`);
    reclaim = { bytes, exact: exact !== null };
  }
  if (reclaim === undefined) {
    throw new BzfsError(`zfs destroy -n -v printed no reclaim line: ${JSON.stringify(stdout)}`);
  }
  return { wouldDestroy, reclaimBytes: reclaim.bytes, exact: reclaim.exact };
}

/**
 * Parses the stdout of `zfs destroy -n -v -p -r DS`: one `destroy<TAB>NAME` line per dataset and snapshot it
 * would remove (zfs prints no space figure when a dataset is destroyed). Any other line is an error.
 */
export function parseDestroyTreeDryRun(stdout: string): string[] {
  const names: string[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const m = /^destroy\t(.+)$/.exec(line);
    if (m === null) throw new BzfsError(`Cannot parse zfs destroy -n -v -p line: ${JSON.stringify(line)}`);
    names.push(m[1] as string);
  }
  return names;
}
