import { describe, expect, it } from '@jest/globals';
import type { SnapshotRef } from '../model/snapshot.js';
import { UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { datasetSelector } from '../filters/dataset-filter.js';
import { selectSnapshots } from '../filters/select-snapshots.js';
import { parseCli } from './args.js';

// User regexes (snapshot and dataset) must be complete patterns on their own, and are matched in
// linear time (RE2), so a pattern can neither widen the whole-name match nor hang the run.

const ENV = { home: '/home/u', cpus: 8 };
const config = async (...opts: string[]) => {
  // `--` ends the values of --include-snapshot-regex A B (nargs='+'), as with argparse.
  const r = await parseCli([...opts, '--', 'pool/src', 'pool/dst'], ENV);
  if (r.config === undefined) throw new Error('no config');
  return r.config;
};
const refusal = (...opts: string[]) =>
  parseCli([...opts, 'pool/src', 'pool/dst'], ENV).then(
    () => undefined,
    (e: unknown) => e,
  );
const snap = (name: string, i: number): SnapshotRef => ({
  kind: 'snapshot',
  dataset: 'pool/src',
  name,
  guid: String(i),
  createtxg: BigInt(i),
  creation: i,
});
const pickSnapshots = async (opts: string[], names: string[]) => {
  const c = await config(...opts);
  return selectSnapshots(names.map(snap), c.selection.snapshotFilters, 0).map((s) => s.name);
};
/** The one regex filter the options make. */
const regexFilter = async (...opts: string[]) => {
  const f = (await config(...opts)).selection.snapshotFilters[0]![0]!;
  if (f.kind !== 'regex') throw new Error('expected a regex filter');
  return f;
};

const OPTIONS = [
  '--include-snapshot-regex',
  '--exclude-snapshot-regex',
  '--include-dataset-regex',
  '--exclude-dataset-regex',
];

describe('user regexes', () => {
  it.each(
    OPTIONS.flatMap((o) =>
      ['zzz)|(?:', 'a)(b', '!zzz)|(?:', '!a)(b', '(', 'a(?!b)', '(a)\\1', '!(?<=x)y'].map((p) => [o, p]),
    ),
  )('%s %s is refused with exit 2 naming the option', async (option, pattern) => {
    const err = await refusal(`${option}=${pattern}`);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(ExitCode.USAGE);
    expect((err as Error).message).toContain(option);
    expect((err as Error).message).toContain(pattern);
  });

  it("the README's snapshot examples still select by whole name", async () => {
    const names = ['daily_1', 'daily_1_tmp', 'xdaily_1', 'hourly_1', 'daily_'];
    expect(
      await pickSnapshots(
        ['--include-snapshot-regex', 'daily_.*', '--exclude-snapshot-regex', '.*_tmp'],
        names,
      ),
    ).toEqual(['daily_1', 'daily_']);
    expect(await pickSnapshots(['--include-snapshot-regex=a|daily_1'], names)).toEqual(['daily_1']);
  });

  it('! negates the whole-name match', async () => {
    const names = ['daily_1', 'hourly_1', 'xhourly_1'];
    expect(await pickSnapshots(['--include-snapshot-regex=!hourly_.*'], names)).toEqual([
      'daily_1',
      'xhourly_1',
    ]);
    expect(await pickSnapshots(['--exclude-snapshot-regex=!hourly_.*'], names)).toEqual(['hourly_1']);
    expect(await pickSnapshots(['--include-snapshot-regex=!a|hourly_1'], names)).toEqual([
      'daily_1',
      'xhourly_1',
    ]);
  });

  it("the README's dataset examples and the tmp default still work", async () => {
    const tree = ['pool/src', 'pool/src/a', 'pool/src/a/b', 'pool/src/tmp', 'pool/src/c', 'pool/src/ab'];
    const pick = async (...opts: string[]) => {
      const c = await config(...opts);
      return tree.filter(datasetSelector('pool/src', c.selection));
    };
    expect(await pick()).toEqual(['pool/src', 'pool/src/a', 'pool/src/a/b', 'pool/src/c', 'pool/src/ab']);
    expect(await pick('--exclude-dataset-regex=!.*')).toEqual(tree);
    expect(await pick('--include-dataset-regex=a')).toEqual(['pool/src/a', 'pool/src/a/b']);
    expect(await pick('--include-dataset-regex=!a')).toEqual(['pool/src', 'pool/src/c', 'pool/src/ab']);
    expect(await pick('--include-dataset-regex=a|c')).toEqual(['pool/src/a', 'pool/src/a/b', 'pool/src/c']);
  });

  // With a backtracking engine each of these takes about 2^60 steps: the run would never end.
  it('a catastrophic pattern against a 60-character name returns (snapshots)', async () => {
    const f = await regexFilter('--include-snapshot-regex=(a+)+b', '--exclude-snapshot-regex=!(a|aa)+');
    expect(f.include[0]!.test('a'.repeat(60))).toBe(false);
    expect(f.include[0]!.test(`${'a'.repeat(60)}b`)).toBe(true);
    expect(f.exclude[0]!.test(`${'a'.repeat(60)}c`)).toBe(true);
  });

  it('a catastrophic pattern against a 60-character name returns (datasets)', async () => {
    const c = await config('--include-dataset-regex=(a+)+b');
    const selected = datasetSelector('pool/src', c.selection);
    expect(selected(`pool/src/${'a'.repeat(60)}`)).toBe(false);
    expect(selected(`pool/src/${'a'.repeat(60)}b/${'a'.repeat(60)}`)).toBe(true);
  });

  it('the same patterns give the same lock key, different ones a different key', async () => {
    const key = async (...o: string[]) => (await config(...o)).lockKey;
    const ab = await key('--include-snapshot-regex=a', '--include-snapshot-regex=b');
    expect(await key('--include-snapshot-regex=b', '--include-snapshot-regex=a')).toBe(ab);
    expect(await key('--include-snapshot-regex=a', '--include-snapshot-regex=!b')).not.toBe(ab);
    expect(await key('--exclude-snapshot-regex=a', '--exclude-snapshot-regex=b')).not.toBe(ab);
  });
});
