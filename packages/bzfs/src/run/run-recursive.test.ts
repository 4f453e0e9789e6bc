import { describe, expect, it } from '@jest/globals';
import { LOCAL } from '../exec/runner.js';
import { FakeZfs } from '../../test/support/fake-runner.js';
import { ExitCode } from '../model/exit-codes.js';
import { FORCE_ALL, mutating, pair, pipelines, run, snaps, treeWorld } from '../../test/support/run-world.js';

describe('runAll: recursive', () => {
  it('replicates every descendant, each parent before its children', async () => {
    const fake = treeWorld();
    const { code } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.OK);
    for (const ds of ['pool/dst', 'pool/dst/a', 'pool/dst/a/b', 'pool/dst/c'])
      expect(snaps(fake, ds)).toEqual(['s1', 's2']);
    const fullSends = pipelines(fake)
      .filter((l) => l.includes('-F'))
      .map((l) => l.split(' ').pop());
    expect(fullSends.indexOf('pool/dst')).toBeLessThan(fullSends.indexOf('pool/dst/a'));
    expect(fullSends.indexOf('pool/dst/a')).toBeLessThan(fullSends.indexOf('pool/dst/a/b'));
  });

  it('--exclude-dataset skips a subtree', async () => {
    const fake = treeWorld();
    await run(fake, { selection: { recursive: true, excludeDatasets: ['a'] } });
    expect(fake.datasetNames().filter((n) => n.startsWith('pool/dst'))).toEqual(['pool/dst', 'pool/dst/c']);
  });

  it('--skip-parent: the root is created empty, only descendants are replicated', async () => {
    const fake = treeWorld();
    const { code } = await run(fake, { selection: { recursive: true, skipParent: true } });
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)[0]).toBe('zfs create -u pool/dst');
    expect(snaps(fake, 'pool/dst')).toEqual([]);
    expect(snaps(fake, 'pool/dst/a/b')).toEqual(['s1', 's2']);
  });

  it('an empty destination bzfs created itself (--skip-parent) is later received into without --force', async () => {
    const fake = treeWorld();
    expect((await run(fake, { selection: { recursive: true, skipParent: true } })).code).toBe(ExitCode.OK);
    // pool/dst now exists without snapshots, as a container of replicated children.
    const { code } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2']);
  });

  it('a destination without snapshots that holds data is refused (exit 3); its children still go on', async () => {
    const fake = treeWorld()
      .addDatasets(LOCAL, 'pool/dst')
      .setLogicalReferenced(LOCAL, 'pool/dst', 1 << 30);
    const { code, log } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.ERROR);
    expect(snaps(fake, 'pool/dst')).toEqual([]);
    expect(log.some((l) => l.includes('pool/dst exists and has no snapshots') && l.includes('--force'))).toBe(
      true,
    );
    expect(snaps(fake, 'pool/dst/a')).toEqual(['s1', 's2']);
  });

  it('--include-dataset of a nested dataset creates its missing destination parents', async () => {
    const fake = treeWorld();
    const { code } = await run(fake, { selection: { recursive: true, includeDatasets: ['a/b'] } });
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst/a/b')).toEqual(['s1', 's2']);
  });

  it('--dryrun: no mutating command at all (not even the ancestors), everything logged', async () => {
    const fake = treeWorld();
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src/c' }, { place: LOCAL, dataset: 'pool/x/c' }, 's1');
    fake.snapshot(LOCAL, 'pool/x/c', 'conflict');
    const { code, log } = await run(fake, {
      pairs: [pair('pool/src', 'pool/x/y/dst'), pair('pool/src/c', 'pool/x/c')],
      selection: { recursive: true },
      run: { dryrun: 'send' },
      force: { ...FORCE_ALL },
    });
    expect(code).toBe(ExitCode.OK);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(fake.exists(LOCAL, 'pool/x/y')).toBe(false);
    expect(snaps(fake, 'pool/x/c')).toEqual(['s1', 'conflict']);
    expect(log).toContain('I Would execute: zfs create -u pool/x/y');
    expect(log).toContain('I Would execute: zfs rollback -r pool/x/c@s1');
    expect(log.some((l) => l.startsWith('I Would execute (full → s1)'))).toBe(true);
    expect(log.some((l) => l.includes('Executing'))).toBe(false);
  });
});

describe('runAll: --dryrun of a first recursive replication', () => {
  const announcedFull = (log: string[], ds: string) =>
    log.some((l) => l.startsWith('I Would execute (full → s1)') && l.endsWith(` ${ds}`));

  it('recv: exits 0; only the root really runs `zfs receive -n`, its children are announced', async () => {
    const fake = treeWorld();
    const { code, log } = await run(fake, { selection: { recursive: true }, run: { dryrun: 'recv' } });
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -F -u -n pool/dst',
    ]);
    for (const ds of ['pool/dst/a', 'pool/dst/a/b', 'pool/dst/c']) expect(announcedFull(log, ds)).toBe(true);
    expect(fake.exists(LOCAL, 'pool/dst')).toBe(false);
  });

  it('recv: a destination whose parent would only be created is announced, not received into', async () => {
    const fake = treeWorld();
    const { code, log } = await run(fake, {
      pairs: [pair('pool/src', 'pool/x/dst')],
      selection: { recursive: true },
      run: { dryrun: 'recv' },
    });
    expect(code).toBe(ExitCode.OK);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(log).toContain('I Would execute: zfs create -u pool/x');
    for (const ds of ['pool/x/dst', 'pool/x/dst/a', 'pool/x/dst/a/b'])
      expect(announcedFull(log, ds)).toBe(true);
  });

  it('recv: children of an existing destination are really received into with -n', async () => {
    const fake = treeWorld();
    fake.copySnapshots(
      { place: LOCAL, dataset: 'pool/src' },
      { place: LOCAL, dataset: 'pool/dst' },
      's1',
      's2',
    );
    const { code } = await run(fake, { selection: { recursive: true }, run: { dryrun: 'recv' } });
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual([
      'zfs send --raw --compressed pool/src/a@s1 | zfs receive -F -u -n pool/dst/a',
      'zfs send --raw --compressed pool/src/c@s1 | zfs receive -F -u -n pool/dst/c',
    ]);
  });

  it('send: exits 0, runs nothing mutating and announces every dataset', async () => {
    const fake = treeWorld();
    const { code, log } = await run(fake, { selection: { recursive: true }, run: { dryrun: 'send' } });
    expect(code).toBe(ExitCode.OK);
    expect(fake.mutatingCalls()).toEqual([]);
    for (const ds of ['pool/dst', 'pool/dst/a', 'pool/dst/a/b', 'pool/dst/c'])
      expect(announcedFull(log, ds)).toBe(true);
  });
});

describe('runAll: --skip-missing-snapshots=continue', () => {
  // The original creates a continue-mode dataset's destination only if a descendant selects a
  // snapshot (its test_basic_replication_recursive1: dst/foo/b must not exist).
  it('--skip-missing-snapshots=continue creates an empty destination only where a descendant is received', async () => {
    const fake = new FakeZfs().addDatasets(
      LOCAL,
      'pool',
      'pool/src',
      'pool/src/e',
      'pool/src/e/f',
      'pool/src/g',
      'pool/src/g/h',
    );
    fake.snapshot(LOCAL, 'pool/src', 's1');
    fake.snapshot(LOCAL, 'pool/src/e/f', 'f1', 'f2');
    const { code } = await run(fake, {
      selection: { recursive: true },
      replication: { skipMissingSnapshots: 'continue' },
      run: { threads: 4 },
    });
    expect(code).toBe(ExitCode.OK);
    expect(fake.datasetNames().filter((n) => n.startsWith('pool/dst'))).toEqual([
      'pool/dst',
      'pool/dst/e',
      'pool/dst/e/f',
    ]);
    expect(snaps(fake, 'pool/dst/e')).toEqual([]);
    expect(snaps(fake, 'pool/dst/e/f')).toEqual(['f1', 'f2']);
    expect(mutating(fake).filter((c) => c.startsWith('zfs create'))).toEqual(['zfs create -u pool/dst/e']);
  });

  it('--skip-missing-snapshots=continue: siblings below one uncreated destination create it once', async () => {
    const fake = new FakeZfs().addDatasets(
      LOCAL,
      'pool',
      'pool/src',
      'pool/src/e',
      'pool/src/e/a',
      'pool/src/e/b',
      'pool/src/e/c',
    );
    fake.snapshot(LOCAL, 'pool/src', 's1');
    for (const c of ['a', 'b', 'c']) fake.snapshot(LOCAL, `pool/src/e/${c}`, 'x1');
    const { code } = await run(fake, {
      selection: { recursive: true },
      replication: { skipMissingSnapshots: 'continue' },
      run: { threads: 3 },
    });
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake).filter((c) => c.startsWith('zfs create'))).toEqual(['zfs create -u pool/dst/e']);
    for (const c of ['a', 'b', 'c']) expect(snaps(fake, `pool/dst/e/${c}`)).toEqual(['x1']);
  });
});
