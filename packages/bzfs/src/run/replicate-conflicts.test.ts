import { describe, expect, it } from '@jest/globals';
import { CommandFailedError, LOCAL } from '../exec/runner.js';
import { ConflictError } from '../model/errors.js';
import { FakeZfs } from '../../test/support/fake-runner.js';
import {
  DST,
  dstSnaps,
  FORCE_ALL,
  FORCE_COMMON,
  FORCE_NONE,
  mutating,
  pipelines,
  setup,
  SRC,
  world,
} from '../../test/support/dataset-world.js';
import { replicateDataset } from './replicate-dataset.js';
import { regexFilters } from '../../test/support/test-config.js';

describe('replicateDataset: a destination without snapshots', () => {
  /** pool/dst exists without snapshots and holds 5 MiB of files. */
  function dstWithFiles(): FakeZfs {
    return world(['s1', 's2'])
      .addDatasets(LOCAL, DST)
      .setLogicalReferenced(LOCAL, DST, 5 << 20);
  }

  it('holding data: refused with a ConflictError naming --force; nothing is received or changed', async () => {
    const fake = dstWithFiles();
    const err = await replicateDataset(setup(fake), SRC, DST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/pool\/dst .*no snapshots.*5 MiB/);
    expect((err as Error).message).toMatch(/--force/);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(fake.log()).toContain(
      'zfs get -Hp -o property,value type,logicalreferenced,receive_resume_token pool/dst',
    );
  });

  it('holding data, with --force: the full receive overwrites it', async () => {
    const fake = dstWithFiles();
    const ctx = setup(fake, { force: { ...FORCE_ALL } });
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(pipelines(fake)[0]).toBe(
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
    );
    expect(dstSnaps(fake)).toEqual(['s1', 's2']);
    expect(ctx.force.used).toBe(true);
  });

  it('holding data, with --force-once already spent: refused', async () => {
    const fake = dstWithFiles();
    const ctx = setup(fake, { force: { ...FORCE_ALL, once: true } });
    ctx.force.used = true;
    await expect(replicateDataset(ctx, SRC, DST)).rejects.toThrow(/--force-once was already used/);
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('a volume holding data is refused too', async () => {
    const fake = world(['s1'])
      .addVolume(LOCAL, DST)
      .setLogicalReferenced(LOCAL, DST, 64 << 20);
    await expect(replicateDataset(setup(fake), SRC, DST)).rejects.toThrow(ConflictError);
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('empty (e.g. made by `zfs create`): received into without --force', async () => {
    const fake = world(['s1', 's2']).addDatasets(LOCAL, DST);
    await expect(replicateDataset(setup(fake), SRC, DST)).resolves.toBe('replicated');
    expect(dstSnaps(fake)).toEqual(['s1', 's2']);
  });

  it('an empty volume is received into without --force', async () => {
    const fake = world(['s1']).addVolume(LOCAL, DST);
    await expect(replicateDataset(setup(fake), SRC, DST)).resolves.toBe('replicated');
  });

  it('with partial receive state it is not "data": the interrupted full receive is resumed', async () => {
    const fake = world(['s1', 's2']);
    const token = fake.setResumeState(LOCAL, DST, {
      toname: 'pool/src@s1',
      toguid: fake.guid(LOCAL, SRC, 's1'),
    });
    fake.setLogicalReferenced(LOCAL, DST, 700 << 20);
    await expect(replicateDataset(setup(fake), SRC, DST)).resolves.toBe('replicated');
    expect(pipelines(fake)[0]).toBe(`zfs send -t ${token} | zfs receive -s -u pool/dst`);
  });

  it('holding data and stale partial state: after `zfs receive -A` the data is still refused', async () => {
    const fake = dstWithFiles();
    fake.setResumeState(LOCAL, DST, { toname: 'pool/other@x', toguid: '4242' });
    await expect(replicateDataset(setup(fake), SRC, DST)).rejects.toThrow(ConflictError);
    expect(mutating(fake)).toEqual(['zfs receive -A pool/dst']);
  });

  it('made by an interrupted full receive whose token went stale: aborted (it vanishes), then sent in full', async () => {
    const fake = world(['s1', 's2']);
    fake.failWhen((c) => c.kind === 'pipeline', {
      exitCode: 1,
      interrupt: true,
      stderr: 'Connection reset by peer',
    });
    await expect(replicateDataset(setup(fake), SRC, DST)).rejects.toThrow(CommandFailedError);
    fake.setLogicalReferenced(LOCAL, DST, 700 << 20);
    // s1, which the token continues, is no longer selected: the token is stale.
    const ctx = setup(fake, { selection: { snapshotFilters: regexFilters([], ['s1']) } });
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake).slice(1)).toEqual([
      'zfs receive -A pool/dst',
      'zfs send --raw --compressed pool/src@s2 | zfs receive -s -F -u pool/dst',
      'zfs bookmark pool/src@s2 pool/src#s2',
    ]);
  });

  it('a destination with snapshots is not asked about its contents', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    await replicateDataset(setup(fake), SRC, DST);
    expect(fake.log().some((l) => l.includes('logicalreferenced'))).toBe(false);
  });
});

describe('replicateDataset: conflicts and --force', () => {
  it('dst has newer snapshots: ConflictError naming --force-rollback-to-latest-common-snapshot and --force', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    fake.snapshot(LOCAL, DST, 'x1');
    const err = await replicateDataset(setup(fake), SRC, DST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    const msg = (err as Error).message;
    expect(msg).toContain('--force-rollback-to-latest-common-snapshot');
    expect(msg).toContain('--force');
    expect(msg).toContain('x1');
    expect((err as ConflictError).retryable).toBe(false);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(dstSnaps(fake)).toEqual(['s1', 'x1']);
  });

  it('nothing in common: ConflictError naming --force', async () => {
    const fake = world(['s1']);
    fake.snapshot(LOCAL, DST, 'y1', 'y2');
    const err = await replicateDataset(setup(fake), SRC, DST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/none in common.*--force to destroy all destination snapshots/s);
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('--force-rollback-to-latest-common-snapshot: `zfs rollback -r` to the common snapshot, then the send', async () => {
    const fake = world(['s1', 's2', 's3'], ['s1']);
    fake.snapshot(LOCAL, DST, 'x1', 'x2');
    const ctx = setup(fake, { force: { ...FORCE_COMMON } });
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake).slice(0, 2)).toEqual([
      'zfs rollback -r pool/dst@s1',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(dstSnaps(fake)).toEqual(['s1', 's2', 's3']);
    expect(ctx.force.used).toBe(true);
  });

  it('--force-destroy-dependents and --force-unmount add -R and -f to the rollback', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    fake.snapshot(LOCAL, DST, 'x1');
    await replicateDataset(
      setup(fake, { force: { ...FORCE_COMMON, destroyDependents: true, unmount: true } }),
      SRC,
      DST,
    );
    expect(mutating(fake)[0]).toBe('zfs rollback -r -R -f pool/dst@s1');
  });

  it('--force-rollback-to-latest-common-snapshot alone does not resolve "nothing in common"', async () => {
    const fake = world(['s1']);
    fake.snapshot(LOCAL, DST, 'y1');
    await expect(replicateDataset(setup(fake, { force: { ...FORCE_COMMON } }), SRC, DST)).rejects.toThrow(
      ConflictError,
    );
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('--force with nothing in common: destroys all dst snapshots, then sends in full', async () => {
    const fake = world(['s1', 's2']);
    fake.snapshot(LOCAL, DST, 'y1', 'y2');
    const ctx = setup(fake, { force: { ...FORCE_ALL } });
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake).slice(0, 3)).toEqual([
      'zfs destroy pool/dst@y1,y2',
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -i pool/src@s1 pool/src@s2 | zfs receive -s -u pool/dst',
    ]);
    expect(dstSnaps(fake)).toEqual(['s1', 's2']);
    expect(ctx.force.used).toBe(true);
  });

  it('--force-rollback-to-latest-snapshot rolls back to the newest dst snapshot (no -r) first', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    await replicateDataset(
      setup(fake, { force: { ...FORCE_NONE, rollbackToLatestSnapshot: true } }),
      SRC,
      DST,
    );
    expect(mutating(fake)[0]).toBe('zfs rollback pool/dst@s1');
    expect(dstSnaps(fake)).toEqual(['s1', 's2']);
  });

  it('--force-once: the force is used for the first conflict only', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', SRC, DST);
    for (const n of ['a', 'b']) {
      fake.snapshot(LOCAL, `${SRC}/${n}`, 's1', 's2');
      fake.copySnapshots(
        { place: LOCAL, dataset: `${SRC}/${n}` },
        { place: LOCAL, dataset: `${DST}/${n}` },
        's1',
      );
      fake.snapshot(LOCAL, `${DST}/${n}`, 'x1');
    }
    const ctx = setup(fake, { force: { ...FORCE_ALL, once: true } });
    await expect(replicateDataset(ctx, `${SRC}/a`, `${DST}/a`)).resolves.toBe('replicated');
    const err = await replicateDataset(ctx, `${SRC}/b`, `${DST}/b`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toContain('--force-once was already used');
    expect(mutating(fake).filter((l) => l.includes('rollback'))).toEqual(['zfs rollback -r pool/dst/a@s1']);
    expect(dstSnaps(fake, `${DST}/b`)).toEqual(['s1', 'x1']);
  });

  it('without --force-once the force applies to every conflict', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', SRC, DST);
    for (const n of ['a', 'b']) {
      fake.snapshot(LOCAL, `${SRC}/${n}`, 's1', 's2');
      fake.copySnapshots(
        { place: LOCAL, dataset: `${SRC}/${n}` },
        { place: LOCAL, dataset: `${DST}/${n}` },
        's1',
      );
      fake.snapshot(LOCAL, `${DST}/${n}`, 'x1');
    }
    const ctx = setup(fake, { force: { ...FORCE_ALL } });
    await replicateDataset(ctx, `${SRC}/a`, `${DST}/a`);
    await expect(replicateDataset(ctx, `${SRC}/b`, `${DST}/b`)).resolves.toBe('replicated');
  });
});
