import { describe, expect, it } from '@jest/globals';
import {
  freshPoolsForEachTest,
  bzfs,
  expectReplica,
  fullState,
  hostSshArgs,
  onZfs,
  snapshot,
  snapshotRows,
  writeData,
  zfs,
} from './harness.js';

// bzfs runs on this machine against the guest's aliases (pull-push): the fastest way to drive it.
const S = 'bzsrc';
const D = 'bzdst';
const run = (...args: string[]) =>
  bzfs([...hostSshArgs(), ...args, `bzfs-src:${S}/data`, `bzfs-dst:${D}/data`], 'host');

async function replicatedOnce(): Promise<void> {
  await writeData(`${S}/data`, 'f1');
  await snapshot(`${S}/data@s1`);
  expect((await run()).exitCode).toBe(0);
}

describe('conflicts and the --force family (real ZFS)', () => {
  freshPoolsForEachTest(S, D);

  it('refuses a destination with snapshots newer than the common one; --force-rollback-to-latest-common-snapshot resolves it', async () => {
    await replicatedOnce();
    await snapshot(`${D}/data@dst_only`);
    await snapshot(`${S}/data@s2`);
    const before = await fullState(D);
    const refused = await run();
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(
      /Conflict: destination .*newer than the latest common snapshot s1.*dst_only/,
    );
    expect(refused.stderr).toMatch(/--force-rollback-to-latest-common-snapshot/);
    expect(await fullState(D)).toBe(before);

    const forced = await run('--force-rollback-to-latest-common-snapshot');
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toMatch(/zfs rollback -r .*bzdst\/data@s1/);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('refuses a destination that shares no snapshot; --force destroys its snapshots and sends in full', async () => {
    await writeData(`${S}/data`, 'f1');
    await snapshot(`${S}/data@s1`);
    await zfs('create', `${D}/data`);
    await snapshot(`${D}/data@s1`); // same name, different GUID: not common
    const refused = await run();
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/none in common .*--force/s);

    const forced = await run('--force');
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toMatch(/zfs destroy .*bzdst\/data@s1/);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('--force-rollback-to-latest-snapshot discards changes made on the destination since its newest snapshot', async () => {
    await replicatedOnce();
    await zfs('mount', `${D}/data`);
    await writeData(`${D}/data`, 'local-edit');
    await snapshot(`${S}/data@s2`);
    const refused = await run();
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/has been modified\s+since most recent snapshot/);
    expect(refused.stderr).toMatch(/--force-rollback-to-latest-snapshot/);
    const forced = await run('--force-rollback-to-latest-snapshot');
    expect(forced.exitCode).toBe(0);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('--force-destroy-dependents also removes clones of the snapshots rolled back; --force-unmount adds -f', async () => {
    await replicatedOnce();
    await snapshot(`${D}/data@dst_only`);
    await zfs('clone', `${D}/data@dst_only`, `${D}/clone`);
    await snapshot(`${S}/data@s2`);
    const blocked = await run('--force-rollback-to-latest-common-snapshot');
    expect(blocked.exitCode).toBe(3);
    expect(blocked.stderr).toMatch(/clone/);
    const forced = await run(
      '--force-rollback-to-latest-common-snapshot',
      '--force-destroy-dependents',
      '--force-unmount',
    );
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toMatch(/zfs rollback -r -R -f .*bzdst\/data@s1/);
    expect((await onZfs(['zfs', 'list', `${D}/clone`], { allowFailure: true })).exitCode).not.toBe(0);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('--force-once resolves the first conflict only', async () => {
    await zfs('create', `${S}/data/child`);
    await zfs('snapshot', '-r', `${S}/data@s1`);
    expect((await run('-r')).exitCode).toBe(0);
    await snapshot(`${D}/data@x`, `${D}/data/child@x`);
    await zfs('snapshot', '-r', `${S}/data@s2`);
    const r = await run('-r', '--force', '--force-once');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/--force-once was already used/);
    // The parent was forced and replicated; the child kept its conflicting snapshot.
    expect((await snapshotRows(`${D}/data`)).map((x) => x.name)).toEqual([
      '@s1',
      '/child@s1',
      '/child@x',
      '@s2',
    ]);
  });
});
