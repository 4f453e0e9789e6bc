import { describe, expect, it } from '@jest/globals';
import { bzfs, bzfsAt, freshPoolsForEachTest, fullState, snapshotRows, zfs } from './harness.js';

// --create-src-snapshots on real ZFS: atomic creation across a tree, due-ness with a fixed clock
// (test/support/bzfs-at.ts), the dummy destination, --dryrun.
const SRC = 'bzcrsrc';
const DST = 'bzcrdst';
const ROOT = `${SRC}/data`;
const TREE = ['', '/a', '/a/b'];
const PLAN = "{'prod': {'onsite': {'hourly': 1, '5minutely': 1}}}";
const CREATE = [
  '--recursive',
  '--skip-replication',
  '--create-src-snapshots',
  `--create-src-snapshots-plan=${PLAN}`,
  '--create-src-snapshots-timezone=UTC',
  '--create-src-snapshots-timeformat=%Y%m%dT%H%M%S',
];
/** 2026-01-01 10:02:03 UTC (the name's time part is 20260101T100203). */
const T1 = Date.UTC(2026, 0, 1, 10, 2, 3);

function expectOk(r: { exitCode: number; stderr: string }): void {
  if (r.exitCode !== 0) throw new Error(`bzfs exited ${r.exitCode}\n${r.stderr}`);
}

/** name → createtxg of every snapshot under ROOT, by relative dataset. */
async function txgs(): Promise<Map<string, string>> {
  const out = await zfs('list', '-t', 'snapshot', '-r', '-Hp', '-o', 'name,createtxg', ROOT);
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t') as [string, string])
      .map(([n, t]) => [n.slice(ROOT.length), t]),
  );
}

/** The first multiple of `periodSecs` strictly after `secs` (UTC: the anchors' defaults). */
const nextBoundary = (secs: number, periodSecs: number) => (Math.floor(secs / periodSecs) + 1) * periodSecs;

describe('--create-src-snapshots on real ZFS', () => {
  freshPoolsForEachTest(SRC, DST);

  it('one atomic snapshot per due label across a tree; none within the period; 5minutely, then hourly, at their boundaries', async () => {
    await zfs('create', `${ROOT}/a`);
    await zfs('create', `${ROOT}/a/b`);
    expectOk(await bzfsAt(T1, [...CREATE, ROOT, 'dummy']));
    const hourly = 'prod_onsite_20260101T100203_hourly';
    const fiveMin = 'prod_onsite_20260101T100203_5minutely';
    const first = await txgs();
    expect([...first.keys()].sort()).toEqual(
      TREE.flatMap((d) => [`${d}@${fiveMin}`, `${d}@${hourly}`]).sort(),
    );
    // One command per label: every dataset's snapshot of a label has the same createtxg.
    expect(new Set(TREE.map((d) => first.get(`${d}@${hourly}`))).size).toBe(1);
    expect(new Set(TREE.map((d) => first.get(`${d}@${fiveMin}`))).size).toBe(1);

    // Due-ness counts from each label's own real creation time; the clock is put around its boundaries.
    // The labels are made by separate commands, so their creations may lie on either side of a boundary
    // (seen: hourly at hh:29:59, 5minutely at hh:30:00): each label's next boundary is its own.
    const creation = async (snap: string) =>
      Number((await zfs('get', '-Hp', '-o', 'value', 'creation', `${ROOT}@${snap}`)).trim());
    const created = await creation(hourly);
    const b5 = nextBoundary(await creation(fiveMin), 300);
    const hourlyDue = nextBoundary(created, 3600);
    const stampOf = (secs: number) => new Date(secs * 1000).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const made = async () => [...(await txgs()).keys()].filter((k) => !first.has(k)).sort();
    const hourlyAt = (secs: number) => TREE.map((d) => `${d}@prod_onsite_${stampOf(secs)}_hourly`);
    const early = hourlyDue <= b5 - 1; // then hourly is due before 5minutely is
    const again = await bzfsAt((b5 - 1) * 1000, [...CREATE, ROOT, 'dummy']);
    expectOk(again);
    expect(again.stderr).toMatch(/prod_onsite_5minutely on bzcrsrc\/data\/a: not due \(not-yet-due\)/);
    expect(await made()).toEqual(early ? hourlyAt(b5 - 1).sort() : []);

    expectOk(await bzfsAt(b5 * 1000, [...CREATE, ROOT, 'dummy']));
    expect(await made()).toEqual(
      [
        ...TREE.map((d) => `${d}@prod_onsite_${stampOf(b5)}_5minutely`),
        ...(early ? hourlyAt(b5 - 1) : hourlyDue <= b5 ? hourlyAt(b5) : []),
      ].sort(),
    );

    // At the next full hour after the first snapshots, hourly is due (and 5minutely, its boundary too).
    const h = early || hourlyDue <= b5 ? nextBoundary(hourlyDue, 3600) : hourlyDue;
    expectOk(await bzfsAt(h * 1000, [...CREATE, ROOT, 'dummy']));
    const atH = new Date(h * 1000).toISOString().replace(/[-:]/g, '').slice(0, 15);
    expect((await snapshotRows(ROOT)).map((r) => r.name)).toEqual(
      expect.arrayContaining([`@prod_onsite_${atH}_hourly`, `/a/b@prod_onsite_${atH}_hourly`]),
    );
  });

  it('--dryrun creates nothing and logs the command', async () => {
    await zfs('create', `${ROOT}/a`);
    const before = await fullState(SRC);
    const r = await bzfs(['--dryrun', ...CREATE, ROOT, 'dummy']);
    expectOk(r);
    expect(r.stderr).toMatch(/zfs snapshot -r bzcrsrc\/data@prod_onsite_\S+_hourly/);
    expect(await fullState(SRC)).toBe(before);
  });

  it('the dummy destination: no --skip-replication makes the snapshots, then refuses to replicate (exit 3)', async () => {
    const args = CREATE.filter((a) => a !== '--skip-replication');
    const r = await bzfs([...args, ROOT, 'dummy']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/add --skip-replication/);
    expect((await snapshotRows(ROOT)).map((x) => x.name.replace(/_\d{8}T\d{6}_/, '_T_'))).toEqual([
      '@prod_onsite_T_hourly',
      '@prod_onsite_T_5minutely',
    ]);
  });

  it('creates, then replicates the new snapshots in the same run', async () => {
    await zfs('create', `${ROOT}/a`);
    const args = CREATE.filter((a) => a !== '--skip-replication');
    expectOk(await bzfsAt(T1, [...args, ROOT, `${DST}/data`]));
    const names = (await snapshotRows(`${DST}/data`)).map((r) => r.name).sort();
    expect(names).toEqual([
      '/a@prod_onsite_20260101T100203_5minutely',
      '/a@prod_onsite_20260101T100203_hourly',
      '@prod_onsite_20260101T100203_5minutely',
      '@prod_onsite_20260101T100203_hourly',
    ]);
  });
});
