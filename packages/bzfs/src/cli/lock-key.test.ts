import { describe, expect, it } from '@jest/globals';
import type { BzfsConfig } from '../config/types.js';
import { testConfig } from '../../test/support/test-config.js';
import { parseCli } from './args.js';
import { lockKeyOf } from './lock-key.js';

const base = testConfig();

describe('lockKeyOf: the run-only part is left out as a whole', () => {
  it('no field of cfg.run changes the key, nor a run-only field added later', () => {
    const runVariants: BzfsConfig['run'][] = [
      { ...base.run, dryrun: 'recv' },
      { ...base.run, verbose: 3, quiet: true },
      { ...base.run, logDir: '/elsewhere/bzfs-logs', threads: 1, timeoutMs: 5 },
      { ...base.run, retry: { ...base.run.retry, retries: 9 }, sshControlPersistSecs: 1 },
      { ...base.run, ...({ someFutureRunOnlyOption: true } as object) },
    ];
    for (const run of runVariants) expect(lockKeyOf({ ...base, run })).toBe(lockKeyOf(base));
  });

  it('a change in any other group changes the key, including a field added later', () => {
    const changed: BzfsConfig[] = [
      { ...base, selection: { ...base.selection, skipParent: true } },
      { ...base, replication: { ...base.replication, noStream: true } },
      { ...base, force: { ...base.force, unmount: true } },
      { ...base, skipOnError: 'tree' },
      { ...base, noPrivilegeElevation: true },
      { ...base, replication: { ...base.replication, ...({ someFutureOption: 1 } as object) } },
    ];
    const keys = new Set([lockKeyOf(base), ...changed.map(lockKeyOf)]);
    expect(keys.size).toBe(changed.length + 1);
  });
});

describe('lockKeyOf: snapshot filters', () => {
  const ENV = { home: '/home/u', cpus: 8 };
  const key = async (...argv: string[]) =>
    (await parseCli([...argv, '--', 'pool/a', 'pool/b'], ENV)).config!.lockKey;
  const R = '--include-snapshot-regex';
  const T = '--include-snapshot-times-and-ranks';
  const G = '--new-snapshot-filter-group';

  it('regexes within one filter are a set: their order does not change the key', async () => {
    expect(await key(R, 'a', 'b')).toBe(await key(R, 'b', 'a'));
    expect(await key(`${R}=a`, `${R}=b`)).toBe(await key(R, 'b', 'a'));
  });

  it('groups are a union: swapping whole groups does not change the key', async () => {
    expect(await key(`${R}=a`, G, `${R}=b`)).toBe(await key(`${R}=b`, G, `${R}=a`));
  });

  it('filters narrow in order and rank ranges apply in order: reordering them changes the key', async () => {
    expect(await key(`${R}=a`, T, 'notime', 'latest 2')).not.toBe(
      await key(T, 'notime', 'latest 2', `${R}=a`),
    );
    expect(await key(T, 'notime', 'latest 10', 'oldest 50%')).not.toBe(
      await key(T, 'notime', 'oldest 50%', 'latest 10'),
    );
    // One group of two regexes is not two groups of one (intersection vs. union).
    expect(await key(`${R}=a`, G, `${R}=b`)).not.toBe(await key(R, 'a', 'b'));
  });

  it('creation and retention settings are part of the job', async () => {
    const keys = new Set([
      await key(),
      await key('--create-src-snapshots'),
      await key('--create-src-snapshots', '--daily_hour=3'),
      await key('--delete-dst-snapshots'),
      await key('--delete-dst-snapshots=bookmarks'),
    ]);
    expect(keys.size).toBe(5);
  });
});
