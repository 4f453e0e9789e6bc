import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { openRunLog } from './log-dir.js';

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-log-dir-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('openRunLog', () => {
  it('names the daily dir and log file in local time, as the original and the jobrunner do', () => {
    const logDir = join(tmp, 'bzfs-logs');
    const r = openRunLog(logDir, new Date(2024, 8, 3, 2, 6, 5, 123));
    closeSync(r.fd);
    expect(dirname(r.logFile)).toBe(join(logDir, '2024-09-03'));
    expect(basename(r.logFile)).toMatch(/^bzfs_2024-09-03_02:06:05_[0-9a-f]{6}\.log$/);
    expect(r.lockDir).toBe(`${logDir}/.locks`);
  });
});
