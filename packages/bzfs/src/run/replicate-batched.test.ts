import { describe, expect, it } from '@jest/globals';
import { LOCAL } from '../exec/runner.js';
import { FakeZfs } from '../../test/support/fake-runner.js';
import { ExitCode } from '../model/exit-codes.js';
import { listings, run, snaps } from '../../test/support/run-world.js';

/** pool/src and 99 children, each with s1 s2: 100 datasets. */
function hundredWorld(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  fake.snapshot(LOCAL, 'pool/src', 's1', 's2');
  for (let i = 1; i < 100; i++) fake.snapshot(LOCAL, `pool/src/d${String(i).padStart(2, '0')}`, 's1', 's2');
  return fake;
}

const kinds = (fake: FakeZfs) => {
  const count = new Map<string, number>();
  for (const l of fake.log()) {
    const k = l.split(' ').slice(0, 4).join(' ');
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return Object.fromEntries(count);
};

describe('replication: batched snapshot listings', () => {
  it('a no-op run over 100 datasets with 2 threads runs 36 zfs commands: 2 dataset listings, 17 batches per side', async () => {
    const fake = hundredWorld();
    const cfg = { selection: { recursive: true }, run: { threads: 2 } };
    expect((await run(fake, cfg)).code).toBe(ExitCode.OK);
    fake.calls.length = 0;
    const { code, log } = await run(fake, cfg);
    expect(code).toBe(ExitCode.OK);
    // min(1024, max(100 / (2 × 8), 1)) = 6 datasets per listing: ceil(100 / 6) = 17 per side.
    expect(kinds(fake)).toEqual({
      'zfs list -Hp -o': 2,
      'zfs list -t snapshot,bookmark': 34,
    });
    expect(fake.calls).toHaveLength(36);
    // No `zfs get receive_resume_token` per dataset: the token came with the destination's dataset listing.
    expect(fake.log().some((l) => l.startsWith('zfs get'))).toBe(false);
    expect(log.filter((l) => l.includes('Already up-to-date: pool/dst'))).toHaveLength(100);
  });

  it('one thread: one listing per side for all 100 datasets', async () => {
    const fake = hundredWorld();
    const cfg = { selection: { recursive: true }, run: { threads: 1 } };
    await run(fake, cfg);
    fake.calls.length = 0;
    expect((await run(fake, cfg)).code).toBe(ExitCode.OK);
    expect(fake.calls).toHaveLength(4);
  });

  it('converges as before: a new snapshot of one dataset is sent, the others stay untouched', async () => {
    const fake = hundredWorld();
    const cfg = { selection: { recursive: true }, run: { threads: 2 } };
    await run(fake, cfg);
    fake.snapshot(LOCAL, 'pool/src/d42', 's3');
    fake.calls.length = 0;
    expect((await run(fake, cfg)).code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst/d42')).toEqual(['s1', 's2', 's3']);
    expect(fake.pipelines()).toHaveLength(1);
    for (const ds of ['pool/dst', 'pool/dst/d41', 'pool/dst/d43'])
      expect(snaps(fake, ds)).toEqual(['s1', 's2']);
  });

  it('a failed batch: its datasets are listed alone, so each failure is its own', async () => {
    const fake = hundredWorld();
    const cfg = { selection: { recursive: true }, run: { threads: 2 } };
    await run(fake, cfg);
    fake.snapshot(LOCAL, 'pool/src/d03', 's3');
    fake.failWhen((c) => c.stages[0]!.argv.includes('pool/src/d03') && c.stages[0]!.argv.length > 13, {
      exitCode: 255,
      stderr: 'ssh: connect to host h: Connection refused\n',
    });
    expect((await run(fake, cfg)).code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst/d03')).toEqual(['s1', 's2', 's3']);
    expect(listings(fake, 'pool/src/d03')).toBeGreaterThanOrEqual(2);
  });

  it('a partial receive listed with the destination tree is decoded and resumed without a zfs get', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1', 's2');
    await run(fake, { replication: { resumeRecv: true } });
    fake.snapshot(LOCAL, 'pool/src', 's3');
    fake.failWhen((c) => c.kind === 'pipeline', { exitCode: 1, stderr: 'broken pipe', interrupt: true });
    await run(fake, {
      run: {
        retry: { retries: 0, minSleepSecs: 0, initialMaxSleepSecs: 0, maxSleepSecs: 0, maxElapsedSecs: 0 },
      },
    });
    fake.calls.length = 0;
    expect((await run(fake, {})).code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3']);
    expect(fake.log().some((l) => l.startsWith('zfs get -Hp -o value receive_resume_token'))).toBe(false);
    expect(fake.log().some((l) => l.startsWith('zfs send -n -v -t'))).toBe(true);
  });
});
