import { describe, expect, it } from '@jest/globals';
import type { DatasetPair } from '../config/types.js';
import { CommandFailedError, LOCAL, type Place } from '../exec/runner.js';
import { systemClock, type Clock } from '../infra/clock.js';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { ExitCode } from '../model/exit-codes.js';
import { describeCall, FakeZfs, renderTest, type RecordedCall } from '../../test/support/fake-runner.js';
import { testConfig, type ConfigOverrides } from '../../test/support/test-config.js';
import { runAll } from './run.js';

const FORCE_NONE = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: false,
  destroyAllIfNoCommon: false,
};
const FORCE_ALL = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: true,
  destroyAllIfNoCommon: true,
};

const pair = (src: string, dst: string, o: { srcPlace?: Place; dstPlace?: Place } = {}): DatasetPair => ({
  src: { dataset: src, ...(o.srcPlace?.ssh ? { ssh: o.srcPlace.ssh } : {}) },
  dst: { dataset: dst, ...(o.dstPlace?.ssh ? { ssh: o.dstPlace.ssh } : {}) },
});

async function run(fake: FakeZfs, cfg: ConfigOverrides, o: { localIsRoot?: boolean; clock?: Clock } = {}) {
  const log = memoryLogger();
  const code = await runAll(testConfig(cfg), {
    runner: fake,
    log,
    signal: new AbortController().signal,
    render: renderTest,
    localIsRoot: o.localIsRoot ?? true,
    clock: o.clock ?? systemClock,
  });
  return { code, log: log.lines };
}

const isPipeline = (c: RecordedCall) => c.kind === 'pipeline';
const pipelines = (fake: FakeZfs) => fake.pipelines().map(describeCall);
const mutating = (fake: FakeZfs) => fake.mutatingCalls().map(describeCall);
const snaps = (fake: FakeZfs, ds: string, place: Place = LOCAL) => fake.snapshotNames(place, ds);
/** How often the snapshots of `ds` were listed. */
const listings = (fake: FakeZfs, ds: string) =>
  fake.log().filter((l) => l.startsWith('zfs list -t snapshot,bookmark') && l.endsWith(` ${ds}`)).length;

/** pool/src with snapshots s1..s3; the destination pool `pool` exists. */
function simpleWorld(): FakeZfs {
  return new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1', 's2', 's3');
}

/** pool/src{,/a,/a/b,/c}, each with s1 s2. */
function treeWorld(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  for (const ds of ['pool/src', 'pool/src/a', 'pool/src/a/b', 'pool/src/c'])
    fake.snapshot(LOCAL, ds, 's1', 's2');
  return fake;
}

describe('runAll: a first replication', () => {
  it('replicates local → local and exits 0', async () => {
    const fake = simpleWorld();
    const { code, log } = await run(fake, { pairs: [pair('pool/src', 'pool/dst')] });
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3']);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(log.some((l) => l.includes('Replication done') && l.includes('1 of 1 dataset(s)'))).toBe(true);
    // No `id -u` for local sides.
    expect(fake.log().some((l) => l.startsWith('id'))).toBe(false);
  });

  it('a non-root local user gets `sudo -n` on mutating commands only', async () => {
    const fake = simpleWorld();
    await run(fake, {}, { localIsRoot: false });
    expect(pipelines(fake)[0]).toBe(
      'sudo -n zfs send --raw --compressed pool/src@s1 | sudo -n zfs receive -s -F -u pool/dst',
    );
    expect(
      fake
        .log()
        .filter((l) => l.includes('list'))
        .every((l) => l.startsWith('zfs list')),
    ).toBe(true);
  });

  it('--no-privilege-elevation: never sudo', async () => {
    const fake = simpleWorld();
    await run(fake, { noPrivilegeElevation: true }, { localIsRoot: false });
    expect(fake.log().some((l) => l.includes('sudo'))).toBe(false);
  });

  it('missing destination ancestors are created top-down with `zfs create -u`, before any send', async () => {
    const fake = simpleWorld();
    const { code } = await run(fake, { pairs: [pair('pool/src', 'pool/a/b/c/dst')] });
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake).slice(0, 4)).toEqual([
      'zfs create -u pool/a',
      'zfs create -u pool/a/b',
      'zfs create -u pool/a/b/c',
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/a/b/c/dst',
    ]);
    expect(snaps(fake, 'pool/a/b/c/dst')).toEqual(['s1', 's2', 's3']);
  });

  it('existing ancestors are not created again', async () => {
    const fake = simpleWorld().addDatasets(LOCAL, 'pool/a', 'pool/a/b');
    await run(fake, { pairs: [pair('pool/src', 'pool/a/b/c/dst')] });
    expect(mutating(fake).filter((l) => l.includes('create'))).toEqual(['zfs create -u pool/a/b/c']);
  });

  it('a missing destination pool is an error (exit 3), nothing is created', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1');
    const { code, log } = await run(fake, { pairs: [pair('pool/src', 'nopool/dst')] });
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(log.some((l) => l.includes('Destination pool nopool does not exist'))).toBe(true);
  });

  it('a missing source dataset is an error (exit 3)', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
    const { code, log } = await run(fake, {});
    expect(code).toBe(ExitCode.ERROR);
    expect(log.some((l) => l.includes('Source dataset does not exist: pool/src'))).toBe(true);
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('--skip-replication lists nothing and sends nothing', async () => {
    const fake = simpleWorld();
    const { code } = await run(fake, { replication: { skip: true } });
    expect(code).toBe(ExitCode.OK);
    expect(fake.calls).toEqual([]);
  });
});

describe('runAll: remote sides', () => {
  const backup: Place = { ssh: { host: 'backup', user: 'bob' } };
  const rootAtBackup: Place = { ssh: { host: 'backup', user: 'root' } };

  it('push to a non-root remote user: `id -u` decides on sudo for the receive', async () => {
    const fake = simpleWorld().addDatasets(backup, 'pool').setUid(backup, '1000');
    const { code } = await run(fake, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: backup })] });
    expect(code).toBe(ExitCode.OK);
    expect(fake.log()).toContain('[backup] id -u');
    expect(pipelines(fake)[0]).toBe(
      'zfs send --raw --compressed pool/src@s1 | [backup] sudo -n zfs receive -s -F -u pool/dst',
    );
    expect(snaps(fake, 'pool/dst', backup)).toEqual(['s1', 's2', 's3']);
  });

  it('a remote user that is uid 0 needs no sudo; user root is not even asked', async () => {
    const fake = simpleWorld().addDatasets(backup, 'pool');
    await run(fake, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: backup })] });
    expect(pipelines(fake)[0]).toContain('[backup] zfs receive');

    const fake2 = simpleWorld().addDatasets(rootAtBackup, 'pool');
    await run(fake2, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: rootAtBackup })] });
    expect(fake2.log().some((l) => l.includes('id -u'))).toBe(false);
    expect(pipelines(fake2)[0]).toContain('[backup] zfs receive');
  });

  it('pull: the send runs on the source host, the receive locally', async () => {
    const src: Place = { ssh: { host: 'prod' } };
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(src, 'tank/data', 's1');
    const { code } = await run(fake, { pairs: [pair('tank/data', 'pool/dst', { srcPlace: src })] });
    expect(code).toBe(ExitCode.OK);
    expect(pipelines(fake)).toEqual([
      '[prod] zfs send --raw --compressed tank/data@s1 | zfs receive -s -F -u pool/dst',
    ]);
    expect(
      fake
        .mutatingCalls()
        .filter((c) => !isPipeline(c))
        .map(describeCall),
    ).toEqual(['[prod] zfs bookmark tank/data@s1 tank/data#s1']);
  });
});

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

describe('runAll: --skip-on-error', () => {
  /** treeWorld with pool/dst{,/a} already replicated up to s1, and a conflicting snapshot on pool/dst. */
  function conflictAtRoot(): FakeZfs {
    const fake = treeWorld();
    for (const n of ['', '/a'])
      fake.copySnapshots(
        { place: LOCAL, dataset: `pool/src${n}` },
        { place: LOCAL, dataset: `pool/dst${n}` },
        's1',
      );
    fake.snapshot(LOCAL, 'pool/dst', 'x1');
    return fake;
  }

  it('dataset (default): a failed dataset whose destination exists does not stop its children', async () => {
    const fake = conflictAtRoot();
    const { code, log } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.ERROR);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 'x1']);
    expect(snaps(fake, 'pool/dst/a')).toEqual(['s1', 's2']);
    expect(snaps(fake, 'pool/dst/a/b')).toEqual(['s1', 's2']);
    expect(log.some((l) => l.startsWith('E Failed to replicate pool/src:') && l.includes('Conflict'))).toBe(
      true,
    );
    expect(log.some((l) => l.startsWith('E Tolerated 1 error(s)'))).toBe(true);
  });

  it('asks zfs once whether a failed dataset has a destination, however many children it has', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
    for (const ds of ['pool/src', 'pool/src/a', 'pool/src/b', 'pool/src/c']) fake.snapshot(LOCAL, ds, 's1');
    fake.failWhen((c) => isPipeline(c) && describeCall(c).endsWith(' pool/dst'), {
      exitCode: 1,
      stderr: 'cannot receive: permission denied',
    });
    const { code } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.ERROR);
    const existenceChecks = fake
      .log()
      .filter((l) => l.startsWith('zfs list -Hp -o name,type') && l.endsWith(' pool/dst')).length;
    expect(existenceChecks).toBe(1);
    expect(pipelines(fake).filter((l) => /pool\/dst\/[abc]$/.test(l))).toEqual([]);
  });

  it('dataset: the subtree of a failed dataset without destination is skipped; siblings go on', async () => {
    const fake = treeWorld();
    fake.failWhen((c) => isPipeline(c) && describeCall(c).endsWith(' pool/dst/a'), {
      exitCode: 1,
      stderr: 'cannot receive: permission denied',
    });
    const { code, log } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.exists(LOCAL, 'pool/dst/a')).toBe(false);
    expect(pipelines(fake).some((l) => l.endsWith('pool/dst/a/b'))).toBe(false);
    expect(snaps(fake, 'pool/dst/c')).toEqual(['s1', 's2']);
    expect(log).toContain('W Skipped pool/src/a/b (an ancestor failed or was skipped)');
  });

  it('tree: the subtree of a failed dataset is skipped even if its destination exists', async () => {
    const fake = conflictAtRoot();
    const { code } = await run(fake, { skipOnError: 'tree', selection: { recursive: true } });
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.pipelines()).toEqual([]);
    expect(snaps(fake, 'pool/dst/a')).toEqual(['s1']);
  });

  it('fail: nothing starts after the first failure, and later pairs are not run', async () => {
    const fake = conflictAtRoot();
    fake.snapshot(LOCAL, 'pool/other', 's1');
    const { code } = await run(fake, {
      skipOnError: 'fail',
      pairs: [pair('pool/src', 'pool/dst'), pair('pool/other', 'pool/other2')],
      selection: { recursive: true },
      run: { threads: 1 },
    });
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.pipelines()).toEqual([]);
    expect(fake.exists(LOCAL, 'pool/other2')).toBe(false);
  });

  it('a failing pair does not stop the next pair by default', async () => {
    const fake = simpleWorld().snapshot(LOCAL, 'pool/other', 's1');
    const { code } = await run(fake, {
      pairs: [pair('pool/missing', 'pool/dst'), pair('pool/other', 'pool/other2')],
    });
    expect(code).toBe(ExitCode.ERROR);
    expect(snaps(fake, 'pool/other2')).toEqual(['s1']);
  });

  it('a source without snapshots and without destination: its subtree is skipped', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/src').snapshot(LOCAL, 'pool/src/a', 's1');
    const { code, log } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.OK);
    expect(fake.pipelines()).toEqual([]);
    expect(log).toContain('W Skipped pool/src/a (an ancestor failed or was skipped)');
  });
});

describe('runAll: retries', () => {
  const pipelineFails = (c: RecordedCall) => isPipeline(c);

  it('a retryable failure (ssh connection reset) is retried and re-planned from a fresh listing', async () => {
    const fake = simpleWorld();
    fake.failWhen(pipelineFails, { exitCode: 255, stderr: 'Connection reset by peer\n' });
    const { code, log } = await run(fake, {});
    expect(code).toBe(ExitCode.OK);
    expect(listings(fake, 'pool/src')).toBe(2);
    expect(listings(fake, 'pool/dst')).toBe(2);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(log.some((l) => l.startsWith('W Retrying replication of pool/src'))).toBe(true);
  });

  it('a CommandFailedError marked retryable is retried; the plan reflects what already arrived', async () => {
    const fake = simpleWorld();
    // The second step fails after the first one has landed: the retry must not resend s1.
    fake.failWhen((c) => isPipeline(c) && describeCall(c).includes('-I'), {
      error: new CommandFailedError('zfs send ... | zfs receive ...', 1, 'transient', true),
    });
    const { code } = await run(fake, {});
    expect(code).toBe(ExitCode.OK);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3']);
  });

  it('an interrupted resumable receive is retried by resuming with `zfs send -t`', async () => {
    const fake = simpleWorld();
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, { place: LOCAL, dataset: 'pool/dst' }, 's1');
    fake.failWhen(pipelineFails, {
      exitCode: 1,
      interrupt: true,
      stderr:
        'cannot receive incremental stream: checksum mismatch or incomplete stream.\nPartially received snapshot is saved.\n',
    });
    const { code } = await run(fake, {});
    expect(code).toBe(ExitCode.OK);
    const p = pipelines(fake);
    expect(p).toHaveLength(3);
    expect(p[1]).toMatch(/^zfs send -t \S+ \| zfs receive -s -u pool\/dst$/);
    expect(p[2]).toBe('zfs send --raw --compressed -i pool/src@s2 pool/src@s3 | zfs receive -s -u pool/dst');
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3']);
  });

  it('a transient failure to decode the resume token is retried and the partial receive resumed', async () => {
    const fake = simpleWorld();
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, { place: LOCAL, dataset: 'pool/dst' }, 's1');
    const token = fake.setResumeState(LOCAL, 'pool/dst', {
      toname: 'pool/src@s2',
      toguid: fake.guid(LOCAL, 'pool/src', 's2'),
      fromguid: fake.guid(LOCAL, 'pool/src', 's1'),
    });
    fake.failWhen((c) => describeCall(c).startsWith('zfs send -n -v -t '), {
      exitCode: 255,
      stderr: 'Connection reset by peer\n',
    });
    const { code } = await run(fake, {});
    expect(code).toBe(ExitCode.OK);
    expect(fake.log().some((l) => l.includes('receive -A'))).toBe(false);
    expect(pipelines(fake)[0]).toBe(`zfs send -t ${token} | zfs receive -s -u pool/dst`);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3']);
  });

  it('retries are bounded by --retries', async () => {
    const fake = simpleWorld();
    fake.failWhen(
      pipelineFails,
      { exitCode: 255, stderr: 'ssh: connect to host x port 22: Connection refused\n' },
      10,
    );
    const { code } = await run(fake, { run: { retry: { ...testConfig().run.retry, retries: 2 } } });
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.pipelines()).toHaveLength(3);
  });

  it('a non-retryable command failure is not retried', async () => {
    const fake = simpleWorld();
    fake.failWhen(pipelineFails, { exitCode: 1, stderr: 'cannot receive: permission denied' });
    const { code } = await run(fake, {});
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.pipelines()).toHaveLength(1);
    expect(listings(fake, 'pool/src')).toBe(1);
  });

  it('a ConflictError is not retried', async () => {
    const fake = simpleWorld();
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, { place: LOCAL, dataset: 'pool/dst' }, 's1');
    fake.snapshot(LOCAL, 'pool/dst', 'x1');
    const { code, log } = await run(fake, { force: { ...FORCE_NONE } });
    expect(code).toBe(ExitCode.ERROR);
    expect(listings(fake, 'pool/dst')).toBe(1);
    expect(log.some((l) => l.startsWith('W Retrying'))).toBe(false);
    expect(log.some((l) => l.includes('--force-rollback-to-latest-common-snapshot'))).toBe(true);
  });
});

describe('runAll: --force-once', () => {
  function twoConflicts(): FakeZfs {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
    for (const n of ['a', 'b']) {
      fake.snapshot(LOCAL, `pool/src${n}`, 's1', 's2');
      fake.copySnapshots(
        { place: LOCAL, dataset: `pool/src${n}` },
        { place: LOCAL, dataset: `pool/dst${n}` },
        's1',
      );
      fake.snapshot(LOCAL, `pool/dst${n}`, 'x1');
    }
    return fake;
  }

  it('within one pair: the second conflicting dataset is refused', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's0');
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, { place: LOCAL, dataset: 'pool/dst' }, 's0');
    for (const n of ['a', 'b']) {
      fake.snapshot(LOCAL, `pool/src/${n}`, 's1', 's2');
      fake.copySnapshots(
        { place: LOCAL, dataset: `pool/src/${n}` },
        { place: LOCAL, dataset: `pool/dst/${n}` },
        's1',
      );
      fake.snapshot(LOCAL, `pool/dst/${n}`, 'x1');
    }
    const { code } = await run(fake, {
      selection: { recursive: true },
      force: { ...FORCE_ALL, once: true },
      run: { threads: 1 },
    });
    expect(code).toBe(ExitCode.ERROR);
    expect(mutating(fake).filter((l) => l.includes('rollback'))).toHaveLength(1);
  });

  it('across pairs: the force is used only once per run', async () => {
    const fake = twoConflicts();
    const { code } = await run(fake, {
      pairs: [pair('pool/srca', 'pool/dsta'), pair('pool/srcb', 'pool/dstb')],
      force: { ...FORCE_ALL, once: true },
      run: { threads: 1 },
    });
    expect(code).toBe(ExitCode.ERROR);
    expect(snaps(fake, 'pool/dstb')).toEqual(['s1', 'x1']);
  });
});

describe('runAll: time', () => {
  it("measures how long a pair took with the injected clock, not the machine's", async () => {
    // Each reading of the monotonic clock advances it by 1.25 s: started, then done.
    let t = 0;
    const clock: Clock = { wallMs: () => 0, now: () => (t += 1250), sleep: async () => {} };
    const r = await run(simpleWorld(), { pairs: [pair('pool/src', 'pool/dst')] }, { clock });
    expect(r.code).toBe(ExitCode.OK);
    expect(r.log.join('\n')).toMatch(/Replication done: .*; took 1\.3s/);
  });
});
