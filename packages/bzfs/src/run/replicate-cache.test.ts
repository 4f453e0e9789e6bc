import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL } from '../exec/runner.js';
import type { Clock } from '../infra/clock.js';
import { FakeZfs } from '../../test/support/fake-runner.js';
import { ExitCode } from '../model/exit-codes.js';
import { listings, run, snaps } from '../../test/support/run-world.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** pool/src with 9 children, each with s1 s2; the fake's snapshots_changed values are near 1.7e9 s. */
function world(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  fake.snapshot(LOCAL, 'pool/src', 's1', 's2');
  for (let i = 1; i < 10; i++) fake.snapshot(LOCAL, `pool/src/d${i}`, 's1', 's2');
  return fake;
}

const clockAt = (secs: number): Clock => ({ wallMs: () => secs * 1000, now: () => 0, sleep: async () => {} });
/** Long after every snapshots_changed value of the fake: all mature. */
const LATE = clockAt(1_800_000_000);

function cachedConfig() {
  const logDir = mkdtempSync(join(tmpdir(), 'bzfs-cache-'));
  dirs.push(logDir);
  return {
    logDir,
    cfg: { selection: { recursive: true }, run: { threads: 2, logDir }, cache: { snapshots: true } },
  };
}

const snapshotListings = (fake: FakeZfs) =>
  fake.log().filter((l) => l.startsWith('zfs list -t snapshot,bookmark')).length;

describe('replication with --cache-snapshots', () => {
  it('fills the cache on the first no-op run; the next lists no snapshots; a new snapshot is still sent', async () => {
    const fake = world();
    const { logDir, cfg } = cachedConfig();
    expect((await run(fake, cfg, { clock: LATE })).code).toBe(ExitCode.OK);
    // The full sends changed the destination: nothing is remembered until a run finds both sides in sync.
    fake.calls.length = 0;
    const filling = await run(fake, cfg, { clock: LATE });
    expect(snapshotListings(fake)).toBeGreaterThan(0);
    expect(filling.log).toContain('I --cache-snapshots: 0 cache hit(s), 10 miss(es)');
    fake.calls.length = 0;
    const cached = await run(fake, cfg, { clock: LATE });
    expect(cached.code).toBe(ExitCode.OK);
    expect(snapshotListings(fake)).toBe(0);
    expect(fake.calls).toHaveLength(2);
    expect(cached.log).toContain('I --cache-snapshots: 10 cache hit(s), 0 miss(es)');
    expect(cached.log).toContain('I Already up-to-date [cached]: pool/dst/d5');
    expect(cached.log).toContain(
      'D --cache-snapshots: hit: pool/src/d5 → pool/dst/d5 is unchanged since it was in sync',
    );
    // The store: private directories and file.
    const dir = join(logDir, '.cache', 'replication');
    expect(statSync(join(logDir, '.cache')).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(dir);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);

    fake.snapshot(LOCAL, 'pool/src/d5', 's3');
    fake.calls.length = 0;
    const changed = await run(fake, cfg, { clock: LATE });
    expect(changed.code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst/d5')).toEqual(['s1', 's2', 's3']);
    expect(listings(fake, 'pool/src/d5')).toBe(1);
    expect(changed.log).toContain(
      'D --cache-snapshots: miss: pool/src/d5 → pool/dst/d5: the source snapshots changed',
    );
    expect(changed.log).toContain('I --cache-snapshots: 9 cache hit(s), 1 miss(es)');
  });

  it('a destination changed behind bzfs (a snapshot deleted there) is a miss, and is repaired', async () => {
    const fake = world();
    const { cfg } = cachedConfig();
    for (let i = 0; i < 3; i++) await run(fake, cfg, { clock: LATE });
    const d2 = fake.dataset(LOCAL, 'pool/dst/d2')!;
    d2.entries = d2.entries.filter((e) => e.kind !== 'snapshot' || e.name !== 's2');
    const { log } = await run(fake, cfg, { clock: LATE });
    expect(log).toContain(
      'D --cache-snapshots: miss: pool/src/d2 → pool/dst/d2: the destination snapshots changed',
    );
    expect(snaps(fake, 'pool/dst/d2')).toEqual(['s1', 's2']);
  });

  it('values of the same second are not trusted (maturity 1.1 s): listed every time, never remembered', async () => {
    const fake = world();
    fake.clockSecs = 1_750_000_000;
    const { cfg } = cachedConfig();
    // One second after the snapshots: the property cannot yet tell a later snapshot of that second apart.
    const soon = clockAt(1_750_000_001);
    for (let i = 0; i < 3; i++) await run(fake, cfg, { clock: soon });
    fake.calls.length = 0;
    const { log } = await run(fake, cfg, { clock: soon });
    expect(snapshotListings(fake)).toBeGreaterThan(0);
    expect(log).toContain('I --cache-snapshots: 0 cache hit(s), 10 miss(es)');
  });

  it('no snapshots_changed (zfs < 2.2): every pair is listed', async () => {
    const fake = world();
    fake.hasSnapshotsChanged = false;
    const { cfg } = cachedConfig();
    for (let i = 0; i < 3; i++) await run(fake, cfg, { clock: LATE });
    const { log } = await run(fake, cfg, { clock: LATE });
    expect(log).toContain(
      'D --cache-snapshots: miss: pool/src → pool/dst: zfs reports no snapshots_changed (OpenZFS < 2.2?)',
    );
    expect(log).toContain('I --cache-snapshots: 0 cache hit(s), 10 miss(es)');
  });

  it('another job (its lock key covers the filters and options) uses another cache: its first run lists', async () => {
    const fake = world();
    const { cfg } = cachedConfig();
    for (let i = 0; i < 3; i++) await run(fake, cfg, { clock: LATE });
    const other = { ...cfg, lockKey: 'another job' };
    const { log } = await run(fake, other, { clock: LATE });
    expect(log).toContain('I --cache-snapshots: 0 cache hit(s), 10 miss(es)');
  });

  it('an unwritable cache costs only listings: the run still succeeds', async () => {
    const fake = world();
    const cfg = {
      selection: { recursive: true },
      run: { logDir: '/nonexistent/bzfs-logs' },
      cache: { snapshots: true },
    };
    const { code, log } = await run(fake, cfg, { clock: LATE });
    expect(code).toBe(ExitCode.OK);
    await run(fake, cfg, { clock: LATE });
    expect(
      (await run(fake, cfg, { clock: LATE })).log.some((l) =>
        l.startsWith('W --cache-snapshots: cannot write'),
      ),
    ).toBe(true);
    expect(log.some((l) => l.startsWith('E'))).toBe(false);
  });
});
