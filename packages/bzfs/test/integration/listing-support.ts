/** Shared by listing.itest.ts and cache.itest.ts: a tree of datasets, and what a bzfs run's log says it ran. */
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { onZfsSh, type Result, type Where } from './harness.js';

/** ROOT and 19 children (c01..c19, c05 with a grandchild g): 20 datasets, each with the snapshots named. */
export async function makeTree(root: string, ...snapshots: string[]): Promise<string[]> {
  const children = Array.from({ length: 18 }, (_, i) => `${root}/c${String(i + 1).padStart(2, '0')}`);
  const all = [root, ...children, `${root}/c05/g`];
  await onZfsSh('for ds in "$@"; do zfs create -p "$ds" || exit 1; done', ...all.slice(1));
  for (const s of snapshots) await onZfsSh('zfs snapshot -r "$1"', `${root}@${s}`);
  return all;
}

export function expectOk(r: Result): void {
  if (r.exitCode !== 0) throw new Error(`bzfs exited ${r.exitCode}\n${r.stderr}`);
}

/**
 * The commands a bzfs run logged: its log file logs every command at trace level (`run: ...`), and a run with
 * `-v` names its log file on stderr (at debug).
 */
export async function commandsOf(r: Result, where: Where = 'zfs'): Promise<string[]> {
  const file = /Log file is: (\S+)/.exec(r.stderr)?.[1];
  if (file === undefined) throw new Error(`the run did not name its log file (run it with -v)\n${r.stderr}`);
  const text = where === 'zfs' ? await onZfsSh('cat "$1"', file) : readFileSync(file, 'utf8');
  return text
    .split('\n')
    .map((l) => /\brun: (.*)$/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined);
}

export const snapshotListings = (cmds: readonly string[]) =>
  cmds.filter((c) => /\bzfs list -t snapshot/.test(c));

/** The datasets a listing command names (the arguments after `-s createtxg`). */
export function listedDatasets(cmd: string): string[] {
  const at = cmd.indexOf('-s createtxg ');
  expect(at).toBeGreaterThan(0);
  return cmd.slice(at + '-s createtxg '.length).split(' ');
}
