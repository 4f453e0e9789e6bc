import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type MainIO } from './main.js';
import { ExitCode } from './model/exit-codes.js';
import { localDate } from './model/timestamps.js';

// How main() treats an unusable or unsafe --log-dir: a clear "bzfs: error:" line and exit 2 (or 3),
// never a stack trace, never exit 1 (WARNING), and never a hang.

const isRoot = process.geteuid?.() === 0;
const OTHER_UID = 65534; // nobody

// main() also checks (and creates) the real ~/.ssh/bzfs: os.homedir() reads the process's own
// environment, not jest's copy of process.env, so that cannot be redirected here.
let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-main-logdir-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// The daily subdir is named by local date (model/timestamps.ts), as the jobrunner's.
const day = () => localDate(new Date());

async function run(logDir: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: MainIO = { stdout: (s) => (out += s), stderr: (s) => (err += s) };
  const code = await main(['--skip-replication', '--quiet', '--log-dir', logDir, 'tank/a', 'backup/a'], io);
  return { code, out, err };
}

/** Exit 2 with one "bzfs: error:" line that names the remedy, and no stack trace. */
function expectUsage(r: { code: number; err: string }, ...parts: string[]) {
  expect(r.code).toBe(ExitCode.USAGE);
  expect(r.err).toMatch(/^bzfs: error: /);
  for (const p of parts) expect(r.err).toContain(p);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('main() with a usable --log-dir', () => {
  it('creates the log dir, daily subdir and .locks 0700 and the log file 0600', async () => {
    const logDir = join(tmp, 'a', 'b', 'bzfs-logs');
    const r = await run(logDir);
    expect(r.code).toBe(ExitCode.OK);
    for (const d of [logDir, join(logDir, day()), join(logDir, '.locks')])
      expect(statSync(d).mode & 0o777).toBe(0o700);
    const files = readdirSync(join(logDir, day()));
    expect(files).toHaveLength(1);
    const file = join(logDir, day(), files[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('Success. Goodbye!');
  });
});

describe('main() refuses an unsafe --log-dir with exit 2', () => {
  it('a log dir that is a symlink: nothing is written into its target', async () => {
    const target = join(tmp, 'target');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, join(tmp, 'link-bzfs-logs'));
    expectUsage(await run(join(tmp, 'link-bzfs-logs')), 'symlink', '--log-dir');
    expect(readdirSync(target)).toEqual([]);
  });

  it('a daily subdir that is a symlink', async () => {
    const logDir = join(tmp, 'bzfs-logs');
    mkdirSync(logDir, { mode: 0o700 });
    mkdirSync(join(tmp, 'elsewhere'), { mode: 0o700 });
    symlinkSync(join(tmp, 'elsewhere'), join(logDir, day()));
    expectUsage(await run(logDir), 'symlink');
    expect(readdirSync(join(tmp, 'elsewhere'))).toEqual([]);
  });

  it('a .locks dir that is a symlink', async () => {
    const logDir = join(tmp, 'bzfs-logs');
    mkdirSync(logDir, { mode: 0o700 });
    mkdirSync(join(tmp, 'shared-locks'), { mode: 0o700 });
    symlinkSync(join(tmp, 'shared-locks'), join(logDir, '.locks'));
    expectUsage(await run(logDir), 'symlink', '.locks');
    expect(readdirSync(join(tmp, 'shared-locks'))).toEqual([]);
  });

  it('an existing world-writable log dir: the operator is told to chmod it', async () => {
    const logDir = join(tmp, 'bzfs-logs');
    mkdirSync(logDir);
    chmodSync(logDir, 0o777);
    expectUsage(await run(logDir), 'chmod 700', logDir);
    expect(readdirSync(logDir)).toEqual([]);
  });

  it('a world-writable .locks where anyone could plant a lock: exit 2, not exit 4', async () => {
    const logDir = join(tmp, 'bzfs-logs');
    mkdirSync(join(logDir, '.locks'), { recursive: true, mode: 0o700 });
    chmodSync(join(logDir, '.locks'), 0o777);
    const r = await run(logDir);
    expectUsage(r, 'chmod 700', '.locks');
  });

  (isRoot ? it : it.skip)(
    'a log dir owned by another user (needs root to chown it) is refused: chown',
    async () => {
      const logDir = join(tmp, 'bzfs-logs');
      mkdirSync(logDir, { mode: 0o700 });
      chownSync(logDir, OTHER_UID, OTHER_UID);
      expectUsage(await run(logDir), 'owned by uid 65534', 'chown');
      expect(readdirSync(logDir)).toEqual([]);
    },
  );
});

describe('main() with a --log-dir that cannot be created: exit 2, no stack trace, no hang', () => {
  it('a daily subdir that exists as a file', async () => {
    const logDir = join(tmp, 'bzfs-logs');
    mkdirSync(logDir, { mode: 0o700 });
    writeFileSync(join(logDir, day()), '');
    expectUsage(await run(logDir), 'not a directory', join(logDir, day()));
  });

  it('a parent that is a file (ENOTDIR)', async () => {
    writeFileSync(join(tmp, 'f'), '');
    expectUsage(await run(join(tmp, 'f', 'bzfs-logs')), 'ENOTDIR', '--log-dir');
  });

  it('a name that is too long (ENAMETOOLONG)', async () => {
    expectUsage(await run(join(tmp, `${'x'.repeat(300)}-bzfs-logs`)), 'ENAMETOOLONG', 'too long');
  });

  it('/proc/bzfs-logs, where mkdir fails with ENOENT although /proc exists, returns promptly', async () => {
    expectUsage(await run('/proc/bzfs-logs'), 'ENOENT', '/proc/bzfs-logs');
  });

  it('/sys/bzfs-logs (EPERM)', async () => {
    expectUsage(await run('/sys/bzfs-logs'), 'EPERM');
  });
});

// A real read-only file system: a tmpfs mounted read-only. Mounting needs root; elsewhere skipped.
const roMount = join(tmpdir(), `bzfs-ro-${process.pid}`);
let mounted = false;
beforeAll(() => {
  if (!isRoot) return;
  mkdirSync(roMount, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', roMount]);
  mounted = true;
  mkdirSync(join(roMount, 'bzfs-logs'), { mode: 0o700 });
  execFileSync('mount', ['-o', 'remount,ro', roMount]);
});
afterAll(() => {
  if (mounted) execFileSync('umount', [roMount]);
  rmSync(roMount, { recursive: true, force: true });
});

(isRoot ? describe : describe.skip)(
  'main() with a --log-dir on a read-only file system (EROFS; needs root to mount one): exit 2',
  () => {
    it('a log dir that does not exist yet', async () => {
      expectUsage(await run(join(roMount, 'new-bzfs-logs')), 'EROFS', 'read-only');
    });

    it('an existing log dir whose daily subdir cannot be created', async () => {
      expectUsage(await run(join(roMount, 'bzfs-logs')), 'EROFS', join(roMount, 'bzfs-logs', day()));
    });
  },
);
