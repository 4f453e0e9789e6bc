// Test helper (in test/, outside the shipped src/): fake programs on PATH, and finding what they left running.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A `sleep` duration no other process on the machine uses: each process a fake program starts is
 * `sleep MARK`, so `ps` tells exactly which of them are still alive.
 */
export function uniqueMark(): string {
  return String(7_000_000 + Math.floor(Math.random() * 999_999));
}

/** PIDs of the live `sleep MARK` processes (zombies don't count: they hold nothing). */
export function sleepers(mark: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((w) => w[2] === 'sleep' && w[3] === mark && !w[1]!.startsWith('Z'))
    .map((w) => Number(w[0]));
}

/** Kills what a test's fake programs left behind (only those: by the PIDs of `sleep MARK`). */
export function killSleepers(mark: string): void {
  for (const pid of sleepers(mark)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function waitUntil(cond: () => boolean, timeoutMs = 20_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

/** Resolves to 'pending' if p has not settled within ms: a hang becomes a failed assertion, not a stuck test. */
export async function within<T>(p: Promise<T>, ms: number): Promise<T | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'pending'>((r) => (timer = setTimeout(() => r('pending'), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A scratch directory of executable sh scripts, to put first on PATH. */
export function fakeBin(scripts: Record<string, string>): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bzfs-fakebin-'));
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Stands in for `ssh host CMD` plus the remote sshd: skips the options up to `--` and the host,
 * then runs CMD with `sh -c` in a new session, as sshd does. Killing this "ssh" therefore leaves
 * the "remote" command running, exactly like killing a real ssh client; the remote side sees its
 * stdin close, as when the ssh channel closes.
 */
export const FAKE_SSH = [
  'while [ "$1" != "--" ]; do shift; done',
  'shift 2',
  'exec 3<&0',
  'setsid sh -c "$1" <&3 3<&- &',
  'wait $!',
].join('\n');
