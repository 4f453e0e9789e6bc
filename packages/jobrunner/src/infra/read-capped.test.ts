import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCapped } from './read-capped.js';

const dir = mkdtempSync(join(tmpdir(), 'jobrunner-read-capped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCapped', () => {
  it('gives the text of a file of exactly the cap, and nothing for one byte more', async () => {
    writeFileSync(join(dir, 'eight'), 'abcdéfg'); // 8 bytes: é takes two
    await expect(readCapped(join(dir, 'eight'), 8)).resolves.toBe('abcdéfg');
    await expect(readCapped(join(dir, 'eight'), 7)).resolves.toBeUndefined();
  });

  it('gives an empty file as empty text', async () => {
    writeFileSync(join(dir, 'empty'), '');
    await expect(readCapped(join(dir, 'empty'), 8)).resolves.toBe('');
  });

  it('stops at the cap on an endless device', async () => {
    await expect(readCapped('/dev/zero', 1024)).resolves.toBeUndefined();
  });

  it('throws the reason a file cannot be read', async () => {
    await expect(readCapped(join(dir, 'missing'), 8)).rejects.toThrow(/ENOENT/);
  });
});
