import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from './logger.js';
import { createPrivateFile } from './private-dir.js';

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-logger-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('createLogger with a log file fd', () => {
  it('writes every level to the file, and close() flushes it', async () => {
    const path = join(tmp, 'run.log');
    const fd = createPrivateFile(path);
    const log = createLogger({ verbose: 0, quiet: true, fileFd: fd });
    log.trace('trace line');
    log.info('info line');
    await log.close();
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/\[T\] trace line\n/);
    expect(text).toMatch(/\[I\] info line\n/);
  });
});
