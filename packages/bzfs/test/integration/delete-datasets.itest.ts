import { describe, expect, it } from '@jest/globals';
import { bzfsAt, datasetNames, freshPoolsForEachTest, fullState, snapshot, zfs } from './harness.js';

// bzfs runs on the ZFS machine itself (local mode). Nothing here depends on the time, but every run has the same
// fixed clock anyway, so that no schedule or age can make a run differ from the next.
const S = 'bzdd_src';
const D = 'bzdd_dst';
const SRC = `${S}/data`;
const DST = `${D}/data`;
const AT = Date.UTC(2025, 0, 1);
const run = (...args: string[]) => bzfsAt(AT, args);
const output = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;
const tree = () => datasetNames(DST);

/** Creates the destination datasets (relative to DST, parents first), unmounted as bzfs leaves them. */
async function dstDatasets(...rel: string[]): Promise<void> {
  for (const r of rel) await zfs('create', '-u', `${DST}/${r}`);
}

describe('dataset deletion: --delete-dst-datasets and --delete-empty-dst-datasets (real ZFS)', () => {
  freshPoolsForEachTest(S, D);

  it('--delete-dst-datasets deletes what the source has not, one destroy per tree, never the excluded one', async () => {
    await zfs('create', `${SRC}/a`);
    await snapshot(`${SRC}@s1`, `${SRC}/a@s1`);
    expect((await run('-r', SRC, DST)).exitCode).toBe(0);
    await dstDatasets('bar', 'foo', 'foo/x', 'keep');
    await snapshot(`${DST}/bar@b1`, `${DST}/foo/x@x1`);
    const r = await run(
      '-r',
      '--skip-replication',
      '--delete-dst-datasets',
      '--exclude-dataset',
      'keep',
      SRC,
      DST,
    );
    expect(r.exitCode).toBe(0);
    expect(await tree()).toEqual(['', '/a', '/keep']);
    const out = output(r);
    expect(out).toContain(`Executing: zfs destroy -r ${DST}/foo`);
    expect(out).toContain(`Deleting dataset ${DST}/foo and its 1 descendant(s) (--delete-dst-datasets)`);
    expect(out).not.toContain(`zfs destroy -r ${DST}/foo/x`);
  });

  it('`dummy` as source: only the selected datasets go (here the tmp ones), with their descendants', async () => {
    await zfs('create', `${DST}`);
    await dstDatasets('tmp1', 'tmp1/y', 'a', 'a/tmp', 'a/b');
    const r = await run(
      '-r',
      '--skip-replication',
      '--delete-dst-datasets',
      '--include-dataset-regex=(.*/)?tmp.*',
      '--exclude-dataset-regex=!.*',
      'dummy',
      DST,
    );
    expect(r.exitCode).toBe(0);
    expect(await tree()).toEqual(['', '/a', '/a/b']);
  });

  it('--dryrun changes nothing, and says what each destroy would remove', async () => {
    await zfs('create', `${DST}`);
    await dstDatasets('gone', 'gone/x');
    await snapshot(`${DST}/gone/x@g1`);
    const before = await fullState(D);
    const r = await run('-r', '--dryrun', '--skip-replication', '--delete-dst-datasets', 'dummy', DST);
    expect(r.exitCode).toBe(0);
    expect(await fullState(D)).toBe(before);
    const out = output(r);
    expect(out).toContain(`Would execute: zfs destroy -r ${DST}`);
    expect(out).toContain(`Deleting ${DST} would remove 3 dataset(s) and 1 snapshot(s)`);
  });

  it('--delete-empty-dst-datasets: empty subtrees go, what holds a snapshot or bookmark stays with its parents', async () => {
    await zfs('create', `${DST}`);
    await snapshot(`${DST}@root`);
    await dstDatasets('axe', 'foo', 'foo/a', 'foo/a/e', 'foo/b', 'foo/b/c', 'marked', 'boo');
    await snapshot(`${DST}/foo/a/e@e1`, `${DST}/marked@m1`, `${DST}/boo@o1`);
    await zfs('bookmark', `${DST}/marked@m1`, `${DST}/marked#m1`);
    await zfs('destroy', `${DST}/marked@m1`);
    const args = ['-r', '--skip-replication', '--exclude-dataset', 'boo', 'dummy', DST];
    const r = await run('--delete-empty-dst-datasets', ...args);
    expect(r.exitCode).toBe(0);
    expect(await tree()).toEqual(['', '/boo', '/foo', '/foo/a', '/foo/a/e', '/marked']);
    // With =snapshots a bookmark no longer keeps its dataset.
    expect((await run('--delete-empty-dst-datasets=snapshots', ...args)).exitCode).toBe(0);
    expect(await tree()).toEqual(['', '/boo', '/foo', '/foo/a', '/foo/a/e']);
  });

  it('in one run: the snapshot deletion empties datasets, which then go', async () => {
    await zfs('create', `${DST}`);
    await dstDatasets('old', 'old/x', 'kept');
    await snapshot(`${DST}@r1`, `${DST}/old/x@old1`, `${DST}/kept@keep1`);
    const r = await run(
      '-r',
      '--skip-replication',
      '--delete-dst-snapshots',
      '--delete-empty-dst-datasets',
      '--include-snapshot-regex=old.*',
      '--',
      'dummy',
      DST,
    );
    expect(r.exitCode).toBe(0);
    expect(await tree()).toEqual(['', '/kept']);
  });
});
