import { describe, expect, it } from '@jest/globals';
import {
  bzfs,
  bzfsAt,
  freshPoolsForEachTest,
  onZfs,
  snapshot,
  snapshotRows,
  writeData,
  zfs,
} from './harness.js';

// --compare-snapshot-lists on real ZFS: bzfs runs on the ZFS machine, writes its TSV files beside its
// log file there, and names the snapshots file in the log; the test reads both files back.
const S = 'bzcmp_src';
const D = 'bzcmp_dst';
const SRC = `${S}/data`;
const DST = `${D}/data`;
/** A fixed "now" for the summary's ages (2030-01-01T00:00:00Z), after every snapshot made here. */
const NOW_MS = Date.UTC(2030, 0, 1);

function expectOk(r: { exitCode: number; stderr: string }): void {
  if (r.exitCode !== 0) throw new Error(`bzfs exited ${r.exitCode}\n${r.stderr}`);
}

/**
 * Runs the comparison; returns the log and both files, each row split into its columns. The bare
 * option takes the next word as its value (as argparse's nargs='?'): it goes after the datasets
 * or before another option, or is written `--compare-snapshot-lists=...`.
 */
async function compare(...args: string[]) {
  const r = await bzfsAt(NOW_MS, ['--skip-replication', ...args]);
  expectOk(r);
  const path = / is: (\S+\.tsv)$/m.exec(r.stderr)?.[1];
  if (path === undefined) throw new Error(`no TSV file named in the log:\n${r.stderr}`);
  const read = async (p: string) =>
    (await onZfs(['cat', p])).stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
  const [header, ...rows] = await read(path);
  const [, ...datasets] = await read(path.replace(/\.tsv$/, '.rel_datasets_tsv'));
  return { log: r.stderr, path, header, rows, datasets };
}
/** `location rel_name` of each row, sorted (snapshots made in the same second on two pools have no order). */
const tags = (rows: string[][]) => rows.map((c) => `${c[0]} ${c[3]}`).sort();

describe('compare: bzfs --compare-snapshot-lists (real ZFS)', () => {
  freshPoolsForEachTest(S, D);

  it('tags common, source-only and destination-only snapshots; bookmarks stand for pruned snapshots', async () => {
    await writeData(SRC, 'f1', 32);
    await snapshot(`${SRC}@s1`);
    await writeData(SRC, 'f2', 32);
    await snapshot(`${SRC}@s2`);
    expectOk(await bzfs([SRC, DST]));
    await snapshot(`${SRC}@s3`, `${DST}@d1`);

    const c = await compare(SRC, DST, '--compare-snapshot-lists');
    expect(c.path).toMatch(/\.cmp\/bzcmp_src~data%bzcmp_dst~data\.tsv$/);
    expect(c.header).toEqual([
      'location',
      'creation_iso',
      'createtxg',
      'rel_name',
      'guid',
      'root_dataset',
      'rel_dataset',
      'name',
      'creation',
      'written',
    ]);
    expect(tags(c.rows)).toEqual(['all @s1', 'all @s2', 'dst @d1', 'src @s3']);
    // A common snapshot is described by the source: its GUID, its root, its name.
    const guids = new Map((await snapshotRows(SRC)).map((r) => [r.name, r.guid]));
    const s1 = c.rows.find((row) => row[3] === '@s1')!;
    expect([s1[4], s1[5], s1[6], s1[7]]).toEqual([guids.get('@s1'), SRC, '', `${SRC}@s1`]);
    expect(s1[9]).toMatch(/^\d+$/);
    expect(c.rows.find((row) => row[0] === 'dst')![5]).toBe(DST);
    expect(c.datasets).toEqual([['all', '', SRC, DST]]);
    expect(c.log).toContain('Comparing ~ Snapshots only in src: 1');
    expect(c.log).toContain('Comparing ~ Snapshots only in dst: 1');
    expect(c.log).toMatch(/Comparing ~ Q: .* A: False$/m);

    // Replication left bookmarks of what it sent: the source's s1 can go, its bookmark still matches.
    await zfs('destroy', `${SRC}@s1`);
    const pruned = await compare(SRC, DST, '--compare-snapshot-lists');
    expect(tags(pruned.rows)).toEqual(['all #s1', 'all @s2', 'dst @d1', 'src @s3']);
    const noBookmarks = await compare('--compare-snapshot-lists', '--no-use-bookmark', SRC, DST);
    expect(tags(noBookmarks.rows)).toEqual(['all @s2', 'dst @d1', 'dst @s1', 'src @s3']);
    // Only the requested locations.
    const missing = await compare('--compare-snapshot-lists=src+dst', SRC, DST);
    expect(tags(missing.rows)).toEqual(['dst @d1', 'src @s3']);
  });

  it('-r: datasets on one side only are listed in the second file', async () => {
    await snapshot(`${SRC}@s1`);
    expectOk(await bzfs(['-r', SRC, DST]));
    await zfs('create', `${SRC}/child`);
    await snapshot(`${SRC}/child@c1`);
    await zfs('create', '-u', `${DST}/extra`);
    await snapshot(`${DST}/extra@e1`);

    const c = await compare('-r', SRC, DST, '--compare-snapshot-lists');
    expect(c.rows.map((row) => `${row[0]} ${row[6]} ${row[3]}`)).toEqual([
      'all  @s1',
      'src /child /child@c1',
      'dst /extra /extra@e1',
    ]);
    expect(c.datasets).toEqual([
      ['all', '', SRC, DST],
      ['src', '/child', `${SRC}/child`, ''],
      ['dst', '/extra', '', `${DST}/extra`],
    ]);
  });

  it('a `dummy` source: everything on the destination is dst', async () => {
    await snapshot(`${SRC}@s1`);
    expectOk(await bzfs([SRC, DST]));
    const c = await compare('dummy', DST, '--compare-snapshot-lists');
    expect(tags(c.rows)).toEqual(['dst @s1']);
    expect(c.datasets).toEqual([['dst', '', '', DST]]);
  });
});
