import { describe, expect, it } from '@jest/globals';
import { LOCAL } from '../exec/runner.js';
import { ExitCode } from '../model/exit-codes.js';
import { describeCall, FakeZfs } from '../../test/support/fake-runner.js';
import { isPipeline, mutating, pair, run, snaps } from '../../test/support/run-world.js';
import type { ConfigOverrides } from '../../test/support/test-config.js';

/** pool/src{,/a} and pool/dst{,/a} in sync; the destination also has pool/dst/{bar,foo,foo/x} the source has not. */
function world(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  for (const ds of ['', '/a']) {
    fake.snapshot(LOCAL, `pool/src${ds}`, 's1');
    fake.copySnapshots(
      { place: LOCAL, dataset: `pool/src${ds}` },
      { place: LOCAL, dataset: `pool/dst${ds}` },
      's1',
    );
  }
  fake
    .snapshot(LOCAL, 'pool/dst/bar', 'b1')
    .addDatasets(LOCAL, 'pool/dst/foo')
    .snapshot(LOCAL, 'pool/dst/foo/x', 'x1');
  return fake;
}
const prune = (o: ConfigOverrides = {}): ConfigOverrides => ({
  pairs: [pair('pool/src', 'pool/dst')],
  replication: { skip: true },
  selection: { recursive: true },
  deleteDatasets: { missingOnSource: true },
  ...o,
});
const text = (log: string[]) => log.join('\n');

describe('the delete-dst-datasets task', () => {
  it('deletes each tree the source does not have with one zfs destroy -r of its top, and says why', async () => {
    const fake = world();
    const { code, log } = await run(fake, prune());
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual(['zfs destroy -r pool/dst/bar', 'zfs destroy -r pool/dst/foo']);
    expect(fake.datasetNames()).toEqual(['pool', 'pool/dst', 'pool/dst/a', 'pool/src', 'pool/src/a']);
    expect(text(log)).toContain(
      'I Deleting dataset pool/dst/foo and its 1 descendant(s) (--delete-dst-datasets): selected, and the source has no pool/src/foo',
    );
    expect(text(log)).toContain(
      '--delete-dst-datasets done: pool/dst: deleted 3 dataset(s) in 2 tree(s); kept 2',
    );
  });

  it('an excluded dataset stays, and so do its ancestors; its selected siblings go', async () => {
    const fake = world().addDatasets(LOCAL, 'pool/dst/foo/keep');
    await run(fake, prune({ selection: { recursive: true, excludeDatasets: ['foo/keep'] } }));
    expect(mutating(fake)).toEqual(['zfs destroy -r pool/dst/bar', 'zfs destroy -r pool/dst/foo/x']);
    expect(fake.exists(LOCAL, 'pool/dst/foo/keep')).toBe(true);
  });

  it('`dummy` source: the whole selected tree goes in one destroy, recursive or not (as in the original)', async () => {
    for (const recursive of [true, false]) {
      const fake = world();
      const { code } = await run(
        fake,
        prune({ pairs: [pair('dummy', 'pool/dst')], selection: { recursive } }),
      );
      expect(code).toBe(ExitCode.OK);
      expect(mutating(fake)).toEqual(['zfs destroy -r pool/dst']);
      expect(fake.datasetNames().filter((n) => n.startsWith('pool/dst'))).toEqual([]);
    }
  });

  it('`dummy` source with --skip-parent: the root stays, its selected children go', async () => {
    const fake = world();
    await run(
      fake,
      prune({ pairs: [pair('dummy', 'pool/dst')], selection: { recursive: true, skipParent: true } }),
    );
    expect(mutating(fake)).toEqual([
      'zfs destroy -r pool/dst/a',
      'zfs destroy -r pool/dst/bar',
      'zfs destroy -r pool/dst/foo',
    ]);
  });

  it('runs after replication: what replication just created is on the source and stays', async () => {
    const fake = world().snapshot(LOCAL, 'pool/src/new', 'n1');
    const { code } = await run(fake, prune({ replication: { skip: false } }));
    expect(code).toBe(ExitCode.OK);
    const calls = fake.calls.filter((c) => isPipeline(c) || describeCall(c).startsWith('zfs destroy'));
    expect(calls.map((c) => (isPipeline(c) ? 'receive' : describeCall(c)))).toEqual([
      'receive',
      'zfs destroy -r pool/dst/bar',
      'zfs destroy -r pool/dst/foo',
    ]);
    expect(snaps(fake, 'pool/dst/new')).toEqual(['n1']);
  });

  it('after a failed replication nothing is deleted (as in the original), and the log says what was skipped', async () => {
    const fake = world().snapshot(LOCAL, 'pool/dst/a', 'diverged');
    fake.snapshot(LOCAL, 'pool/src/a', 's2');
    const { code, log } = await run(fake, prune({ replication: { skip: false } }));
    expect(code).toBe(ExitCode.ERROR);
    expect(mutating(fake).filter((l) => l.startsWith('zfs destroy'))).toEqual([]);
    expect(text(log)).toContain('W Skipping delete-dst-datasets of this pair: replicate failed');
  });

  it('--force-destroy-dependents adds -R, --force-unmount adds -f', async () => {
    const fake = world();
    await run(fake, prune({ force: { destroyDependents: true, unmount: true } }));
    expect(mutating(fake)[0]).toBe('zfs destroy -r -R -f pool/dst/bar');
  });

  it('a tree already gone when its destroy runs is not an error; a transient failure is retried', async () => {
    const gone = world();
    gone.beforeCall = (c) => {
      if (describeCall(c) === 'zfs destroy -r pool/dst/bar') gone.removeDataset(LOCAL, 'pool/dst/bar');
    };
    expect((await run(gone, prune())).code).toBe(ExitCode.OK);
    const busy = world().failWhen((c) => describeCall(c) === 'zfs destroy -r pool/dst/bar', {
      exitCode: 1,
      stderr: "cannot destroy 'pool/dst/bar': dataset is busy",
    });
    expect((await run(busy, prune())).code).toBe(ExitCode.OK);
    expect(mutating(busy).filter((l) => l === 'zfs destroy -r pool/dst/bar')).toHaveLength(2);
    expect(busy.exists(LOCAL, 'pool/dst/bar')).toBe(false);
  });

  it('a permanent failure is reported (exit 3) and the other trees still go', async () => {
    const fake = world().failWhen((c) => describeCall(c) === 'zfs destroy -r pool/dst/bar', {
      exitCode: 1,
      stderr: 'permission denied',
    });
    const { code, log } = await run(fake, prune());
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.exists(LOCAL, 'pool/dst/foo')).toBe(false);
    expect(text(log)).toMatch(/E Failed to delete pool\/dst\/bar \(--delete-dst-datasets\)/);
  });

  it('--dryrun: nothing is destroyed; zfs destroy -n -v -p -r says what would go, and the later tasks see it gone', async () => {
    const fake = world();
    const { code, log } = await run(
      fake,
      prune({
        run: { dryrun: 'send' },
        deleteDatasets: { missingOnSource: true, empty: 'snapshots+bookmarks' },
      }),
    );
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual([]);
    expect(fake.log()).toContain('zfs destroy -n -v -p -r pool/dst/foo');
    expect(text(log)).toContain('Would execute: zfs destroy -r pool/dst/foo');
    expect(text(log)).toContain('I Deleting pool/dst/foo would remove 2 dataset(s) and 1 snapshot(s)');
    expect(text(log)).toContain(
      '--delete-dst-datasets done: pool/dst: would delete 3 dataset(s) in 2 tree(s)',
    );
    // For --delete-empty-dst-datasets the announced trees are gone: only what is left is listed, and kept.
    expect(fake.log().filter((l) => l.startsWith('zfs list -t snapshot,bookmark -d 1 -Hp -o name'))).toEqual([
      'zfs list -t snapshot,bookmark -d 1 -Hp -o name pool/dst pool/dst/a',
    ]);
  });

  it('a source that does not exist is an error, not an empty source: nothing is deleted (use dummy for that)', async () => {
    const fake = world();
    const { code } = await run(fake, prune({ pairs: [pair('pool/nosuch', 'pool/dst')] }));
    expect(code).toBe(ExitCode.ERROR);
    expect(mutating(fake)).toEqual([]);
  });

  it('a destination that does not exist: a warning, nothing to do', async () => {
    const fake = world();
    const { code, log } = await run(fake, prune({ pairs: [pair('pool/src', 'pool/none')] }));
    expect(code).toBe(ExitCode.OK);
    expect(text(log)).toContain('W --delete-dst-datasets: the destination pool/none does not exist');
    expect(mutating(fake)).toEqual([]);
  });
});
