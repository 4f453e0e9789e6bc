import { describe, expect, it } from '@jest/globals';
import { CommandFailedError, LOCAL } from '../exec/runner.js';
import { describeCall, FakeZfs, type RecordedCall } from '../../test/support/fake-runner.js';
import {
  DST,
  dstSnaps,
  FORCE_ALL,
  FORCE_COMMON,
  mutating,
  pipelines,
  setup,
  SRC,
  world,
} from '../../test/support/dataset-world.js';
import { replicateDataset } from './replicate-dataset.js';

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
      expect.stringMatching(
        /^I Would execute \(3 bookmarks in one channel program\): sh -c .* zfs program -j pool \/dev\/stdin pool\/src@s1 'pool\/src#s1' pool\/src@s2 'pool\/src#s2' pool\/src@s3 'pool\/src#s3'$/,
      ),
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
