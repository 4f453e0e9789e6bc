import { describe, expect, it } from '@jest/globals';
import { LOCAL } from '../exec/runner.js';
import { describeCall } from '../../test/support/fake-runner.js';
import { isBookmark, setup, SRC, world } from '../../test/support/dataset-world.js';
import type { SnapshotRef } from '../model/snapshot.js';
import type { SendStep } from '../plan/types.js';
import { createBookmarks } from './dataset-actions.js';

/** A full send of the oldest snapshot and one -I step to the newest: every snapshot is sent. */
async function sentAll(fake: ReturnType<typeof world>): Promise<{ steps: SendStep[]; src: SnapshotRef[] }> {
  const src = (await setup(fake).src.listSnapshots(SRC))!;
  fake.calls.length = 0;
  const first = src[0]!;
  const last = src[src.length - 1]!;
  const steps: SendStep[] = [{ kind: 'full', to: first }];
  if (last !== first) steps.push({ kind: 'incremental', flag: '-I', from: first, to: last });
  return { steps, src };
}

const bookmarkCalls = (fake: ReturnType<typeof world>) => fake.calls.filter(isBookmark).map(describeCall);

describe('createBookmarks', () => {
  it('N bookmarks of a dataset: one channel program (one process, one txg)', async () => {
    const fake = world(['s1', 's2', 's3', 's4']);
    const { steps, src } = await sentAll(fake);
    await createBookmarks(setup(fake), steps, src);
    expect(bookmarkCalls(fake)).toEqual([
      'script | zfs program -j pool /dev/stdin ' +
        'pool/src@s1 pool/src#s1 pool/src@s2 pool/src#s2 pool/src@s3 pool/src#s3 pool/src@s4 pool/src#s4',
    ]);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('a bookmark another run made meanwhile is no error (EEXIST in the program)', async () => {
    const fake = world(['s1', 's2', 's3']);
    const { steps, src } = await sentAll(fake);
    fake.bookmark(LOCAL, SRC, 's2'); // after the listing: the planner does not know of it
    await expect(createBookmarks(setup(fake), steps, src)).resolves.toBeUndefined();
    expect(bookmarkCalls(fake)).toHaveLength(1);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual(['s1', 's2', 's3']);
  });

  it('without privilege elevation (zfs program needs root): single bookmarks, all of them, existing one tolerated', async () => {
    const fake = world(['s1', 's2', 's3']);
    const { steps, src } = await sentAll(fake);
    fake.bookmark(LOCAL, SRC, 's3');
    await createBookmarks(setup(fake, { noPrivilegeElevation: true }), steps, src);
    expect(bookmarkCalls(fake).sort()).toEqual([
      'zfs bookmark pool/src@s1 pool/src#s1',
      'zfs bookmark pool/src@s2 pool/src#s2',
      'zfs bookmark pool/src@s3 pool/src#s3',
    ]);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual(['s1', 's2', 's3']);
  });

  it('single bookmarks run in parallel, not one after another', async () => {
    const fake = world(['s1', 's2', 's3', 's4']);
    const { steps, src } = await sentAll(fake);
    // A call takes effect after its delay: bookmarks made before the last call starts mean serial calls.
    const madeWhenStarted: number[] = [];
    fake.delayMs = 5;
    fake.beforeCall = () => madeWhenStarted.push(fake.bookmarkNames(LOCAL, SRC)!.length);
    await createBookmarks(setup(fake, { noPrivilegeElevation: true }), steps, src);
    expect(bookmarkCalls(fake)).toHaveLength(4);
    expect(madeWhenStarted).toEqual([0, 0, 0, 0]);
  });

  it('a program that fails (e.g. sudo refuses it): the bookmarks are made one by one instead', async () => {
    const fake = world(['s1', 's2']);
    const { steps, src } = await sentAll(fake);
    fake.failWhen((c) => c.stages[0]!.argv.includes('program'), {
      exitCode: 1,
      stderr: 'sudo: a password is required',
    });
    await createBookmarks(setup(fake), steps, src);
    expect(bookmarkCalls(fake).slice(1).sort()).toEqual([
      'zfs bookmark pool/src@s1 pool/src#s1',
      'zfs bookmark pool/src@s2 pool/src#s2',
    ]);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual(['s1', 's2']);
  });

  it('a bookmark that cannot be made fails the call with zfs own message', async () => {
    const fake = world(['s1', 's2']);
    const { steps, src } = await sentAll(fake);
    fake.failWhen((c) => describeCall(c).startsWith('zfs bookmark pool/src@s2'), {
      exitCode: 1,
      stderr: 'out of space',
    });
    fake.failWhen((c) => c.stages[0]!.argv.includes('program'), { exitCode: 1, stderr: 'x' });
    await expect(createBookmarks(setup(fake), steps, src)).rejects.toThrow(/out of space/);
  });

  it('one bookmark: a plain zfs bookmark', async () => {
    const fake = world(['s1']);
    const { steps, src } = await sentAll(fake);
    await createBookmarks(setup(fake), steps, src);
    expect(bookmarkCalls(fake)).toEqual(['zfs bookmark pool/src@s1 pool/src#s1']);
  });

  it('--dryrun: the program is announced, nothing is made', async () => {
    const fake = world(['s1', 's2']);
    const { steps, src } = await sentAll(fake);
    await createBookmarks(setup(fake, { run: { dryrun: 'send' } }), steps, src);
    expect(fake.bookmarkNames(LOCAL, SRC)).toEqual([]);
  });
});
