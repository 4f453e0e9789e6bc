import { describe, expect, it } from '@jest/globals';
import { LOCAL } from '../exec/runner.js';
import { ExitCode } from '../model/exit-codes.js';
import { FakeZfs } from '../../test/support/fake-runner.js';
import { mutating, pair, run } from '../../test/support/run-world.js';
import type { ConfigOverrides } from '../../test/support/test-config.js';

const LIST_NAMES = 'zfs list -t snapshot,bookmark -d 1 -Hp -o name';

/** The original's test tree under pool/dst: snapshots in foo/a/e and foo/c, an excluded boo; a volume zoo. */
function world(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/src').snapshot(LOCAL, 'pool/dst', 'root1');
  const empty = ['axe', 'foo', 'foo/a', 'foo/a/b', 'foo/a/b/c', 'foo/a/b/d', 'foo/b', 'foo/b/c', 'foo/b/c/d'];
  fake
    .addDatasets(LOCAL, ...[...empty, 'foo/b/d', 'boo'].map((d) => `pool/dst/${d}`))
    .addVolume(LOCAL, 'pool/dst/zoo');
  fake.snapshot(LOCAL, 'pool/dst/foo/a/e', 'e1').snapshot(LOCAL, 'pool/dst/foo/c', 'c1');
  return fake;
}
const prune = (o: ConfigOverrides = {}): ConfigOverrides => ({
  pairs: [pair('pool/src', 'pool/dst')],
  replication: { skip: true },
  selection: { recursive: true, excludeDatasets: ['boo'] },
  deleteDatasets: { empty: 'snapshots+bookmarks' },
  ...o,
});

describe('the delete-empty-dst-datasets task', () => {
  it("the original's example: the empty subtrees go, one destroy -r each; what holds snapshots stays, and the excluded", async () => {
    const fake = world();
    const { code, log } = await run(fake, prune());
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual([
      'zfs destroy -r pool/dst/axe',
      'zfs destroy -r pool/dst/foo/a/b',
      'zfs destroy -r pool/dst/foo/b',
      'zfs destroy -r pool/dst/zoo',
    ]);
    expect(fake.datasetNames().filter((n) => n.startsWith('pool/dst'))).toEqual([
      'pool/dst',
      'pool/dst/boo',
      'pool/dst/foo',
      'pool/dst/foo/a',
      'pool/dst/foo/a/e',
      'pool/dst/foo/c',
    ]);
    expect(log.join('\n')).toContain(
      'I Deleting dataset pool/dst/foo/b and its 3 descendant(s) (--delete-empty-dst-datasets): selected, and no ' +
        'dataset of its tree has a snapshot or bookmark',
    );
  });

  it('lists the snapshots of the candidates only, in one command: not of an ancestor of the excluded dataset', async () => {
    const fake = world();
    await run(fake, prune());
    const listings = fake.log().filter((l) => l.startsWith(LIST_NAMES));
    expect(listings).toHaveLength(1);
    const listed = listings[0]!.slice(LIST_NAMES.length + 1).split(' ');
    expect(listed).not.toContain('pool/dst');
    expect(listed).toContain('pool/dst/foo/a/e');
  });

  it('by default a bookmark keeps its dataset; with =snapshots it does not (and bookmarks are not listed)', async () => {
    /** axe has only a bookmark left: its snapshot was pruned. */
    const bookmarkOnly = () => {
      const fake = world().snapshot(LOCAL, 'pool/dst/axe', 'a1').bookmark(LOCAL, 'pool/dst/axe', 'a1');
      const axe = fake.dataset(LOCAL, 'pool/dst/axe')!;
      axe.entries = axe.entries.filter((e) => e.kind === 'bookmark');
      return fake;
    };
    const withBookmarks = bookmarkOnly();
    await run(withBookmarks, prune());
    expect(withBookmarks.exists(LOCAL, 'pool/dst/axe')).toBe(true);
    const onlySnapshots = bookmarkOnly();
    await run(onlySnapshots, prune({ deleteDatasets: { empty: 'snapshots' } }));
    expect(onlySnapshots.log().some((l) => l.startsWith('zfs list -t snapshot -d 1 -Hp -o name'))).toBe(true);
    expect(onlySnapshots.exists(LOCAL, 'pool/dst/axe')).toBe(false);
  });

  it('runs after --delete-dst-snapshots: a dataset emptied by the prune goes too', async () => {
    const fake = world();
    const retention = {
      kind: 'snapshot',
      except: false,
      crosscheck: true,
      forceDeleteLatestCommonSnapshot: false,
    } as const;
    const { code } = await run(fake, prune({ pairs: [pair('dummy', 'pool/dst')], retention }));
    expect(code).toBe(ExitCode.OK);
    // `dummy`: every selected snapshot goes, then every dataset left empty; the excluded boo keeps the root.
    expect(fake.datasetNames().filter((n) => n.startsWith('pool/dst'))).toEqual(['pool/dst', 'pool/dst/boo']);
  });

  it('does nothing without --recursive, as the original, and says so', async () => {
    const fake = world();
    const { code, log } = await run(fake, prune({ selection: { recursive: false } }));
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual([]);
    expect(log).toContain(
      'W --delete-empty-dst-datasets does nothing without --recursive (as in the original)',
    );
  });

  it('a whole empty tree goes with its root; `dummy` as source changes nothing here', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/dst', 'pool/dst/a', 'pool/dst/a/b');
    expect((await run(fake, prune({ pairs: [pair('dummy', 'pool/dst')] }))).code).toBe(ExitCode.OK);
    expect(mutating(fake)).toEqual(['zfs destroy -r pool/dst']);
  });

  it('many candidates are listed in several commands, each within the command-line limit', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/dst', 'keep');
    const names = Array.from(
      { length: 1500 },
      (_, i) => `pool/dst/${String(i).padStart(4, '0')}${'x'.repeat(190)}`,
    );
    fake.addDatasets(LOCAL, ...names);
    await run(fake, prune({ pairs: [pair('dummy', 'pool/dst')] }));
    const listings = fake.log().filter((l) => l.startsWith(LIST_NAMES));
    expect(listings.length).toBeGreaterThan(1);
    for (const l of listings) expect(Buffer.byteLength(l)).toBeLessThan(256 * 1024);
    // The root too: nothing is known about anything before the listing.
    expect(listings.flatMap((l) => l.slice(LIST_NAMES.length + 1).split(' '))).toEqual([
      'pool/dst',
      ...names,
    ]);
    expect(mutating(fake)).toHaveLength(1500);
  });
});
