import { describe, expect, it } from '@jest/globals';
import {
  bzfs,
  freshPoolsForEachTest,
  fullState,
  onZfsSh,
  snapshot,
  snapshotRows,
  writeData,
  zfs,
} from './harness.js';

// bzfs runs on the ZFS machine itself (local mode): pruning needs no ssh to be tested.
const S = 'bzrt_src';
const D = 'bzrt_dst';
const SRC = `${S}/data`;
const DST = `${D}/data`;
const run = (...args: string[]) => bzfs(args);
const names = async (root: string, types = 'snapshot') =>
  (await snapshotRows(root, types)).map((r) => r.name);
const output = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

/** Snapshots with some data between them, so that deleting one frees space. */
async function snapshotsWithData(...snaps: string[]): Promise<void> {
  for (const [i, s] of snaps.entries()) {
    await writeData(SRC, `f${i}`, 32);
    await snapshot(`${SRC}@${s}`);
  }
}

describe('retention: bzfs --delete-dst-snapshots (real ZFS)', () => {
  freshPoolsForEachTest(S, D);

  it('destination pruning with --delete-dst-snapshots-except-plan keeps exactly the planned snapshots', async () => {
    // adhoc has no period: only the latest 2 are kept; daily: all younger than 1 day (all of them here).
    await snapshotsWithData(
      'other_1',
      'prod_onsite_2024-01-01_00:00:01_adhoc',
      'prod_onsite_2024-01-01_00:00:02_adhoc',
      'prod_onsite_2024-01-01_00:00:03_daily',
      'prod_onsite_2024-01-01_00:00:04_adhoc',
      'prod_onsite_2024-01-01_00:00:05_adhoc',
      'prod_onsite_2024-01-01_00:00:06_daily',
    );
    expect((await run(SRC, DST)).exitCode).toBe(0);
    const plan = JSON.stringify({ prod: { onsite: { adhoc: 2, daily: 1 } } });
    const r = await run(
      '--skip-replication',
      '--delete-dst-snapshots',
      '--delete-dst-snapshots-except-plan',
      plan,
      SRC,
      DST,
    );
    expect(r.exitCode).toBe(0);
    expect(await names(DST)).toEqual([
      '@prod_onsite_2024-01-01_00:00:03_daily',
      '@prod_onsite_2024-01-01_00:00:04_adhoc',
      '@prod_onsite_2024-01-01_00:00:05_adhoc',
      '@prod_onsite_2024-01-01_00:00:06_daily',
    ]);
    // The source is not touched by a destination prune.
    expect(await names(SRC)).toHaveLength(7);
  });

  it('source pruning via dummy: selected snapshots go, a held one survives', async () => {
    await snapshotsWithData('old1', 'old2', 'old3', 'new1');
    await zfs('hold', 'itest', `${SRC}@old2`);
    const r = await run(
      '--skip-replication',
      '--delete-dst-snapshots',
      '--include-snapshot-regex',
      'old.*',
      '--',
      'dummy',
      SRC,
    );
    expect(r.exitCode).toBe(0);
    expect(await names(SRC)).toEqual(['@old2', '@new1']);
    expect(output(r)).toMatch(/Not deleting bzrt_src\/data@old2: it is held/);
  });

  it('source pruning of bookmarks via dummy: the selected bookmarks go, the snapshots stay', async () => {
    await snapshotsWithData('b1', 'b2', 'b3');
    for (const b of ['b1', 'b2', 'b3']) await zfs('bookmark', `${SRC}@${b}`, `${SRC}#${b}`);
    const r = await run(
      '--skip-replication',
      '--delete-dst-snapshots=bookmarks',
      '--include-snapshot-regex',
      'b[12]',
      '--',
      'dummy',
      SRC,
    );
    expect(r.exitCode).toBe(0);
    expect(await names(SRC, 'bookmark')).toEqual(['#b3']);
    expect(await names(SRC)).toEqual(['@b1', '@b2', '@b3']);
  });

  it('--dryrun prunes nothing and prints the reclaimable space', async () => {
    await snapshotsWithData('d1', 'd2', 'd3');
    // Only the snapshots keep the data now: destroying them would free it.
    await onZfsSh('rm -f "$1"/f*', `/bzfs-itest/${SRC}`);
    const before = await fullState(S);
    const r = await run('--dryrun', '--skip-replication', '--delete-dst-snapshots=snapshots', 'dummy', SRC);
    expect(r.exitCode).toBe(0);
    expect(await fullState(S)).toBe(before);
    const out = output(r);
    expect(out).toContain(`Would execute: zfs destroy ${SRC}@d1,d2,d3`);
    const m = /would reclaim (\d+) bytes \([^)]*\) in total/.exec(out);
    expect(m).not.toBeNull();
    // 3 × 32 KiB of random data that only the snapshots still reference.
    expect(Number(m![1])).toBeGreaterThanOrEqual(64 * 1024);
  });

  it('the latest common snapshot survives a destination prune that would select it', async () => {
    await snapshotsWithData('s1', 's2', 's3');
    expect((await run(SRC, DST)).exitCode).toBe(0);
    const r = await run(
      '--skip-replication',
      '--delete-dst-snapshots',
      '--delete-dst-snapshots-except',
      '--include-snapshot-regex',
      'nothing',
      '--',
      SRC,
      DST,
    );
    expect(r.exitCode).toBe(0);
    expect(await names(DST)).toEqual(['@s3']);
    expect(output(r)).toMatch(/Keeping bzrt_dst\/data@s3 although the rules delete it/);
    // The next replication is still incremental from it.
    await snapshotsWithData('s4');
    expect((await run(SRC, DST)).exitCode).toBe(0);
    expect(await names(DST)).toEqual(['@s3', '@s4']);
  });
});
