import { describe, expect, it } from '@jest/globals';
import {
  bzfs,
  bzfsAt,
  freshPoolsForEachTest,
  snapshot,
  snapshotRows,
  writeData,
  zfsMachineSecs,
} from './harness.js';

// Snapshot selection on real ZFS: per-target replication with --include-snapshot-plan, and
// --include-snapshot-times-and-ranks with filter groups.
const SRC = 'bzselsrc';
const DST = 'bzseldst';

function expectOk(r: { exitCode: number; stderr: string }): void {
  if (r.exitCode !== 0) throw new Error(`bzfs exited ${r.exitCode}\n${r.stderr}`);
}
const names = async (root: string) => (await snapshotRows(root)).map((r) => r.name);

describe('snapshot selection on real ZFS', () => {
  freshPoolsForEachTest(SRC, DST);

  it('--include-snapshot-plan sends only what the target plan keeps (per-target replication)', async () => {
    const made: string[] = [];
    for (const [i, n] of ['onsite', 'offsite', 'onsite', 'onsite', 'offsite', 'onsite'].entries()) {
      await writeData(`${SRC}/data`, `f${i}`, 8);
      const name = `prod_${n}_2026-01-0${i + 1}_00:00:00_hourly`;
      await snapshot(`${SRC}/data@${name}`);
      made.push(name);
    }
    await snapshot(`${SRC}/data@prod_onsite_2026-01-09_00:00:00_daily`, `${SRC}/data@other`);
    // A day after the snapshots were made, none is younger than 2 hours: only `latest 2` keeps any.
    const later = ((await zfsMachineSecs()) + 86_400) * 1000;
    const plan = "{'prod': {'onsite': {'hourly': 2, 'daily': 0}}}";
    expectOk(await bzfsAt(later, [`--include-snapshot-plan=${plan}`, `${SRC}/data`, `${DST}/onsite`]));
    expect(await names(`${DST}/onsite`)).toEqual([
      '@prod_onsite_2026-01-04_00:00:00_hourly',
      '@prod_onsite_2026-01-06_00:00:00_hourly',
    ]);
    // The other target's plan, on its own destination.
    const offsite = "{'prod': {'offsite': {'hourly': 1}}}";
    expectOk(await bzfsAt(later, [`--include-snapshot-plan=${offsite}`, `${SRC}/data`, `${DST}/offsite`]));
    expect(await names(`${DST}/offsite`)).toEqual(['@prod_offsite_2026-01-05_00:00:00_hourly']);
  });

  it('--include-snapshot-times-and-ranks with a regex group: the union, ranked by createtxg', async () => {
    for (const n of ['s1', 's2', 's3', 's4', 's5']) {
      await writeData(`${SRC}/data`, n, 8);
      await snapshot(`${SRC}/data@${n}`);
    }
    const r = await bzfs([
      '--include-snapshot-regex=s1',
      '--new-snapshot-filter-group',
      '--include-snapshot-times-and-ranks',
      'notime',
      'latest 2',
      '--',
      `${SRC}/data`,
      `${DST}/data`,
    ]);
    expectOk(r);
    expect(await names(`${DST}/data`)).toEqual(['@s1', '@s4', '@s5']);
    // A time range (the last hour: all five) narrowed by a regex exclude: s2 and s3 stay unsent.
    const all = await bzfs([
      '--include-snapshot-times-and-ranks=1 hours ago..anytime',
      '--exclude-snapshot-regex',
      's2',
      's3',
      '--',
      `${SRC}/data`,
      `${DST}/data`,
    ]);
    expectOk(all);
    expect(await names(`${DST}/data`)).toEqual(['@s1', '@s4', '@s5']);
  });
});
