import { describe, expect, it, jest } from '@jest/globals';
import { bzfs, expectReplica, freshPoolsForEachTest, hostSshArgs, snapshot } from './harness.js';
import { commandsOf, expectOk, listedDatasets, makeTree, snapshotListings } from './listing-support.js';

// Under emulation the first full replication of 20 datasets alone takes minutes.
jest.setTimeout(1_500_000);

const SRC = 'bzlsrc';
const DST = 'bzldst';

describe('batched snapshot listings on real ZFS', () => {
  freshPoolsForEachTest(SRC, DST);

  it('a no-op run over 20 datasets lists their snapshots in one command per side (--threads 1), no zfs get', async () => {
    const tree = await makeTree(`${SRC}/data`, 's1', 's2');
    expectOk(await bzfs(['-r', `${SRC}/data`, `${DST}/data`]));
    await expectReplica(`${SRC}/data`, `${DST}/data`);

    const noop = await bzfs(['-v', '--threads', '1', '-r', `${SRC}/data`, `${DST}/data`]);
    expectOk(noop);
    const cmds = await commandsOf(noop);
    const listings = snapshotListings(cmds);
    // Before batching: one listing per dataset and side (40), and a `zfs get receive_resume_token` each (20).
    expect(listings).toHaveLength(2);
    expect(listings.flatMap(listedDatasets).sort()).toEqual(
      [...tree, ...tree.map((d) => d.replace(SRC, DST))].sort(),
    );
    expect(cmds.filter((c) => /\bzfs get\b/.test(c))).toEqual([]);

    // Still converges: a new snapshot of one child is found and sent.
    await snapshot(`${SRC}/data/c07@s3`);
    expectOk(await bzfs(['--threads', '1', '-r', `${SRC}/data`, `${DST}/data`]));
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });

  it('pull-push from this host: mini-batches of at least 4 datasets per ssh round trip', async () => {
    await makeTree(`${SRC}/data`, 's1');
    const pair = [...hostSshArgs(), '-r', `bzfs-src:${SRC}/data`, `bzfs-dst:${DST}/data`];
    expectOk(await bzfs(pair, 'host'));
    await expectReplica(`${SRC}/data`, `${DST}/data`);
    const noop = await bzfs(['-v', '--threads', '2', ...pair], 'host');
    expectOk(noop);
    const listings = snapshotListings(await commandsOf(noop, 'host'));
    // min(1024, max(20 / (2 × 8), 4 remote)) = 4 datasets per command: 5 per side.
    expect(listings).toHaveLength(10);
    for (const l of listings) expect(listedDatasets(l).length).toBeLessThanOrEqual(4);
  });
});
