import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { execa } from 'execa';
import { endpointKey, socketPath } from '../../src/exec/ssh-slots.js';
import {
  BZFS_BIN,
  SSH_CONFIG,
  freshPoolsForEachTest,
  hostSshArgs,
  logDirFor,
  onZfs,
  onZfsSh,
  snapshot,
  writeData,
  waitFor,
} from './harness.js';

/*
 * bzfs on this machine, the ZFS machine reached through the testbed's ssh aliases: a verbose run
 * must not wait for ssh's backgrounded ControlMaster, and a SIGTERM must end bzfs within seconds
 * and leave no zfs, ssh or watchdog process behind on either side, even when a remote zfs is stuck.
 */
const S = 'bzsig_src';
const D = 'bzsig_dst';
jest.setTimeout(600_000);

/** bzfs's own ControlMaster sockets for the aliases (exec/ssh-slots.ts names them; bzfs-src and bzfs-dst are the same machine). */
const closeControlMaster = () =>
  Promise.all(
    ['bzfs-src', 'bzfs-dst'].map((host) => {
      const socket = socketPath(
        `${homedir()}/.ssh/bzfs`,
        endpointKey({ host, configFile: SSH_CONFIG }, 'ssh'),
        0,
      )!;
      return execa('ssh', ['-F', SSH_CONFIG, '-o', `ControlPath=${socket}`, '-O', 'exit', host], {
        reject: false,
      });
    }),
  );

function startBzfs(args: readonly string[]) {
  return execa('node', [BZFS_BIN, '--log-dir', logDirFor('host'), ...hostSshArgs(), ...args], {
    reject: false,
    all: true,
  });
}

/** The ZFS machine's processes a replication leaves if it is not stopped: zfs send/receive and the watchdog. */
async function remoteLeftovers(): Promise<string> {
  const ps = await onZfs(['ps', '-eo', 'pid=,stat=,args=']);
  return ps.stdout
    .split('\n')
    .filter((l) => / zfs (send|receive)\b|exec 3<&0/.test(l) && !/ ps -eo/.test(l))
    .join('\n');
}

/** This machine's ssh clients that carry a zfs command (not the shared ControlMaster, which persists by design). */
function localSshLeftovers(): string {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => /^\s*\d+ ssh .*(zfs|exec 3<&0)/.test(l) && l.includes(SSH_CONFIG))
    .join('\n');
}

/** PIDs of the ZFS machine's `zfs VERB` processes. */
async function zfsPids(verb: 'send' | 'receive'): Promise<string[]> {
  const out = await onZfsSh(
    'ps -eo pid=,args= | awk -v v="$1" \'$2 == "zfs" && $3 == v { print $1 }\'',
    verb,
  );
  return out.split('\n').filter(Boolean);
}

describe('signals and verbose ssh (real ZFS, bzfs on this machine)', () => {
  freshPoolsForEachTest(S, D, { sizeMb: 256, srcDataOpts: ['-o', 'compression=off'] });
  afterEach(async () => {
    // Whatever a failed test left: resume anything stopped so that the pools can go.
    await onZfsSh('for p in $(pgrep -x zfs); do kill -CONT "$p"; kill -KILL "$p"; done; true');
    await closeControlMaster();
  });

  it('-v -v -v: the run does not wait ControlPersist seconds for the ssh ControlMaster it started', async () => {
    await writeData(`${S}/data`, 'f', 256);
    await snapshot(`${S}/data@s1`);
    await closeControlMaster();
    const persist = 300;
    const started = Date.now();
    const r = await startBzfs([
      '-v',
      '-v',
      '-v',
      '--ssh-control-persist-secs',
      String(persist),
      `bzfs-src:${S}/data`,
      `bzfs-dst:${D}/data`,
    ]);
    const secs = (Date.now() - started) / 1000;
    process.stderr.write(`-v -v -v pull-push run took ${secs.toFixed(1)} s (ControlPersist ${persist} s)\n`);
    expect(r.exitCode).toBe(0);
    expect(secs).toBeLessThan(persist / 2);
  });

  const cases: [string, string, 'send' | 'receive'][] = [
    ['pull-push, the remote zfs send stopped (kill -STOP)', 'bzfs-dst', 'send'],
    ['same host (one ssh running send | receive), the remote zfs receive stopped', 'bzfs-src', 'receive'],
  ];
  it.each(cases)(
    'SIGTERM, %s: bzfs ends within seconds and nothing is left on either side',
    async (_, dstHost, stuck) => {
      await writeData(`${S}/data`, 'big', 40 * 1024);
      await snapshot(`${S}/data@s1`);
      const run = startBzfs([`bzfs-src:${S}/data`, `${dstHost}:${D}/data`]);
      await waitFor(`the zfs ${stuck} to start`, async () => (await zfsPids(stuck)).length > 0);
      await onZfs(['kill', '-STOP', ...(await zfsPids(stuck))]);
      const stopped = Date.now();
      run.kill('SIGTERM');
      const timer = setTimeout(() => run.kill('SIGKILL'), 30_000);
      const r = await run;
      clearTimeout(timer);
      const secs = (Date.now() - stopped) / 1000;
      process.stderr.write(
        `SIGTERM (${stuck} stopped, dst ${dstHost}): bzfs exited after ${secs.toFixed(1)} s\n`,
      );
      expect(r.exitCode).toBe(3);
      expect(secs).toBeLessThan(20);
      expect(localSshLeftovers()).toBe('');
      await waitFor('the remote processes to go', async () => (await remoteLeftovers()) === '', 20_000).catch(
        async (e: unknown) => {
          throw new Error(`${(e as Error).message}:\n${await remoteLeftovers()}`);
        },
      );
    },
  );
});
