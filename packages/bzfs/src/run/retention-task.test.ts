import { describe, expect, it } from '@jest/globals';
import { LOCAL } from '../exec/runner.js';
import { ExitCode } from '../model/exit-codes.js';
import { FakeZfs } from '../../test/support/fake-runner.js';
import { mutating, pair, run, snaps } from '../../test/support/run-world.js';
import { regexFilters, type ConfigOverrides } from '../../test/support/test-config.js';

const retention = (o: Partial<NonNullable<ConfigOverrides['retention']>> = {}) => ({
  kind: 'snapshot' as const,
  except: false,
  crosscheck: true,
  forceDeleteLatestCommonSnapshot: false,
  ...o,
});
/** Prune `ds` itself (`bzfs dummy ds --skip-replication --delete-dst-snapshots ...`). */
const pruneSource = (ds: string, o: ConfigOverrides = {}): ConfigOverrides => ({
  pairs: [pair('dummy', ds)],
  replication: { skip: true },
  retention: retention(),
  ...o,
});

describe('the delete-dst-snapshots task', () => {
  it('`dummy` source: deletes the selected snapshots in one destroy, oldest first', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 'h1', 'd1', 'h2', 'd2', 'h3');
    const { code, log } = await run(
      fake,
      pruneSource('pool/src', { selection: { snapshotFilters: regexFilters(['h.*']) } }),
    );
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual(['zfs destroy pool/src@h1,h2,h3']);
    expect(snaps(fake, 'pool/src')).toEqual(['d1', 'd2']);
    expect(log.join('\n')).toContain('Pruning done: pool/src: deleted 3 in 1 dataset(s)');
  });

  it('except mode keeps what the filters select and deletes the rest', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 'h1', 'd1', 'h2', 'd2');
    await run(
      fake,
      pruneSource('pool/src', {
        selection: { snapshotFilters: regexFilters(['d.*']) },
        retention: retention({ except: true }),
      }),
    );
    expect(snaps(fake, 'pool/src')).toEqual(['d1', 'd2']);
  });

  it('a held snapshot is skipped and logged; the others go', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1', 's2', 's3').hold(LOCAL, 'pool/src', 's2');
    const { code, log } = await run(fake, pruneSource('pool/src'));
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual(['zfs destroy pool/src@s1,s3']);
    expect(snaps(fake, 'pool/src')).toEqual(['s2']);
    expect(log.join('\n')).toMatch(/Not deleting pool\/src@s2: it is held \(1 zfs hold/);
    expect(log.join('\n')).toContain('kept 1 by the safety rules');
  });

  it('bookmarks: one destroy per bookmark; the snapshots stay', async () => {
    const fake = new FakeZfs()
      .snapshot(LOCAL, 'pool/src', 's1', 's2')
      .bookmark(LOCAL, 'pool/src', 's1', 's2');
    await run(fake, pruneSource('pool/src', { retention: retention({ kind: 'bookmark' }) }));
    expect(mutating(fake)).toEqual(['zfs destroy pool/src#s1', 'zfs destroy pool/src#s2']);
    expect(fake.bookmarkNames(LOCAL, 'pool/src')).toEqual([]);
    expect(snaps(fake, 'pool/src')).toEqual(['s1', 's2']);
  });

  it('what is already gone when the destroy runs is not an error (snapshots and bookmarks)', async () => {
    const goneBeforeDestroy = (fake: FakeZfs) => {
      // Another run prunes the dataset between this run's listing and its destroy.
      fake.beforeCall = (c) => {
        if (c.stages[0]!.argv[1] !== 'destroy') return;
        fake.removeDataset(LOCAL, 'pool/src');
        fake.snapshot(LOCAL, 'pool/src', 'newer');
      };
      return fake;
    };
    const s = goneBeforeDestroy(new FakeZfs().snapshot(LOCAL, 'pool/src', 's1'));
    expect((await run(s, pruneSource('pool/src'))).code).toBe(ExitCode.OK);
    expect(mutating(s)).toEqual(['zfs destroy pool/src@s1']);
    const b = goneBeforeDestroy(
      new FakeZfs().snapshot(LOCAL, 'pool/src', 's1').bookmark(LOCAL, 'pool/src', 's1'),
    );
    expect((await run(b, pruneSource('pool/src', { retention: retention({ kind: 'bookmark' }) }))).code).toBe(
      ExitCode.OK,
    );
    expect(mutating(b)).toEqual(['zfs destroy pool/src#s1']);
  });

  it('--dryrun: nothing is destroyed; `zfs destroy -n -v -p` reports the space per dataset and in total', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1', 's2');
    const { code, log } = await run(fake, pruneSource('pool/src', { run: { dryrun: 'send' } }));
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/src')).toEqual(['s1', 's2']);
    expect(mutating(fake)).toEqual([]);
    expect(fake.log()).toContain('zfs destroy -n -v -p pool/src@s1,s2');
    const text = log.join('\n');
    expect(text).toContain('Would execute: zfs destroy pool/src@s1,s2');
    expect(text).toContain('Pruning pool/src would reclaim 0 bytes (0 B)');
    expect(text).toContain('would delete 2 in 1 dataset(s)');
    expect(text).toContain('would reclaim 0 bytes (0 B) in total');
  });

  it('a real source: only what is not on the source goes, after replication', async () => {
    const fake = new FakeZfs()
      .snapshot(LOCAL, 'pool/src', 's1', 's2', 's3')
      .snapshot(LOCAL, 'pool/dst', 'stray');
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, { place: LOCAL, dataset: 'pool/dst' }, 's1');
    const { code } = await run(fake, {
      pairs: [pair('pool/src', 'pool/dst')],
      retention: retention(),
    });
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3']);
  });

  it('the latest common snapshot survives a prune that selects it, unless forced (and the log says the cost)', async () => {
    const world = () => {
      const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1', 's2');
      const dst = { place: LOCAL, dataset: 'pool/dst' };
      fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, dst, 's1', 's2');
      return fake;
    };
    const cfg = (force: boolean): ConfigOverrides => ({
      pairs: [pair('pool/src', 'pool/dst')],
      replication: { skip: true },
      // Keep nothing: every destination snapshot is "not kept by the rules".
      selection: { snapshotFilters: regexFilters(['none']) },
      retention: retention({ except: true, forceDeleteLatestCommonSnapshot: force }),
    });
    const kept = world();
    const k = await run(kept, cfg(false));
    expect(snaps(kept, 'pool/dst')).toEqual(['s2']);
    expect(k.log.join('\n')).toMatch(/Keeping pool\/dst@s2 although the rules delete it/);
    const forced = world();
    const f = await run(forced, cfg(true));
    expect(snaps(forced, 'pool/dst')).toEqual([]);
    expect(f.log.join('\n')).toMatch(/next replication needs a full send/);
  });

  it('a recursive prune covers the tree; each dataset gets its own destroy', async () => {
    const fake = new FakeZfs();
    for (const ds of ['pool/src', 'pool/src/a', 'pool/src/b']) fake.snapshot(LOCAL, ds, 'x1', 'k1');
    await run(
      fake,
      pruneSource('pool/src', {
        selection: { recursive: true, snapshotFilters: regexFilters(['x.*']) },
        run: { threads: 2 },
      }),
    );
    expect([...mutating(fake)].sort()).toEqual([
      'zfs destroy pool/src/a@x1',
      'zfs destroy pool/src/b@x1',
      'zfs destroy pool/src@x1',
    ]);
  });

  it('a transient failure is retried (the dataset is re-planned); a permanent one is not', async () => {
    const busy = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1');
    const isDestroy = (c: { stages: readonly { argv: readonly string[] }[] }) =>
      c.stages[0]!.argv[1] === 'destroy';
    busy.failWhen(isDestroy, { exitCode: 1, stderr: "cannot destroy 'pool/src@s1': dataset is busy" });
    expect((await run(busy, pruneSource('pool/src'))).code).toBe(ExitCode.OK);
    expect(snaps(busy, 'pool/src')).toEqual([]);
    const denied = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1');
    denied.failWhen(isDestroy, { exitCode: 1, stderr: 'permission denied' }, 5);
    expect((await run(denied, pruneSource('pool/src'))).code).toBe(ExitCode.ERROR);
    expect(mutating(denied).filter((l) => l.startsWith('zfs destroy'))).toHaveLength(1);
  });

  it('a long list is split at the command-line limit, oldest first, each destroy within it', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(196)}`);
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', ...names);
    await run(fake, pruneSource('pool/src'));
    const destroys = mutating(fake);
    expect(destroys.length).toBe(2);
    // 128 KiB is the most one argument may hold on Linux (the comma-joined list is one argument).
    for (const d of destroys) expect(Buffer.byteLength(d)).toBeLessThan(128 * 1024);
    const listed = destroys.flatMap((d) => d.slice('zfs destroy pool/src@'.length).split(','));
    expect(listed).toEqual(names);
    expect(snaps(fake, 'pool/src')).toEqual([]);
  });

  it('`dummy` as source with replication on is refused with a usage error', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1');
    const { code, log } = await run(fake, { ...pruneSource('pool/src'), replication: { skip: false } });
    expect(code).toBe(ExitCode.USAGE);
    expect(log.join('\n')).toContain('--skip-replication');
    expect(snaps(fake, 'pool/src')).toEqual(['s1']);
  });
});
