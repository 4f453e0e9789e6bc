import { describe, expect, it } from '@jest/globals';
import { CommandFailedError, LOCAL } from '../exec/runner.js';
import { ExitCode } from '../model/exit-codes.js';
import { testConfig } from '../../test/support/test-config.js';
import { describeCall, FakeZfs, type RecordedCall } from '../../test/support/fake-runner.js';
import {
  FORCE_ALL,
  FORCE_NONE,
  isPipeline,
  listings,
  mutating,
  pair,
  pipelines,
  run,
  simpleWorld,
  snaps,
  treeWorld,
} from '../../test/support/run-world.js';

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

  it('asks zfs once whether a failed receive left a destination behind, however many children it has', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
    for (const ds of ['pool/src', 'pool/src/a', 'pool/src/b', 'pool/src/c']) fake.snapshot(LOCAL, ds, 's1');
    fake.failWhen((c) => isPipeline(c) && describeCall(c).endsWith(' pool/dst'), {
      exitCode: 1,
      stderr: 'cannot receive: permission denied',
    });
    const { code } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.ERROR);
    const datasetQueries = fake.log().filter((l) => l.startsWith('zfs list -Hp -o name,type'));
    // The tree of each side once; the pool once (the destination root was missing); pool/dst once
    // more, since the failed receive may have left a partially received dataset.
    expect(datasetQueries.map((l) => l.split(' ').slice(-2).join(' '))).toEqual([
      '-r pool/src',
      '-r pool/dst',
      'name pool',
      'name pool/dst',
    ]);
    expect(pipelines(fake).filter((l) => /pool\/dst\/[abc]$/.test(l))).toEqual([]);
  });

  it('a failed dataset whose destination was listed needs no further question', async () => {
    const fake = treeWorld();
    for (const n of ['', '/a'])
      fake.copySnapshots(
        { place: LOCAL, dataset: `pool/src${n}` },
        { place: LOCAL, dataset: `pool/dst${n}` },
        's1',
      );
    fake.snapshot(LOCAL, 'pool/dst/a', 'x1');
    const { code } = await run(fake, { selection: { recursive: true } });
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.log().filter((l) => l.startsWith('zfs list -Hp -o name,type'))).toHaveLength(2);
    expect(snaps(fake, 'pool/dst/a/b')).toEqual(['s1', 's2']);
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
    // The first plan knows from the dataset listing that pool/dst does not exist; the retry lists it fresh.
    expect(listings(fake, 'pool/dst')).toBe(1);
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
