import { describe, it, expect } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBzfsArgs } from './check-args.js';

describe('checkBzfsArgs', () => {
  it.each([
    [['tank/a', 'bak/a']],
    [
      [
        '--skip-replication',
        '--delete-dst-snapshots',
        '--delete-dst-snapshots-except-plan={"p":{"t":{"hourly":2}}}',
        '--',
        'dummy',
        'h:bak/a',
      ],
    ],
    [
      [
        '--monitor-snapshots={"p":{"t":{"hourly":{"latest":{"warning":"30 minutes"}}}}}',
        '--',
        'dummy',
        'bak/a',
      ],
    ],
  ])('accepts %j', async (argv) => {
    expect(await checkBzfsArgs(argv)).toEqual({ ok: true });
  });

  it.each([
    [['tank/a'], 'expected SRC_DATASET DST_DATASET pairs, got 1 dataset argument(s)'],
    [['--no-such-option', 'tank/a', 'bak/a'], 'no-such-option'],
    [['--threads=0', 'tank/a', 'bak/a'], 'threads'],
    [['--help'], '--help or --version'],
  ])('refuses %j, saying why', async (argv, why) => {
    const r = await checkBzfsArgs(argv);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(why);
  });

  it('reads a +FILE argument with the trust checks of a real run, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-args-'));
    try {
      const file = join(dir, 'pairs_bzfs_argument_file');
      writeFileSync(file, 'tank/a\tbak/a\n', { mode: 0o600 });
      expect(await checkBzfsArgs([`+${file}`])).toEqual({ ok: true });
      // Anyone could rewrite it: refused, as bzfs itself would.
      chmodSync(file, 0o666);
      const r = await checkBzfsArgs([`+${file}`]);
      expect(r.ok ? '' : r.message).toMatch(/writable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
