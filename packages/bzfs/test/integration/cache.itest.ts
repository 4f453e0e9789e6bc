import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  bzfs,
  bzfsAt,
  expectReplica,
  freshPoolsForEachTest,
  logDirFor,
  onZfsSh,
  snapshot,
} from './harness.js';
import { commandsOf, expectOk, listedDatasets, makeTree, snapshotListings } from './listing-support.js';

// Under emulation the first full replication of 20 datasets alone takes minutes.
jest.setTimeout(1_500_000);

const SRC = 'bzcsrc';
const DST = 'bzcdst';

/** The oldest snapshots_changed (unix seconds) of both trees. */
async function oldestSnapshotsChanged(): Promise<number> {
  const out = await onZfsSh('zfs list -Hp -o snapshots_changed -r "$1" "$2"', SRC, DST);
  return Math.min(
    ...out
      .split('\n')
      .filter((v) => /^\d+$/.test(v))
      .map(Number),
  );
}

describe('--cache-snapshots on real ZFS (OpenZFS >= 2.2)', () => {
  freshPoolsForEachTest(SRC, DST);
  // Entries of an earlier test run would only miss (fresh pools, other values), but start clean anyway.
  beforeAll(async () => {
    await onZfsSh('rm -rf "$1/.cache"', logDirFor('zfs'));
  });

  it('the second no-op run lists no snapshots; a new snapshot is still noticed and sent', async () => {
    const tree = await makeTree(`${SRC}/data`, 's1', 's2');
    const args = ['-v', '--cache-snapshots', '-r', `${SRC}/data`, `${DST}/data`];
    expectOk(await bzfs(args));
    await expectReplica(`${SRC}/data`, `${DST}/data`);

    // The first no-op run finds every pair in sync and remembers it. Its listings are batched: with one thread
    // one command per side for all 20 datasets (before: one per dataset and side, and a `zfs get` each).
    const filling = await bzfs(['--threads', '1', ...args]);
    expectOk(filling);
    expect(filling.stderr).toContain(`0 cache hit(s), ${tree.length} miss(es)`);
    const fillingCmds = await commandsOf(filling);
    const batched = snapshotListings(fillingCmds);
    expect(batched).toHaveLength(2);
    expect(batched.flatMap(listedDatasets).sort()).toEqual(
      [...tree, ...tree.map((d) => d.replace(SRC, DST))].sort(),
    );
    expect(fillingCmds.filter((c) => /\bzfs get\b/.test(c))).toEqual([]);

    const cached = await bzfs(args);
    expectOk(cached);
    expect(snapshotListings(await commandsOf(cached))).toEqual([]);
    expect(cached.stderr).toContain(`${tree.length} cache hit(s), 0 miss(es)`);

    // Maturity: to a run whose clock is 0.5 s after the oldest value, no value is older than 1.1 s: none is trusted.
    const oldest = await oldestSnapshotsChanged();
    const early = await bzfsAt(oldest * 1000 + 500, args);
    expectOk(early);
    expect(early.stderr).toContain(`0 cache hit(s), ${tree.length} miss(es)`);
    expect(snapshotListings(await commandsOf(early)).length).toBeGreaterThan(0);

    // A snapshot made right after the cache was confirmed is noticed: only its dataset is listed, and sent.
    await snapshot(`${SRC}/data/c07@s3`);
    const changed = await bzfs(args);
    expectOk(changed);
    expect(changed.stderr).toContain(`${tree.length - 1} cache hit(s), 1 miss(es)`);
    const listings = snapshotListings(await commandsOf(changed));
    expect(listings.flatMap(listedDatasets).sort()).toEqual([`${DST}/data/c07`, `${SRC}/data/c07`]);
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });
});
