import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type MainIO } from './main.js';
import { ExitCode } from './model/exit-codes.js';

// main() unsets the matching variables of its own process before it starts any child, which then
// inherits what is left (execa passes process.env on).

const tmp = mkdtempSync(join(tmpdir(), 'bzfs-main-envvars-'));
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('BZFS_TS_PROBE_')) delete process.env[k];
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...opts: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: MainIO = { stdout: () => undefined, stderr: (s) => (err += s) };
  const argv = [
    '--skip-replication',
    '--quiet',
    '--log-dir',
    join(tmp, 'bzfs-logs'),
    ...opts,
    'tank/a',
    'b/a',
  ];
  return { code: await main(argv, io), err };
}

describe('main(): --exclude-envvar-regex and --include-envvar-regex', () => {
  it('unsets the excluded variables, keeps the included ones and all others', async () => {
    process.env.BZFS_TS_PROBE_GONE = '1';
    process.env.BZFS_TS_PROBE_KEEP = '1';
    const r = await run(
      '--exclude-envvar-regex=BZFS_TS_PROBE_.*',
      '--include-envvar-regex',
      'BZFS_TS_PROBE_KEEP',
    );
    expect(r.code).toBe(ExitCode.OK);
    expect(process.env.BZFS_TS_PROBE_GONE).toBeUndefined();
    expect(process.env.BZFS_TS_PROBE_KEEP).toBe('1');
    expect(process.env.PATH).toBeDefined();
  });

  it('without an exclude nothing is unset', async () => {
    process.env.BZFS_TS_PROBE_STAYS = '1';
    expect((await run('--include-envvar-regex=.*')).code).toBe(ExitCode.OK);
    expect(process.env.BZFS_TS_PROBE_STAYS).toBe('1');
  });

  it('an invalid regex is a usage error', async () => {
    const r = await run('--exclude-envvar-regex=(');
    expect(r.code).toBe(ExitCode.USAGE);
    expect(r.err).toContain('--exclude-envvar-regex');
  });
});
