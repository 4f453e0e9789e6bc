import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { execa } from 'execa';
import { endpointKey, socketPath } from '../../src/exec/ssh-slots.js';
import {
  BZFS_BIN,
  SSH_CONFIG,
  bzfs,
  createPool,
  destroyPool,
  expectReplica,
  hostSshArgs,
  logDirFor,
  onZfsSh,
  snapshot,
  writeData,
  zfs,
} from './harness.js';

/*
 * bzfs on this machine, the ZFS machine behind the testbed's ssh aliases: concurrent runs share one
 * ControlMaster per endpoint (exec/ssh-masters.ts), a killed master is replaced, a login shell that
 * breaks POSIX quoting is refused, and the bookmarks of a first send are made in one command.
 */
const S = 'bzssh_src';
const D = 'bzssh_dst';
const CSH_USER = 'bzfscsh';
jest.setTimeout(900_000);

const controlDir = `${homedir()}/.ssh/bzfs`;
const socketOf = (host: string, user?: string) =>
  socketPath(controlDir, endpointKey({ host, ...(user ? { user } : {}), configFile: SSH_CONFIG }, 'ssh'), 0)!;

/** This machine's ssh master processes on a socket (a backgrounded master calls itself `ssh: SOCKET [mux]`). */
function mastersOn(socket: string): number[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(`ssh: ${socket} [mux]`))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

const exitMaster = (host: string, user?: string) =>
  execa('ssh', ['-F', SSH_CONFIG, `-oControlPath=${socketOf(host, user)}`, '-O', 'exit', host], {
    reject: false,
  });

const startBzfs = (args: readonly string[]) =>
  execa('node', [BZFS_BIN, '--log-dir', logDirFor('host'), ...hostSshArgs(), ...args], {
    reject: false,
    all: true,
  });

const isSocket = (p: string) => existsSync(p) && lstatSync(p).isSocket();

describe('ssh connection sharing, login shells, batched bookmarks (real ZFS, bzfs on this machine)', () => {
  beforeAll(async () => {
    await createPool(S);
    await createPool(D);
    for (const ds of ['a', 'b']) {
      await zfs('create', `${S}/${ds}`);
      await writeData(`${S}/${ds}`, 'f', 64);
      await snapshot(`${S}/${ds}@s1`, `${S}/${ds}@s2`, `${S}/${ds}@s3`);
    }
    await Promise.all([exitMaster('bzfs-src'), exitMaster('bzfs-dst')]);
  });
  afterAll(async () => {
    await destroyPool(S);
    await destroyPool(D);
    await Promise.all([exitMaster('bzfs-src'), exitMaster('bzfs-dst'), exitMaster('bzfs-src', CSH_USER)]);
    await onZfsSh(
      'pkill -u "$1"; sleep 1; userdel -r "$1" 2>/dev/null; rm -f /usr/local/bin/csh; true',
      CSH_USER,
    );
  });

  it('two concurrent runs against the same aliases both succeed over one master per alias', async () => {
    const [a, b] = await Promise.all([
      startBzfs([`bzfs-src:${S}/a`, `bzfs-dst:${D}/a`]),
      startBzfs([`bzfs-src:${S}/b`, `bzfs-dst:${D}/b`]),
    ]);
    expect([a.exitCode, b.exitCode, a.all, b.all]).toEqual([0, 0, a.all, b.all]);
    await expectReplica(`${S}/a`, `${D}/a`);
    await expectReplica(`${S}/b`, `${D}/b`);
    for (const host of ['bzfs-src', 'bzfs-dst']) {
      expect(isSocket(socketOf(host))).toBe(true);
      expect(mastersOn(socketOf(host))).toHaveLength(1);
    }
  });

  it('bookmarks of a multi-snapshot first send: one command on the source', async () => {
    // The runs above made a's bookmarks.
    const bookmarks = (await zfs('list', '-H', '-o', 'name', '-t', 'bookmark', '-r', `${S}/a`))
      .trim()
      .split('\n');
    expect(bookmarks).toEqual([`${S}/a#s1`, `${S}/a#s2`, `${S}/a#s3`]);
    // A fresh first send, with the log of what ran.
    await zfs('create', `${S}/c`);
    await snapshot(`${S}/c@t1`, `${S}/c@t2`, `${S}/c@t3`, `${S}/c@t4`);
    const r = await startBzfs(['-v', `bzfs-src:${S}/c`, `bzfs-dst:${D}/c`]);
    expect([r.exitCode, r.all]).toEqual([0, r.all]);
    const lines = `${r.all}`.split('\n');
    expect(lines.filter((l) => /Executing.*zfs program -j /.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /zfs bookmark /.test(l))).toEqual([]);
    const made = (await zfs('list', '-H', '-o', 'name', '-t', 'bookmark', '-r', `${S}/c`)).trim().split('\n');
    expect(made).toEqual([`${S}/c#t1`, `${S}/c#t2`, `${S}/c#t3`, `${S}/c#t4`]);
  });

  it('a killed master is detected (its socket left behind) and replaced', async () => {
    const socket = socketOf('bzfs-src');
    const [old] = mastersOn(socket);
    expect(old).toBeDefined();
    process.kill(old!, 'SIGKILL');
    expect(isSocket(socket)).toBe(true); // SIGKILL leaves the socket file; nobody answers on it
    await snapshot(`${S}/a@s4`);
    const r = await startBzfs([`bzfs-src:${S}/a`, `bzfs-dst:${D}/a`]);
    expect([r.exitCode, r.all]).toEqual([0, r.all]);
    await expectReplica(`${S}/a`, `${D}/a`);
    const now = mastersOn(socket);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old);
  });

  it('a login shell that breaks POSIX quoting (csh) is refused with exit 3 and the way out', async () => {
    await onZfsSh(
      'pkill -u "$1"; userdel -r "$1" 2>/dev/null; ' +
        'cp /bin/sh /usr/local/bin/csh && useradd -m -s /usr/local/bin/csh "$1" && ' +
        'mkdir -p /home/"$1"/.ssh && cp /root/.ssh/authorized_keys /home/"$1"/.ssh/ && ' +
        'chown -R "$1" /home/"$1"/.ssh && chmod 700 /home/"$1"/.ssh',
      CSH_USER,
    );
    const r = await bzfs(
      [...hostSshArgs(), '--ssh-src-user', CSH_USER, `bzfs-src:${S}/a`, `bzfs-dst:${D}/a`],
      'host',
    );
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('/usr/local/bin/csh, which does not follow POSIX shell quoting');
    expect(r.stderr).toContain(`chsh -s /bin/sh ${CSH_USER}`);
  });
});
