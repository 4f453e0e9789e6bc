import { describe, expect, it } from '@jest/globals';
import {
  freshPoolsForEachTest,
  bzfs,
  expectReplica,
  hostSshArgs,
  snapshot,
  snapshotRows,
  writeData,
  zfs,
  datasetNames,
  type Where,
} from './harness.js';

const SRC = 'bzsrc';
const DST = 'bzdst';

function expectOk(r: { exitCode: number; stderr: string }): void {
  if (r.exitCode !== 0) throw new Error(`bzfs exited ${r.exitCode}\n${r.stderr}`);
}

describe('replication on real ZFS', () => {
  freshPoolsForEachTest(SRC, DST);

  it('first run sends in full, the next run only the increments (local mode)', async () => {
    await writeData(`${SRC}/data`, 'f1');
    await snapshot(`${SRC}/data@s1`);
    await writeData(`${SRC}/data`, 'f2');
    await snapshot(`${SRC}/data@s2`);

    const first = await bzfs([`${SRC}/data`, `${DST}/backup/data`]);
    expectOk(first);
    expect(first.stderr).toMatch(/full → s1/);
    expect(first.stderr).toMatch(/-i s1 → s2|-I s1 → s2/);
    await expectReplica(`${SRC}/data`, `${DST}/backup/data`);
    // The missing ancestor was created, unmounted.
    expect((await zfs('get', '-H', '-o', 'value', 'mounted', `${DST}/backup`)).trim()).toBe('no');

    await writeData(`${SRC}/data`, 'f3');
    await snapshot(`${SRC}/data@s3`, `${SRC}/data@s4`);
    const second = await bzfs([`${SRC}/data`, `${DST}/backup/data`]);
    expectOk(second);
    expect(second.stderr).not.toMatch(/full →/);
    expect(second.stderr).toMatch(/-I s2 → s4/);
    await expectReplica(`${SRC}/data`, `${DST}/backup/data`);

    const third = await bzfs([`${SRC}/data`, `${DST}/backup/data`]);
    expectOk(third);
    expect(third.stderr).toMatch(/Already up-to-date/);
    expect(third.stderr).not.toMatch(/Executing \(/);
    // Bookmarks of what was sent stay on the source as incremental bases.
    expect((await snapshotRows(`${SRC}/data`, 'bookmark')).map((r) => r.name)).toEqual(
      expect.arrayContaining(['#s1', '#s4']),
    );
  });

  it('replicates a recursive tree, then a child that appears later', async () => {
    await zfs('create', `${SRC}/data/a`);
    await zfs('create', `${SRC}/data/a/b`);
    await writeData(`${SRC}/data/a/b`, 'x');
    await zfs('snapshot', '-r', `${SRC}/data@t1`);
    expectOk(await bzfs(['--recursive', `${SRC}/data`, `${DST}/data`]));
    await expectReplica(`${SRC}/data`, `${DST}/data`);

    await zfs('create', `${SRC}/data/new`);
    await writeData(`${SRC}/data/new`, 'n');
    await zfs('snapshot', '-r', `${SRC}/data@t2`);
    expectOk(await bzfs(['-r', `${SRC}/data`, `${DST}/data`]));
    await expectReplica(`${SRC}/data`, `${DST}/data`);
    expect(await datasetNames(`${DST}/data`)).toEqual(['', '/a', '/a/b', '/new']);
  });

  it('leaves tmp/temp datasets out by default, like the original; --exclude-dataset-regex replaces that default', async () => {
    for (const child of ['keep', 'tmp', 'keep/temp2']) await zfs('create', `${SRC}/data/${child}`);
    await zfs('snapshot', '-r', `${SRC}/data@t1`);
    const pair = [...hostSshArgs(), '-r', `bzfs-src:${SRC}/data`, `bzfs-dst:${DST}/data`];
    expectOk(await bzfs(pair, 'host'));
    expect(await datasetNames(`${DST}/data`)).toEqual(['', '/keep']);
    expectOk(await bzfs(['--exclude-dataset-regex=!.*', ...pair], 'host'));
    expect(await datasetNames(`${DST}/data`)).toEqual(['', '/keep', '/keep/temp2', '/tmp']);
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });

  it('snapshot filters: excluded snapshots are jumped over with -i, never sent', async () => {
    const names = ['daily_1', 'hourly_1', 'daily_2', 'hourly_2', 'hourly_3', 'daily_3'];
    for (const n of names) {
      await writeData(`${SRC}/data`, n, 16);
      await snapshot(`${SRC}/data@${n}`);
    }
    const pair = [...hostSshArgs(), `bzfs-src:${SRC}/data`, `bzfs-dst:${DST}/data`];
    const r = await bzfs(['--exclude-snapshot-regex', 'hourly_.*', ...pair], 'host');
    expectOk(r);
    expect(r.stderr).toMatch(/full → daily_1/);
    expect(r.stderr).toMatch(/-i daily_1 → daily_2/);
    expect(r.stderr).toMatch(/-i daily_2 → daily_3/);
    const src = await snapshotRows(`${SRC}/data`);
    expect(await snapshotRows(`${DST}/data`)).toEqual(src.filter((x) => x.name.includes('daily')));
    // The negated include selects the same; nothing new, so nothing is sent.
    const again = await bzfs(['--include-snapshot-regex=!hourly_.*', ...pair], 'host');
    expectOk(again);
    expect(again.stderr).toMatch(/Already up-to-date/);
  });

  it('--skip-parent replicates only the descendants', async () => {
    await zfs('create', `${SRC}/data/c1`);
    await zfs('snapshot', '-r', `${SRC}/data@t1`);
    expectOk(await bzfs(['-r', '--skip-parent', `${SRC}/data`, `${DST}/sp`]));
    expect(await snapshotRows(`${DST}/sp`)).toEqual(
      (await snapshotRows(`${SRC}/data`)).filter((r) => r.name.startsWith('/c1')),
    );
  });

  it.each<[string, Where, (s: string) => string, (d: string) => string]>([
    ['push (bzfs on the source host)', 'zfs', (s: string) => s, (d: string) => `bzfs-dst:${d}`],
    ['pull (bzfs on the destination host)', 'zfs', (s: string) => `bzfs-src:${s}`, (d: string) => d],
    [
      'pull-push (bzfs on a third host, both sides remote)',
      'host',
      (s: string) => `bzfs-src:${s}`,
      (d: string) => `bzfs-dst:${d}`,
    ],
  ])('%s', async (_name, where, srcLoc, dstLoc) => {
    await writeData(`${SRC}/data`, 'f1', 256);
    await snapshot(`${SRC}/data@m1`);
    const args = [...(where === 'host' ? hostSshArgs() : []), srcLoc(`${SRC}/data`), dstLoc(`${DST}/data`)];
    expectOk(await bzfs(args, where));
    await writeData(`${SRC}/data`, 'f2', 256);
    await snapshot(`${SRC}/data@m2`);
    const r = await bzfs(args, where);
    expectOk(r);
    expect(r.stderr).toMatch(/-i m1 → m2/);
    expect(r.stderr).toMatch(/ssh /);
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });
});
