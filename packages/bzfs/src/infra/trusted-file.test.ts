import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrustedTextFile } from './trusted-file.js';

let tmp = '';
const file = (name: string, mode = 0o600, text = 'a\nb\n'): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  chmodSync(path, mode); // explicit: the umask must not decide what the test checks
  return path;
};
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-trusted-file-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('readTrustedTextFile', () => {
  it.each([0o600, 0o400, 0o644, 0o444])('reads a file of mode %o owned by the user', (mode) => {
    expect(readTrustedTextFile(file('x_bzfs_argument_file', mode))).toBe('a\nb\n');
  });

  it.each([0o620, 0o602, 0o666, 0o700, 0o610, 0o601])(
    'refuses mode %o (group/other write, any execute)',
    (mode) => {
      const path = file('x_bzfs_argument_file', mode);
      expect(() => readTrustedTextFile(path)).toThrow(
        /must not be writable by group or others, nor executable/,
      );
    },
  );

  it('refuses a symlink to a good file, as the original (O_NOFOLLOW)', () => {
    const target = file('target_bzfs_argument_file');
    const link = join(tmp, 'link_bzfs_argument_file');
    symlinkSync(target, link);
    expect(() => readTrustedTextFile(link)).toThrow(/symlink/);
  });

  it('refuses a directory', () => {
    const dir = join(tmp, 'd_bzfs_argument_file');
    mkdirSync(dir, { mode: 0o700 });
    expect(() => readTrustedTextFile(dir)).toThrow(/not a regular file/);
  });

  it('refuses a file owned by another user, trusts one owned by root', () => {
    const path = file('x_bzfs_argument_file');
    const me = process.geteuid?.() ?? 0;
    if (me === 0) {
      chownSync(path, 12345, 12345);
      expect(() => readTrustedTextFile(path)).toThrow(/owned by uid 12345, not by 0 or root/);
      chownSync(path, 0, 0);
      expect(readTrustedTextFile(path, { euid: 12345 })).toBe('a\nb\n');
    } else {
      expect(() => readTrustedTextFile(path, { euid: me + 1 })).toThrow(/owned by uid/);
    }
  });

  it('passes a missing file on as the operating system says it', () => {
    expect(() => readTrustedTextFile(join(tmp, 'none_bzfs_argument_file'))).toThrow(/ENOENT/);
  });
});
