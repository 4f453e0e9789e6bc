import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BzfsError } from '../model/errors.js';
import { reportFilesBeside } from './report-files.js';

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-report-files-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('reportFilesBeside', () => {
  it('writes into a private directory named after the log file, each file 0600, no temporary left', () => {
    const files = reportFilesBeside(`${tmp}/bzfs_2024-01-01_00:00:00_abc.log`, '.cmp');
    const path = files.write('tank~src%tank~dst.tsv', 'a\tb\n');
    expect(path).toBe(`${tmp}/bzfs_2024-01-01_00:00:00_abc.cmp/tank~src%tank~dst.tsv`);
    expect(readFileSync(path, 'utf8')).toBe('a\tb\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${tmp}/bzfs_2024-01-01_00:00:00_abc.cmp`).mode & 0o777).toBe(0o700);
    expect(readdirSync(`${tmp}/bzfs_2024-01-01_00:00:00_abc.cmp`)).toEqual(['tank~src%tank~dst.tsv']);
  });

  it('replaces a file of the same name whole', () => {
    const files = reportFilesBeside(`${tmp}/run.log`, '.cmp');
    files.write('x.tsv', 'first, and longer\n');
    expect(readFileSync(files.write('x.tsv', 'second\n'), 'utf8')).toBe('second\n');
  });

  it('refuses a directory that is a symlink (it would write wherever it points)', () => {
    mkdirSync(`${tmp}/elsewhere`, { mode: 0o700 });
    symlinkSync(`${tmp}/elsewhere`, `${tmp}/run.cmp`);
    const files = reportFilesBeside(`${tmp}/run.log`, '.cmp');
    expect(() => files.write('x.tsv', '')).toThrow(BzfsError);
    expect(readdirSync(`${tmp}/elsewhere`)).toEqual([]);
  });
});
