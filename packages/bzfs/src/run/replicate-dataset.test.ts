import { describe, expect, it } from '@jest/globals';
import { CommandFailedError, LOCAL, type Place } from '../exec/runner.js';
import { BzfsError, ConflictError } from '../model/errors.js';
import { describeCall, FakeZfs, type RecordedCall } from '../../test/support/fake-runner.js';
import { testConfig, testTaskContext, type ConfigOverrides } from '../../test/support/test-config.js';
import { replicateDataset } from './replicate-dataset.js';

const SRC = 'pool/src';
const DST = 'pool/dst';
const FORCE_NONE = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: false,
  destroyAllIfNoCommon: false,
};
const FORCE_COMMON = { ...FORCE_NONE, rollbackToLatestCommon: true };
const FORCE_ALL = { ...FORCE_NONE, rollbackToLatestCommon: true, destroyAllIfNoCommon: true };

/** A world with pool, pool/src holding `src` snapshots and (if given) pool/dst holding copies of `dst`. */
function world(src: string[], dst?: string[]): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  fake.snapshot(LOCAL, SRC, ...src);
  if (dst !== undefined)
    fake.copySnapshots({ place: LOCAL, dataset: SRC }, { place: LOCAL, dataset: DST }, ...dst);
  return fake;
}

function setup(fake: FakeZfs, cfg: ConfigOverrides = {}) {
  return testTaskContext(fake, testConfig(cfg));
}

const pipelines = (fake: FakeZfs) => fake.pipelines().map(describeCall);
const mutating = (fake: FakeZfs) => fake.mutatingCalls().map(describeCall);
const isBookmark = (c: RecordedCall) => c.stages[0]!.argv.includes('bookmark');
const dstSnaps = (fake: FakeZfs, ds = DST) => fake.snapshotNames(LOCAL, ds);

describe('replicateDataset: first and incremental replication', () => {
  it('first replication: full send of the oldest snapshot, then one -I step, then bookmarks of all sent', async () => {
    const fake = world(['s1', 's2', 's3']);
    const ctx = setup(fake);
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
      'zfs bookmark pool/src@s1 pool/src#s1',
      'zfs bookmark pool/src@s2 pool/src#s2',
      'zfs bookmark pool/src@s3 pool/src#s3',
    ]);
    expect(dstSnaps(fake)).toEqual(['s1', 's2', 's3']);
    for (const s of ['s1', 's2', 's3']) expect(fake.guid(LOCAL, DST, s)).toBe(fake.guid(LOCAL, SRC, s));
    expect(ctx.stats).toEqual({ stepsSent: 2, datasetsReplicated: 1 });
    expect(ctx.log.lines.some((l) => l.startsWith('I Executing (full → s1): zfs send'))).toBe(true);
  });

  it('reads both sides and the resume token before sending, without sudo', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    await replicateDataset(setup(fake), SRC, DST);
    const reads = fake.calls.filter(
      (c) => !c.stages.some((s) => s.argv.includes('bookmark')) && c.kind === 'run',
    );
    expect(reads.map(describeCall)).toEqual([
      'zfs list -t snapshot,bookmark -d 1 -Hp -o name,guid,createtxg,creation -s createtxg pool/src',
      'zfs list -t snapshot,bookmark -d 1 -Hp -o name,guid,createtxg,creation -s createtxg pool/dst',
      'zfs get -Hp -o value receive_resume_token pool/dst',
    ]);
    // The reads come before the send.
    const firstPipe = fake.calls.findIndex((c) => c.kind === 'pipeline');
    expect(firstPipe).toBe(3);
  });

  it('incremental: only the snapshots after the latest common one are sent', async () => {
    const fake = world(['s1', 's2', 's3', 's4'], ['s1', 's2']);
    await expect(replicateDataset(setup(fake), SRC, DST)).resolves.toBe('replicated');
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed -I pool/src@s2 pool/src@s4 | zfs receive -s -u pool/dst',
    ]);
    expect(dstSnaps(fake)).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('up-to-date: nothing is sent or changed and it is logged', async () => {
    const fake = world(['s1', 's2'], ['s1', 's2']);
    const ctx = setup(fake);
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('up-to-date');
    expect(fake.mutatingCalls()).toEqual([]);
    expect(ctx.stats).toEqual({ stepsSent: 0, datasetsReplicated: 0 });
    expect(ctx.log.lines).toContain('I Already up-to-date: pool/dst (latest common snapshot s2)');
  });

  it('--no-stream sends only the newest snapshot in full', async () => {
    const fake = world(['s1', 's2', 's3']);
    await replicateDataset(setup(fake, { replication: { noStream: true } }), SRC, DST);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s3 | zfs receive -s -F -u pool/dst',
    ]);
    expect(dstSnaps(fake)).toEqual(['s3']);
  });

  it('excluded snapshots are jumped over with -i', async () => {
    const fake = world(['s1', 's2', 's3']);
    await replicateDataset(setup(fake, { selection: { excludeSnapshotRegex: [/^(?:s2)$/] } }), SRC, DST);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -i pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(dstSnaps(fake)).toEqual(['s1', 's3']);
  });

  it('user options: managed flags are dropped, others kept; -v -v adds -v to send and receive', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    const ctx = setup(fake, {
      replication: {
        sendOpts: ['--raw', '-n', '-i', 'pool/src@zz', '-L'],
        recvOpts: ['-u', '-F', '-n', '-s', '-o', 'compression=on'],
      },
      run: { verbose: 2 },
    });
    await replicateDataset(ctx, SRC, DST);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw -L -v -i pool/src@s1 pool/src@s2 | zfs receive -s -u -o compression=on -v pool/dst',
    ]);
  });

  it('sudo: mutating commands get `sudo -n`, reads do not', async () => {
    const fake = world(['s1', 's2']);
    const ctx = testTaskContext(fake, testConfig(), { src: { sudo: true }, dst: { sudo: true } });
    await replicateDataset(ctx, SRC, DST);
    for (const c of fake.calls) {
      const sub = c.stages[0]!.argv;
      const reading = sub.includes('list') || sub.includes('get');
      for (const s of c.stages) expect(s.argv[0] === 'sudo').toBe(!reading);
    }
    expect(pipelines(fake)[0]).toBe(
      'sudo -n zfs send --raw --compressed pool/src@s1 | sudo -n zfs receive -s -F -u pool/dst',
    );
    expect(fake.calls.filter(isBookmark).map(describeCall)[0]).toBe(
      'sudo -n zfs bookmark pool/src@s1 pool/src#s1',
    );
  });

  it('push: the receive stage runs on the destination host and is logged as one ssh command', async () => {
    const backup: Place = { ssh: { host: 'backup', user: 'alice' } };
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').addDatasets(backup, 'pool');
    fake.snapshot(LOCAL, SRC, 's1');
    const ctx = testTaskContext(fake, testConfig(), { dst: { place: backup } });
    await replicateDataset(ctx, SRC, DST);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | [backup] zfs receive -s -F -u pool/dst',
    ]);
    expect(fake.snapshotNames(backup, DST)).toEqual(['s1']);
    expect(fake.exists(LOCAL, DST)).toBe(false);
    const line = ctx.log.lines.find((l) => l.includes('Executing (full'));
    expect(line).toMatch(
      /zfs send --raw --compressed pool\/src@s1 \| ssh .* -- alice@backup 'zfs receive -s -F -u pool\/dst'$/,
    );
  });

  it('a vanished source dataset is skipped with a warning', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
    const ctx = setup(fake);
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('skipped-src-vanished');
    expect(fake.mutatingCalls()).toEqual([]);
    expect(ctx.log.lines.some((l) => l.startsWith('W ') && l.includes('disappeared'))).toBe(true);
  });

  it('a source without selected snapshots is skipped, or fails with --skip-missing-snapshots=fail', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', SRC);
    await expect(replicateDataset(setup(fake), SRC, DST)).resolves.toBe('skipped-no-snapshots');
    await expect(
      replicateDataset(setup(fake, { replication: { skipMissingSnapshots: 'fail' } }), SRC, DST),
    ).rejects.toThrow(BzfsError);
    expect(fake.mutatingCalls()).toEqual([]);
  });
});

describe('replicateDataset: --skip-missing-snapshots=continue', () => {
  it('creates the missing destination, empty and unmounted, so descendants can follow', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', SRC);
    await expect(
      replicateDataset(setup(fake, { replication: { skipMissingSnapshots: 'continue' } }), SRC, DST),
    ).resolves.toBe('skipped-no-snapshots');
    expect(mutating(fake)).toEqual(['zfs create -u pool/dst']);
    expect(fake.exists(LOCAL, DST)).toBe(true);
  });

  it('refuses a destination that keeps snapshots, unless --force destroys them', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', SRC, DST);
    fake.snapshot(LOCAL, DST, 'old1', 'old2');
    await expect(
      replicateDataset(setup(fake, { replication: { skipMissingSnapshots: 'continue' } }), SRC, DST),
    ).rejects.toThrow(ConflictError);
    expect(fake.mutatingCalls()).toEqual([]);
    await replicateDataset(
      setup(fake, { replication: { skipMissingSnapshots: 'continue' }, force: { ...FORCE_ALL } }),
      SRC,
      DST,
    );
    expect(mutating(fake)).toEqual(['zfs destroy pool/dst@old1,old2']);
    expect(dstSnaps(fake)).toEqual([]);
  });
});

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
    expect((err as Error).message).toMatch(/pool\/dst .*no snapshots.*5\.0 MiB/);
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
    const ctx = setup(fake, { selection: { excludeSnapshotRegex: [/^(?:s1)$/] } });
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

describe('replicateDataset: --dryrun', () => {
  it('--dryrun runs no mutating command on a first replication, but logs "Would execute"', async () => {
    const fake = world(['s1', 's2', 's3']);
    const ctx = setup(fake, { run: { dryrun: 'send' } });
    await replicateDataset(ctx, SRC, DST);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(fake.exists(LOCAL, DST)).toBe(false);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual([]);
    const would = ctx.log.lines.filter((l) => l.includes('Would execute'));
    expect(would).toEqual([
      'I Would execute (full → s1): zfs send --raw --compressed pool/src@s1 | zfs receive -F -u pool/dst',
      'I Would execute (-I s1 → s3): zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -u pool/dst',
      // The bookmarks a real run would create are announced too, and not created.
      "I Would execute: zfs bookmark pool/src@s1 'pool/src#s1'",
      "I Would execute: zfs bookmark pool/src@s2 'pool/src#s2'",
      "I Would execute: zfs bookmark pool/src@s3 'pool/src#s3'",
    ]);
    expect(ctx.log.lines.some((l) => l.includes('Executing'))).toBe(false);
  });

  it('--dryrun with --force: no rollback, no destroy, no send; they are logged', async () => {
    const fake = world(['s1', 's2', 's3'], ['s1']);
    fake.snapshot(LOCAL, DST, 'x1');
    const ctx = setup(fake, { run: { dryrun: 'send' }, force: { ...FORCE_ALL } });
    await replicateDataset(ctx, SRC, DST);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(dstSnaps(fake)).toEqual(['s1', 'x1']);
    expect(ctx.log.lines).toContain('I Would execute: zfs rollback -r pool/dst@s1');

    const fake2 = world(['s1']);
    fake2.snapshot(LOCAL, DST, 'y1');
    const ctx2 = setup(fake2, { run: { dryrun: 'send' }, force: { ...FORCE_ALL } });
    await replicateDataset(ctx2, SRC, DST);
    expect(fake2.mutatingCalls()).toEqual([]);
    expect(ctx2.log.lines).toContain('I Would execute: zfs destroy pool/dst@y1');
  });

  it('--dryrun with a stale resume token does not run zfs receive -A', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    fake.setResumeState(LOCAL, DST, { toname: 'pool/other@s9', toguid: '12345' });
    const ctx = setup(fake, { run: { dryrun: 'send' } });
    await replicateDataset(ctx, SRC, DST);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(fake.resumeToken(LOCAL, DST)).toBeDefined();
    expect(ctx.log.lines).toContain('I Would execute: zfs receive -A pool/dst');
  });

  it('--dryrun=recv sends for real into `zfs receive -n` (no -s), and changes nothing else', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    const ctx = setup(fake, { run: { dryrun: 'recv' } });
    await replicateDataset(ctx, SRC, DST);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed -i pool/src@s1 pool/src@s2 | zfs receive -u -n pool/dst',
    ]);
    expect(fake.mutatingCalls().filter((c) => c.kind === 'run')).toEqual([]);
    expect(dstSnaps(fake)).toEqual(['s1']);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual([]);
  });

  it('--dryrun=recv of a first replication does not fail on the steps after the full send', async () => {
    const fake = world(['s1', 's2', 's3']);
    const ctx = setup(fake, { run: { dryrun: 'recv' } });
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(fake.pipelines()).toHaveLength(1);
  });

  it('--dryrun=recv with --force: the simulated rollback is not followed by a failing receive -n', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    fake.snapshot(LOCAL, DST, 'x1');
    const ctx = setup(fake, { run: { dryrun: 'recv' }, force: { ...FORCE_COMMON } });
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
  });
});

describe('replicateDataset: bookmarks', () => {
  it('are created on the source after all send steps, for every snapshot sent (all)', async () => {
    const fake = world(['s1', 's2', 's3']);
    await replicateDataset(setup(fake), SRC, DST);
    const lastPipe = fake.calls.map((c) => c.kind).lastIndexOf('pipeline');
    const firstBm = fake.calls.findIndex(isBookmark);
    expect(firstBm).toBeGreaterThan(lastPipe);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual(['s1', 's2', 's3']);
    // A bookmark shares its snapshot's GUID.
    expect(fake.log().filter((l) => l.startsWith('zfs bookmark'))).toHaveLength(3);
  });

  it('--create-bookmarks=hourly only bookmarks hourly-or-longer snapshots, plus the first and last sent', async () => {
    const names = ['d1_daily', 'm0_minutely', 'm1_minutely', 'h1_hourly', 'x1_secondly', 'm2_minutely'];
    const make = () => world(names, ['d1_daily']);
    const exclude = [/^(?:x.*)$/];
    const hourly = make();
    await replicateDataset(
      setup(hourly, {
        replication: { createBookmarks: 'hourly' },
        selection: { excludeSnapshotRegex: exclude },
      }),
      SRC,
      DST,
    );
    expect(pipelines(hourly).map((p) => p.split(' | ')[0])).toEqual([
      'zfs send --raw --compressed -I pool/src@d1_daily pool/src@h1_hourly',
      'zfs send --raw --compressed -i pool/src@h1_hourly pool/src@m2_minutely',
    ]);
    // m1_minutely is carried by the -I step but is neither first, last nor hourly; x1 is never sent.
    expect(hourly.bookmarkNames(LOCAL, SRC)).toEqual(['h1_hourly', 'm0_minutely', 'm2_minutely']);

    const minutely = make();
    await replicateDataset(
      setup(minutely, {
        replication: { createBookmarks: 'minutely' },
        selection: { excludeSnapshotRegex: exclude },
      }),
      SRC,
      DST,
    );
    expect(minutely.bookmarkNames(LOCAL, SRC)).toEqual([
      'h1_hourly',
      'm0_minutely',
      'm1_minutely',
      'm2_minutely',
    ]);
  });

  it('--create-bookmarks=none creates none', async () => {
    const fake = world(['s1', 's2']);
    await replicateDataset(setup(fake, { replication: { createBookmarks: 'none' } }), SRC, DST);
    expect(fake.calls.filter(isBookmark)).toEqual([]);
    expect(dstSnaps(fake)).toEqual(['s1', 's2']);
  });

  it('an existing bookmark is tolerated; any other bookmark failure is an error', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    await fake.run({ place: LOCAL, argv: ['zfs', 'bookmark', 'pool/src@s2', 'pool/src#s2'], changesState: true });
    await expect(replicateDataset(setup(fake), SRC, DST)).resolves.toBe('replicated');

    // Made concurrently by another run between the listing and the bookmark command.
    const racing = world(['s1', 's2'], ['s1']);
    racing.failWhen(isBookmark, {
      exitCode: 1,
      stderr: "cannot create bookmark 'pool/src#s2': bookmark exists",
    });
    await expect(replicateDataset(setup(racing), SRC, DST)).resolves.toBe('replicated');

    const fake2 = world(['s1', 's2'], ['s1']);
    fake2.failWhen(isBookmark, {
      exitCode: 1,
      stderr: "cannot create bookmark 'pool/src#s2': permission denied",
    });
    await expect(replicateDataset(setup(fake2), SRC, DST)).rejects.toThrow(/permission denied/);
  });
});

describe('replicateDataset: resumable receive', () => {
  it('a token matching the next snapshot resumes with `zfs send -t`, then continues', async () => {
    const fake = world(['s1', 's2', 's3'], ['s1']);
    const token = fake.setResumeState(LOCAL, DST, {
      toname: 'pool/src@s2',
      toguid: fake.guid(LOCAL, SRC, 's2'),
      fromguid: fake.guid(LOCAL, SRC, 's1'),
    });
    const ctx = setup(fake);
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(fake.log()).toContain(`zfs send -n -v -t ${token}`);
    expect(pipelines(fake)).toEqual([
      // --raw/--compressed are fixed by the token; -t carries no -i/-I.
      `zfs send -t ${token} | zfs receive -s -u pool/dst`,
      'zfs send --raw --compressed -i pool/src@s2 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(fake.log().some((l) => l.includes('receive -A'))).toBe(false);
    expect(dstSnaps(fake)).toEqual(['s1', 's2', 's3']);
    expect(fake.resumeToken(LOCAL, DST)).toBeUndefined();
  });

  it('a stale token (other source dataset) is cleared with `zfs receive -A` before the send', async () => {
    const fake = world(['s1', 's2', 's3'], ['s1']);
    fake.setResumeState(LOCAL, DST, { toname: 'pool/other@s2', toguid: '4242', fromguid: '4141' });
    const ctx = setup(fake);
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake).slice(0, 2)).toEqual([
      'zfs receive -A pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(ctx.log.lines.some((l) => l.startsWith('W Discarding partial receive state of pool/dst'))).toBe(
      true,
    );
  });

  it('a token for a snapshot other than the next one is cleared too', async () => {
    const fake = world(['s1', 's2', 's3'], ['s1']);
    fake.setResumeState(LOCAL, DST, {
      toname: 'pool/src@s3',
      toguid: fake.guid(LOCAL, SRC, 's3'),
      fromguid: fake.guid(LOCAL, SRC, 's2'),
    });
    await replicateDataset(setup(fake), SRC, DST);
    expect(mutating(fake)[0]).toBe('zfs receive -A pool/dst');
    expect(dstSnaps(fake)).toEqual(['s1', 's2', 's3']);
  });

  it('partial state found only by the receive error is cleared with -A and re-planned at once', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    fake.setResumeState(LOCAL, DST, { toname: 'pool/src@s2', toguid: fake.guid(LOCAL, SRC, 's2') });
    // --no-resume-recv: the token is not read, so only zfs receive's stderr reveals the partial state.
    const ctx = setup(fake, { replication: { resumeRecv: false } });
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake).slice(0, 3)).toEqual([
      'zfs send --raw --compressed -i pool/src@s1 pool/src@s2 | zfs receive -u pool/dst',
      'zfs receive -A pool/dst',
      'zfs send --raw --compressed -i pool/src@s1 pool/src@s2 | zfs receive -u pool/dst',
    ]);
    // Re-planned from a fresh listing.
    const lists = fake.log().filter((l) => l.startsWith('zfs list -t snapshot,bookmark') && l.endsWith(DST));
    expect(lists).toHaveLength(2);
    expect(dstSnaps(fake)).toEqual(['s1', 's2']);
  });

  it('clears stale state only once: a second stale error is thrown', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    fake.setResumeState(LOCAL, DST, { toname: 'pool/src@s2', toguid: fake.guid(LOCAL, SRC, 's2') });
    const stale =
      'cannot receive incremental stream: destination pool/dst contains partially-complete state from "zfs receive -s".';
    fake.failWhen((c) => c.kind === 'pipeline', { exitCode: 1, stderr: stale }, 2);
    const err = await replicateDataset(setup(fake, { replication: { resumeRecv: false } }), SRC, DST).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CommandFailedError);
    expect(fake.log().filter((l) => l.includes('receive -A'))).toHaveLength(1);
  });

  const isDecode = (c: RecordedCall) => describeCall(c).startsWith('zfs send -n -v -t ');
  /** pool/dst has s1 and partial receive state continuing the send of s2. */
  function interruptedWorld(): FakeZfs {
    const fake = world(['s1', 's2'], ['s1']);
    fake.setResumeState(LOCAL, DST, {
      toname: 'pool/src@s2',
      toguid: fake.guid(LOCAL, SRC, 's2'),
      fromguid: fake.guid(LOCAL, SRC, 's1'),
    });
    return fake;
  }

  it('a transient failure to decode the resume token keeps the partial receive and is retryable', async () => {
    const fake = interruptedWorld();
    fake.failWhen(isDecode, { exitCode: 255, stderr: 'Connection reset by peer\n' });
    const err = await replicateDataset(setup(fake), SRC, DST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailedError);
    expect((err as CommandFailedError).retryable).toBe(true);
    expect(fake.log().some((l) => l.includes('receive -A'))).toBe(false);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(fake.resumeToken(LOCAL, DST)).toBeDefined();
  });

  it('a decode failure that is not zfs rejecting the token is retryable too, and discards nothing', async () => {
    const fake = interruptedWorld();
    fake.failWhen(isDecode, { exitCode: 1, stderr: 'zfs: error while loading shared libraries\n' });
    const err = await replicateDataset(setup(fake), SRC, DST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailedError);
    expect((err as CommandFailedError).retryable).toBe(true);
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('a token zfs itself rejects as corrupt is stale: cleared with `zfs receive -A`, then replicated', async () => {
    const fake = interruptedWorld();
    fake.failWhen(isDecode, {
      exitCode: 1,
      stderr: 'cannot resume send: resume token is corrupt (invalid format)\n',
    });
    await expect(replicateDataset(setup(fake), SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake)[0]).toBe('zfs receive -A pool/dst');
    expect(dstSnaps(fake)).toEqual(['s1', 's2']);
  });

  it('a non-stale send failure is not followed by zfs receive -A', async () => {
    const fake = world(['s1', 's2'], ['s1']);
    fake.failWhen((c) => c.kind === 'pipeline', { exitCode: 1, stderr: 'cannot receive: out of space' });
    await expect(replicateDataset(setup(fake), SRC, DST)).rejects.toThrow(/out of space/);
    expect(fake.log().some((l) => l.includes('receive -A'))).toBe(false);
  });
});
