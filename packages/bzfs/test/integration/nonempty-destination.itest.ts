import { describe, expect, it } from '@jest/globals';
import {
  freshPoolsForEachTest,
  bzfs,
  expectReplica,
  fullState,
  hostSshArgs,
  onZfs,
  onZfsSh,
  snapshot,
  writeData,
  zfs,
} from './harness.js';

// A destination that exists without snapshots: refused when it holds data (a full `zfs receive -F`
// would overwrite it), received into when it is empty. Pools of their own: other files use bzsrc/bzdst.
const S = 'bzne_src';
const D = 'bzne_dst';
const run = (...args: string[]) =>
  bzfs([...hostSshArgs(), ...args, `bzfs-src:${S}/data`, `bzfs-dst:${D}/data`], 'host');

/** sha256 of every file in a mounted dataset, read live (not from a snapshot: it has none). */
async function liveChecksums(dataset: string): Promise<string> {
  const mp = (await zfs('get', '-H', '-o', 'value', 'mountpoint', dataset)).trim();
  return onZfsSh('cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum', mp);
}

/** Destination state after all pending writes reached the pool, so two reads compare equal. */
async function settledState(): Promise<{ state: string; files: string }> {
  await onZfs(['zpool', 'sync', D]);
  return { state: await fullState(D), files: await liveChecksums(`${D}/data`) };
}

async function sourceWithSnapshots(): Promise<void> {
  await writeData(`${S}/data`, 'f1');
  await snapshot(`${S}/data@s1`);
  await writeData(`${S}/data`, 'f2');
  await snapshot(`${S}/data@s2`);
}

describe('a destination that exists without snapshots (real ZFS)', () => {
  freshPoolsForEachTest(S, D);

  it('holding a file: refused with exit 3 naming --force, and left exactly as it was', async () => {
    await sourceWithSnapshots();
    await zfs('create', `${D}/data`);
    await writeData(`${D}/data`, 'precious', 1024);
    const before = await settledState();
    expect(before.files).toMatch(/precious/);

    const refused = await run();
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/destination bzne_dst\/data exists and has no snapshots, but holds/);
    expect(refused.stderr).toMatch(/--force/);
    expect(refused.stderr).not.toMatch(/Executing.*zfs receive/);
    expect(await settledState()).toEqual(before);
  });

  it('holding a file, with --force: overwritten by a full replication', async () => {
    await sourceWithSnapshots();
    await zfs('create', `${D}/data`);
    await writeData(`${D}/data`, 'precious', 1024);

    const forced = await run('--force');
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toMatch(/zfs receive -s -F -u .*bzne_dst\/data/);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('empty, made with `zfs create`: received into without --force', async () => {
    await sourceWithSnapshots();
    await zfs('create', `${D}/data`);
    await onZfs(['zpool', 'sync', D]);

    const r = await run();
    expect(r.exitCode).toBe(0);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('empty because bzfs made it (--skip-parent): a later run receives into it without --force', async () => {
    await zfs('create', `${S}/data/child`);
    await writeData(`${S}/data/child`, 'c1');
    await snapshot(`${S}/data/child@s1`);
    const first = await run('--recursive', '--skip-parent');
    expect(first.exitCode).toBe(0);

    // Now the parent has a snapshot too, and its destination exists empty with a replicated child.
    await writeData(`${S}/data`, 'f1');
    await snapshot(`${S}/data@s1`);
    const second = await run('--recursive');
    expect(second.exitCode).toBe(0);
    await expectReplica(`${S}/data`, `${D}/data`);
  });
});
