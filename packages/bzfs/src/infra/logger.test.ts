import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type LogLevel } from './logger.js';
import { createPrivateFile } from './private-dir.js';

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bzfs-logger-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// 2024-09-03 12:26:15 in local time, as the line stamps are.
const clock = { wallMs: () => new Date(2024, 8, 3, 12, 26, 15).getTime() };

function capture(level: LogLevel, program?: string) {
  const lines: string[] = [];
  const log = createLogger({ level, clock, stderr: (l) => lines.push(l), ...(program && { program }) });
  return { log, lines };
}

describe('createLogger line layout', () => {
  it("stamps each line with the clock's local time and the original's level marks", () => {
    const { log, lines } = capture('trace');
    log.error('boom');
    log.warn('careful');
    log.info('hello');
    log.debug('detail');
    log.trace('more');
    expect(lines).toEqual([
      '2024-09-03 12:26:15 [E] ERROR: boom\n',
      '2024-09-03 12:26:15 [W] careful\n',
      '2024-09-03 12:26:15 [I] hello\n',
      '2024-09-03 12:26:15 [D] detail\n',
      '2024-09-03 12:26:15 [T] more\n',
    ]);
  });

  it('names the program after the level mark', () => {
    const { log, lines } = capture('info', 'bzfs-jobrunner');
    log.info('Progress: started: 3/6');
    log.error('Exiting with status code 3');
    expect(lines).toEqual([
      '2024-09-03 12:26:15 [I] [bzfs-jobrunner] Progress: started: 3/6\n',
      '2024-09-03 12:26:15 [E] ERROR: [bzfs-jobrunner] Exiting with status code 3\n',
    ]);
  });
});

describe('createLogger stderr level', () => {
  // Which of error, warn, info, debug, trace reach stderr at each level.
  const TABLE: ReadonlyArray<[LogLevel, string]> = [
    ['error', 'E'],
    ['warn', 'EW'],
    ['info', 'EWI'],
    ['debug', 'EWID'],
    ['trace', 'EWIDT'],
  ];
  it.each(TABLE)('at %s writes %s', (level, marks) => {
    const { log, lines } = capture(level);
    for (const write of [log.error, log.warn, log.info, log.debug, log.trace]) write('x');
    expect(lines.map((l) => /\[(\w)\]/.exec(l)?.[1]).join('')).toBe(marks);
  });
});

describe('createLogger with a log file fd', () => {
  it('writes every level to the file whatever the stderr level, and close() flushes it', async () => {
    const path = join(tmp, 'run.log');
    const fd = createPrivateFile(path);
    const stderr: string[] = [];
    const log = createLogger({ level: 'error', fileFd: fd, clock, stderr: (l) => stderr.push(l) });
    log.trace('trace line');
    log.info('info line');
    await log.close();
    expect(readFileSync(path, 'utf8')).toBe(
      '2024-09-03 12:26:15 [T] trace line\n2024-09-03 12:26:15 [I] info line\n',
    );
    expect(stderr).toEqual([]);
  });
});
