import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StillRunningError, UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { acquireLock, UNPARSABLE_LOCK_GRACE_MS } from './lock.js';

let dir = '';
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'bzfs-lock-')), '.locks');
});
afterEach(() => {
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

const lockPath = (key: string) => join(dir, `bzfs-lockfile-${key}.lock`);

/** Start time (clock ticks since boot) of a process, as the lock file records it. */
function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('acquireLock', () => {
  it('creates the directory (0700) and a lock file holding "pid starttime"', () => {
    const release = acquireLock(dir, 'k1');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(lockPath('k1')).mode & 0o777).toBe(0o600);
    expect(readFileSync(lockPath('k1'), 'utf8')).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
    release();
  });

  it('a second acquire with the same key throws StillRunningError (exit 4) while the first holds it', () => {
    const release = acquireLock(dir, 'k1');
    const err = catchError(() => acquireLock(dir, 'k1'));
    expect(err).toBeInstanceOf(StillRunningError);
    expect((err as StillRunningError).exitCode).toBe(ExitCode.STILL_RUNNING);
    expect((err as Error).message).toContain('still running');
    // The failed attempt must not have removed or replaced the holder's lock.
    expect(readFileSync(lockPath('k1'), 'utf8')).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
    release();
  });

  it('different keys do not exclude each other', () => {
    const r1 = acquireLock(dir, 'k1');
    const r2 = acquireLock(dir, 'k2');
    r1();
    r2();
  });

  it('release removes the file and lets the lock be taken again', () => {
    const release = acquireLock(dir, 'k1');
    release();
    expect(existsSync(lockPath('k1'))).toBe(false);
    const again = acquireLock(dir, 'k1');
    expect(existsSync(lockPath('k1'))).toBe(true);
    again();
  });

  it('release twice is harmless, and never removes a lock that someone else took over', () => {
    const release = acquireLock(dir, 'k1');
    release();
    writeFileSync(lockPath('k1'), '1 other-holder');
    release();
    expect(readFileSync(lockPath('k1'), 'utf8')).toBe('1 other-holder');
  });

  it('a stale lock file of a dead process is taken over', () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // pid_max is at most 2^22, so this pid cannot exist.
    writeFileSync(lockPath('k1'), '2147483646 12345');
    const release = acquireLock(dir, 'k1');
    expect(readFileSync(lockPath('k1'), 'utf8')).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
    release();
  });

  it('a lock whose pid now belongs to another process (other start time) is taken over', () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(lockPath('k1'), `${process.pid} 1`);
    const release = acquireLock(dir, 'k1');
    expect(readFileSync(lockPath('k1'), 'utf8')).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
    release();
  });

  it('a live holder (another process with its real start time) is respected', () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const holder = `${process.ppid} ${startTimeOf(process.ppid)}`;
    writeFileSync(lockPath('k1'), holder);
    expect(catchError(() => acquireLock(dir, 'k1'))).toBeInstanceOf(StillRunningError);
    expect(readFileSync(lockPath('k1'), 'utf8')).toBe(holder);
  });

  it('a live holder that this user may not signal (EPERM) is respected', () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const holder = `${process.ppid} ${startTimeOf(process.ppid)}`;
    writeFileSync(lockPath('k1'), holder);
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    try {
      expect(catchError(() => acquireLock(dir, 'k1'))).toBeInstanceOf(StillRunningError);
      expect(readFileSync(lockPath('k1'), 'utf8')).toBe(holder);
    } finally {
      kill.mockRestore();
    }
  });

  it('ESRCH from kill(pid, 0) means the holder is gone', () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(lockPath('k1'), `${process.ppid} ${startTimeOf(process.ppid)}`);
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    });
    try {
      const release = acquireLock(dir, 'k1');
      expect(readFileSync(lockPath('k1'), 'utf8')).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
      release();
    } finally {
      kill.mockRestore();
    }
  });

  it.each([[''], ['   '], ['\n'], ['garbage'], ['12x 34'], ['-5 1']])(
    'a fresh lock file with no valid holder (%j) is taken for held, not deleted',
    (content) => {
      // The state a competitor of an older version leaves between creating the file and writing it.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(lockPath('k1'), content);
      const err = catchError(() => acquireLock(dir, 'k1'));
      expect(err).toBeInstanceOf(StillRunningError);
      expect((err as StillRunningError).exitCode).toBe(ExitCode.STILL_RUNNING);
      expect(readFileSync(lockPath('k1'), 'utf8')).toBe(content);
    },
  );

  it.each([[''], ['garbage']])('an old lock file with no valid holder (%j) is taken over', (content) => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(lockPath('k1'), content);
    const old = new Date(Date.now() - UNPARSABLE_LOCK_GRACE_MS - 5_000);
    utimesSync(lockPath('k1'), old, old);
    const release = acquireLock(dir, 'k1');
    expect(readFileSync(lockPath('k1'), 'utf8')).toBe(`${process.pid} ${startTimeOf(process.pid)}`);
    release();
  });

  it('leaves no temporary files behind, whether it takes the lock or not', () => {
    const release = acquireLock(dir, 'k1');
    expect(catchError(() => acquireLock(dir, 'k1'))).toBeInstanceOf(StillRunningError);
    expect(readdirSync(dir)).toEqual(['bzfs-lockfile-k1.lock']);
    release();
    writeFileSync(lockPath('k2'), '2147483646 12345');
    acquireLock(dir, 'k2')();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the lock file never appears empty to another process (created with its content in one step)', async () => {
    // A reader in another process polls the lock path while this process takes and releases the
    // lock in a loop; it must see either no file or a complete "pid start" line, never less. The
    // loop runs until the reader has seen the lock enough times.
    const reader = `
      const fs = require('node:fs');
      const [path, stop] = [process.argv[1], process.argv[2]];
      let reads = 0, partial = 0;
      process.stdout.write('ready\\n');
      for (const end = Date.now() + 20000; Date.now() < end && !fs.existsSync(stop); ) {
        for (let i = 0; i < 100; i++) {
          try {
            const c = fs.readFileSync(path, 'utf8');
            if (++reads === 500) process.stdout.write('enough\\n');
            if (!/^\\d+ \\S*$/.test(c)) partial++;
          } catch {}
        }
      }
      process.stdout.write(JSON.stringify({ reads, partial }) + '\\n');
    `;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stop = join(dir, '..', 'stop');
    const child = spawn(process.execPath, ['-e', reader, lockPath('race'), stop], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const until = async (cond: () => boolean) => {
      for (const end = Date.now() + 15_000; !cond() && Date.now() < end;)
        await new Promise((r) => setTimeout(r, 5));
    };
    await until(() => out.includes('ready'));
    for (const end = Date.now() + 15_000; !out.includes('enough') && Date.now() < end;) {
      for (let i = 0; i < 50; i++) acquireLock(dir, 'race')();
      await new Promise((r) => setImmediate(r));
    }
    writeFileSync(stop, '');
    await done;
    const result = JSON.parse(out.trim().split('\n').pop()!) as { reads: number; partial: number };
    expect(result.reads).toBeGreaterThanOrEqual(500);
    expect(result.partial).toBe(0);
  }, 40_000);
});

describe('acquireLock keeps locks where nobody else can forge one', () => {
  const isRoot = process.geteuid?.() === 0;

  it('refuses a lock directory that is a symlink, and writes nothing into its target', () => {
    const target = join(dir, '..', 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, dir);
    const err = catchError(() => acquireLock(dir, 'k1'));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('symlink');
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses a world-writable lock directory: a lock planted there does not make the job exit 4', () => {
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o777);
    writeFileSync(lockPath('k1'), `${process.ppid} ${startTimeOf(process.ppid)}`);
    const err = catchError(() => acquireLock(dir, 'k1'));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(ExitCode.USAGE);
    expect((err as Error).message).toContain(`chmod 700 ${dir}`);
  });

  it('checks the directory on every use, not only when creating it', () => {
    acquireLock(dir, 'k1')();
    chmodSync(dir, 0o770);
    expect(catchError(() => acquireLock(dir, 'k1'))).toBeInstanceOf(UsageError);
  });

  (isRoot ? it : it.skip)('refuses a lock directory owned by another user (needs root to chown it)', () => {
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 65534, 65534);
    const err = catchError(() => acquireLock(dir, 'k1'));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('owned by uid 65534');
  });
});
