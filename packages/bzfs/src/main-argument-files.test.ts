import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type MainIO } from './main.js';
import { ExitCode } from './model/exit-codes.js';

// main() reads `+FILE` values with the trusted-file reader (infra/trusted-file.ts), not a plain
// read: the refusals below come from that wiring, before any zfs command could run.

const tmp = mkdtempSync(join(tmpdir(), 'bzfs-main-argfiles-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = join(tmp, 'datasets_bzfs_argument_file');
writeFileSync(file, 'a\n');
const link = join(tmp, 'link_bzfs_argument_file');
symlinkSync(file, link);

async function run(value: string): Promise<{ code: number; err: string }> {
  let err = '';
  const io: MainIO = { stdout: () => undefined, stderr: (s) => (err += s) };
  const argv = [
    '--quiet',
    '--log-dir',
    join(tmp, 'bzfs-logs'),
    `--include-dataset=+${value}`,
    'tank/a',
    'b/a',
  ];
  return { code: await main(argv, io), err };
}

describe('main(): +FILE argument files', () => {
  it('refuses one read through a symlink (exit 2)', async () => {
    chmodSync(file, 0o600);
    const r = await run(link);
    expect(r.code).toBe(ExitCode.USAGE);
    expect(r.err).toMatch(/--include-dataset: cannot read argument file .*: it is a symlink/);
  });

  it('refuses one that group or others may write (exit 2)', async () => {
    chmodSync(file, 0o666);
    const r = await run(file);
    expect(r.code).toBe(ExitCode.USAGE);
    expect(r.err).toMatch(/its permissions are 666, but it must not be writable by group or others/);
  });
});
