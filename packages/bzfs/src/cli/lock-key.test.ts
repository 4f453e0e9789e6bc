import { describe, expect, it } from '@jest/globals';
import type { BzfsConfig } from '../config/types.js';
import { testConfig } from '../../test/support/test-config.js';
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
