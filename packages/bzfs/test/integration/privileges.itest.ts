import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bzfs,
  createPool,
  destroyPool,
  expectReplica,
  hostSshArgs,
  onZfsSh,
  snapshot,
  writeData,
  zfs,
} from './harness.js';

// A non-root ssh user on the ZFS machine: bzfs must use `sudo -n` for what needs privileges, or,
// with --no-privilege-elevation, rely on `zfs allow` delegation.
const S = 'bzsrc';
const D = 'bzdst';
const USER = 'bzfsuser';

describe('non-root remote users (real ZFS)', () => {
  beforeAll(async () => {
    await createPool(S);
    await createPool(D);
    await zfs('create', `${S}/data`);
    await onZfsSh(
      `id "$1" >/dev/null 2>&1 || useradd -m -s /bin/sh "$1"
       mkdir -p "/home/$1/.ssh" && cp /root/.ssh/authorized_keys "/home/$1/.ssh/" && chown -R "$1" "/home/$1/.ssh"
       echo "$1 ALL=(ALL) NOPASSWD: ALL" > "/etc/sudoers.d/$1" && chmod 440 "/etc/sudoers.d/$1"`,
      USER,
    );
  });
  afterAll(async () => {
    await destroyPool(S);
    await destroyPool(D);
    await onZfsSh('rm -f "/etc/sudoers.d/$1"', USER);
  });

  it('uses sudo -n for zfs send/receive/bookmark when the remote user is not root', async () => {
    await writeData(`${S}/data`, 'f');
    await snapshot(`${S}/data@s1`);
    const r = await bzfs(
      [...hostSshArgs(), `${USER}@bzfs-src:${S}/data`, `${USER}@bzfs-dst:${D}/sudo`],
      'host',
    );
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/'sudo -n zfs send /);
    expect(r.stderr).toMatch(/'sudo -n zfs receive /);
    expect(r.stderr).toMatch(/sudo -n zfs bookmark /);
    expect(r.stderr).not.toMatch(/sudo -n zfs list/);
    await expectReplica(`${S}/data`, `${D}/sudo`);
  });

  it('--no-privilege-elevation runs zfs unprivileged, relying on zfs allow', async () => {
    await onZfsSh('rm -f "/etc/sudoers.d/$1"', USER);
    await zfs('allow', USER, 'send,snapshot,hold,bookmark', S);
    await zfs('create', `${D}/deleg`);
    await zfs('allow', USER, 'receive,create,mount,rollback,destroy', `${D}/deleg`);
    await snapshot(`${S}/data@s2`);
    const args = [...hostSshArgs(), `${USER}@bzfs-src:${S}/data`, `${USER}@bzfs-dst:${D}/deleg/data`];
    const withoutFlag = await bzfs(args, 'host');
    expect(withoutFlag.exitCode).toBe(3); // sudo -n is refused: no sudoers entry any more
    const r = await bzfs(['--no-privilege-elevation', ...args], 'host');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).not.toMatch(/sudo/);
    await expectReplica(`${S}/data`, `${D}/deleg/data`);
  });
});
