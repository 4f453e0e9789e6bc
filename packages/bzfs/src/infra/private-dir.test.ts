import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  chmodSync,
  chownSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BzfsError, UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { createPrivateFile, ensurePrivateDir } from './private-dir.js';

const isRoot = process.geteuid?.() === 0;

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-private-dir-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function catchError(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('ensurePrivateDir', () => {
  it('creates a missing directory and, with parents, its missing ancestors, all 0700', () => {
    const d = join(tmp, 'a', 'b', 'c');
    ensurePrivateDir(d, { parents: true });
    for (const p of [join(tmp, 'a'), join(tmp, 'a', 'b'), d]) expect(statSync(p).mode & 0o777).toBe(0o700);
  });

  it('accepts an existing private directory, again and again', () => {
    mkdirSync(join(tmp, 'd'), { mode: 0o700 });
    ensurePrivateDir(join(tmp, 'd'));
    ensurePrivateDir(join(tmp, 'd'));
  });

  it('without parents, a missing parent is a UsageError naming ENOENT', () => {
    const err = catchError(() => ensurePrivateDir(join(tmp, 'no', 'd'), { what: '--log-dir' }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain('ENOENT');
    expect(err.message).toContain('--log-dir');
  });

  it('does not loop where mkdir answers ENOENT although the parent exists (/proc)', () => {
    const err = catchError(() => ensurePrivateDir('/proc/bzfs-logs/x', { parents: true }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain('cannot create directory /proc/bzfs-logs: ');
  });

  it.each([
    [
      'a symlink to a private directory',
      (p: string) => (mkdirSync(`${p}-t`, { mode: 0o700 }), symlinkSync(`${p}-t`, p)),
    ],
    ['a dangling symlink', (p: string) => symlinkSync(`${p}-missing`, p)],
  ])('refuses %s, and says where it points', (_name, make) => {
    const p = join(tmp, 'd');
    make(p);
    const err = catchError(() => ensurePrivateDir(p, { orElse: 'choose another --log-dir' }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain(`must not be a symlink (it points to ${p}-`);
    expect(err.message).toContain('choose another --log-dir');
  });

  it('refuses a file in its place', () => {
    writeFileSync(join(tmp, 'd'), '');
    expect(catchError(() => ensurePrivateDir(join(tmp, 'd'))).message).toContain(
      'exists but is not a directory',
    );
  });

  it.each([0o777, 0o755, 0o750, 0o711, 0o701, 0o500])('refuses mode %o and names the chmod', (mode) => {
    mkdirSync(join(tmp, 'd'));
    chmodSync(join(tmp, 'd'), mode);
    const err = catchError(() => ensurePrivateDir(join(tmp, 'd')));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain(`has mode 0${mode.toString(8)} instead of 0700`);
    expect(err.message).toContain(`chmod 700 ${join(tmp, 'd')}`);
  });

  it('accepts a directory that inherited the setgid bit from its parent (only rwx bits count)', () => {
    chmodSync(tmp, 0o2700);
    ensurePrivateDir(join(tmp, 'd'));
    expect(statSync(join(tmp, 'd')).mode & 0o2000).toBe(0o2000);
  });

  (isRoot ? it : it.skip)('refuses a directory owned by another user (needs root to chown it)', () => {
    mkdirSync(join(tmp, 'd'), { mode: 0o700 });
    chownSync(join(tmp, 'd'), 65534, 65534);
    const err = catchError(() => ensurePrivateDir(join(tmp, 'd')));
    expect(err.message).toContain('is owned by uid 65534, not by the user running bzfs (uid 0)');
    expect(err.message).toContain(`chown 0 ${join(tmp, 'd')}`);
  });

  it('with exitCode ERROR, refusals are BzfsError exit 3 rather than UsageError', () => {
    symlinkSync(tmp, join(tmp, 'd'));
    const err = catchError(() => ensurePrivateDir(join(tmp, 'd'), { exitCode: ExitCode.ERROR }));
    expect(err).toBeInstanceOf(BzfsError);
    expect(err).not.toBeInstanceOf(UsageError);
    expect((err as BzfsError).exitCode).toBe(ExitCode.ERROR);
  });
});

describe('createPrivateFile', () => {
  it('creates a new 0600 file and returns a writable fd', () => {
    const p = join(tmp, 'f.log');
    const fd = createPrivateFile(p);
    writeSync(fd, 'hello');
    closeSync(fd);
    expect(readFileSync(p, 'utf8')).toBe('hello');
    expect(statSync(p).mode & 0o777).toBe(0o600);
  });

  it('refuses an existing file instead of appending to it', () => {
    writeFileSync(join(tmp, 'f.log'), 'planted');
    const err = catchError(() => createPrivateFile(join(tmp, 'f.log'), { what: 'log file' }));
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain('cannot create log file');
    expect(err.message).toContain('EEXIST');
    expect(readFileSync(join(tmp, 'f.log'), 'utf8')).toBe('planted');
  });

  it('refuses a symlink in its place, even a dangling one, and never writes to its target', () => {
    symlinkSync(join(tmp, 'target'), join(tmp, 'f.log'));
    expect(catchError(() => createPrivateFile(join(tmp, 'f.log')))).toBeInstanceOf(UsageError);
    expect(() => statSync(join(tmp, 'target'))).toThrow();
  });
});
