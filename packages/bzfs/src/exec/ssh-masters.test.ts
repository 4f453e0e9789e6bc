import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../infra/clock.js';
import type { Command, CommandResult, CommandRunner } from './runner.js';
import { SshMasters } from './ssh-masters.js';

/** A fake local runner: `ssh ... -oControlMaster=yes ... exit` "starts a master" by listening on its socket. */
class FakeSsh implements CommandRunner {
  readonly calls: string[][] = [];
  readonly servers: Server[] = [];
  failStart = false;
  async run(cmd: Command): Promise<CommandResult> {
    this.calls.push([...cmd.argv]);
    const socket = cmd.argv.find((a) => a.startsWith('-oControlPath='))!.slice('-oControlPath='.length);
    if (cmd.argv.includes('-oControlMaster=yes')) {
      if (this.failStart) return { exitCode: 255, stdout: '', stderr: 'ssh: connect refused\n' };
      const server = createServer((c) => c.destroy());
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      this.servers.push(server);
      return { exitCode: 0, stdout: '', stderr: '' };
    }
    return { exitCode: cmd.argv.includes('check') ? 255 : 0, stdout: '', stderr: '' };
  }
  runPipeline(): Promise<CommandResult> {
    throw new Error('not used');
  }
  starts(): number {
    return this.calls.filter((a) => a.includes('-oControlMaster=yes')).length;
  }
}

const clock: Clock = { wallMs: () => Date.now(), now: () => Date.now(), sleep: async () => {} };
const target = { host: 'backup', user: 'u' };

let dir: string;
let ssh: FakeSsh;
const masters = (maxSessions = 8) =>
  new SshMasters({
    runner: ssh,
    settings: { controlPersistSecs: 600, verbose: false },
    dir,
    maxSessions,
    clock,
  });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bzfs-masters-'));
  ssh = new FakeSsh();
});
afterEach(async () => {
  await Promise.all(ssh.servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

describe('SshMasters', () => {
  it('starts one master for many concurrent sessions of one endpoint, and reuses it later', async () => {
    const m = masters();
    const leases = await Promise.all([1, 2, 3, 4, 5].map(() => m.lease(target)));
    expect(ssh.starts()).toBe(1);
    const sockets = new Set(leases.map((l) => (l.control === 'dedicated' ? 'dedicated' : l.control.socket)));
    expect(sockets.size).toBe(1);
    leases.forEach((l) => l.release());
    await m.lease(target);
    expect(ssh.starts()).toBe(1);
  });

  it('a second process (another SshMasters) finds the live master and starts none', async () => {
    const a = await masters().lease(target);
    const b = await masters().lease(target);
    expect(b.control).toEqual(a.control);
    expect(ssh.starts()).toBe(1);
  });

  it('beyond --max-concurrent-ssh-sessions-per-tcp-connection sessions, a second master; a released slot is reused', async () => {
    const m = masters(2);
    const [l1, l2, l3] = [await m.lease(target), await m.lease(target), await m.lease(target)];
    expect(l1.control).toEqual(l2.control);
    expect(l3.control).not.toEqual(l1.control);
    expect(ssh.starts()).toBe(2);
    l1.release();
    l1.release(); // twice counts once
    expect((await m.lease(target)).control).toEqual(l2.control);
    expect((await m.lease(target)).control).toEqual(l3.control);
  });

  it('a socket left by a killed master is removed and the master started again', async () => {
    const m = masters();
    const first = await m.lease(target);
    const socket = (first.control as { socket: string }).socket;
    await Promise.all(ssh.servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    // A master killed with SIGKILL leaves its socket file behind: connecting is refused.
    await staleSocketAt(socket);
    expect(existsSync(socket)).toBe(true);
    const again = await m.lease(target);
    expect(again.control).toEqual({ socket });
    expect(ssh.starts()).toBe(2);
  });

  it('takes over a start lock whose holder is gone', async () => {
    const m = masters();
    const socket = ((await m.lease(target)).control as { socket: string }).socket;
    await Promise.all(ssh.servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    writeFileSync(`${socket}.lock`, '999999999'); // no such pid
    expect((await m.lease(target)).control).toEqual({ socket });
    expect(existsSync(`${socket}.lock`)).toBe(false);
  });

  it('a master that cannot start: the session goes on a connection of its own', async () => {
    ssh.failStart = true;
    const l = await masters().lease(target);
    expect(l.control).toBe('dedicated');
  });

  it('exitAll sends `ssh -O exit` to each master used', async () => {
    const m = masters();
    await m.lease(target);
    await m.lease({ host: 'other' });
    await m.exitAll();
    expect(ssh.calls.filter((a) => a.includes('-O') && a.includes('exit')).map((a) => a.at(-1))).toEqual([
      'u@backup',
      'other',
    ]);
  });
});

/** Leaves a unix socket at `path` with nobody listening: a child listens and is killed with SIGKILL. */
async function staleSocketAt(path: string): Promise<void> {
  const child = spawn(process.execPath, [
    '-e',
    `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`,
  ]);
  await new Promise((r) => child.stdout.once('data', r));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}
