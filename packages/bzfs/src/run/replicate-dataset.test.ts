import { describe, expect, it } from '@jest/globals';
import { LOCAL, type Place } from '../exec/runner.js';
import { BzfsError, ConflictError } from '../model/errors.js';
import { parseTimesAndRanks, type FilterGroup } from '../filters/filter-groups.js';
import { describeCall, FakeZfs } from '../../test/support/fake-runner.js';
import {
  DST,
  dstSnaps,
  FORCE_ALL,
  isBookmark,
  mutating,
  pipelines,
  setup,
  SRC,
  world,
} from '../../test/support/dataset-world.js';
import { regexFilters, testConfig, testTaskContext } from '../../test/support/test-config.js';
import { replicateDataset } from './replicate-dataset.js';

describe('replicateDataset: first and incremental replication', () => {
  it('first replication: full send of the oldest snapshot, then one -I step, then bookmarks of all sent', async () => {
    const fake = world(['s1', 's2', 's3']);
    const ctx = setup(fake);
    await expect(replicateDataset(ctx, SRC, DST)).resolves.toBe('replicated');
    expect(mutating(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
      // All three in one channel program (one process, one txg).
      'script | zfs program -j pool /dev/stdin pool/src@s1 pool/src#s1 pool/src@s2 pool/src#s2 pool/src@s3 pool/src#s3',
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
    await replicateDataset(
      setup(fake, { selection: { snapshotFilters: regexFilters([], ['s2']) } }),
      SRC,
      DST,
    );
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -i pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(dstSnaps(fake)).toEqual(['s1', 's3']);
  });

  it('ranks select among snapshots only: a bookmark neither counts nor is sent (latest 2 of 4)', async () => {
    const fake = world(['s1', 's2', 's3', 's4'], ['s1']);
    // A source bookmark newer than s4 would be `latest 1` if bookmarks counted.
    await fake.run(
      { place: LOCAL, argv: ['zfs', 'bookmark', 'pool/src@s4', 'pool/src#b4'], changesState: true },
      {},
    );
    const latest2: FilterGroup = [parseTimesAndRanks(['notime', 'latest 2'])];
    await replicateDataset(setup(fake, { selection: { snapshotFilters: [latest2] } }), SRC, DST);
    expect(pipelines(fake).map((p) => p.split(' | ')[0])).toEqual([
      'zfs send --raw --compressed -i pool/src@s1 pool/src@s3',
      'zfs send --raw --compressed -i pool/src@s3 pool/src@s4',
    ]);
    expect(dstSnaps(fake)).toEqual(['s1', 's3', 's4']);
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
      for (const s of c.stages)
        expect(describeCall({ stages: [s] }).match(/^(script \| )?sudo -n /) !== null).toBe(!reading);
    }
    expect(pipelines(fake)[0]).toBe(
      'sudo -n zfs send --raw --compressed pool/src@s1 | sudo -n zfs receive -s -F -u pool/dst',
    );
    expect(fake.calls.filter(isBookmark).map(describeCall)[0]).toBe(
      'script | sudo -n zfs program -j pool /dev/stdin pool/src@s1 pool/src#s1 pool/src@s2 pool/src#s2',
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
  it('leaves a missing destination uncreated and lets the descendants go on (created once one needs it)', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', SRC);
    await expect(
      replicateDataset(setup(fake, { replication: { skipMissingSnapshots: 'continue' } }), SRC, DST),
    ).resolves.toBe('continued-no-snapshots');
    expect(mutating(fake)).toEqual([]);
    expect(fake.exists(LOCAL, DST)).toBe(false);
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

describe('replicateDataset: bookmarks', () => {
  it('are created on the source after all send steps, for every snapshot sent (all)', async () => {
    const fake = world(['s1', 's2', 's3']);
    await replicateDataset(setup(fake), SRC, DST);
    const lastPipe = fake.calls.map((c) => c.kind).lastIndexOf('pipeline');
    const firstBm = fake.calls.findIndex(isBookmark);
    expect(firstBm).toBeGreaterThan(lastPipe);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual(['s1', 's2', 's3']);
    expect(fake.calls.filter(isBookmark)).toHaveLength(1);
  });

  it('--create-bookmarks=hourly only bookmarks hourly-or-longer snapshots, plus the first and last sent', async () => {
    const names = ['d1_daily', 'm0_minutely', 'm1_minutely', 'h1_hourly', 'x1_secondly', 'm2_minutely'];
    const make = () => world(names, ['d1_daily']);
    const exclude = regexFilters([], ['x.*']);
    const hourly = make();
    await replicateDataset(
      setup(hourly, {
        replication: { createBookmarks: 'hourly' },
        selection: { snapshotFilters: exclude },
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
        selection: { snapshotFilters: exclude },
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
    await fake.run({
      place: LOCAL,
      argv: ['zfs', 'bookmark', 'pool/src@s2', 'pool/src#s2'],
      changesState: true,
    });
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
