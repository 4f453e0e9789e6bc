import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseCli } from '../../cli/args.js';
import { toArgv, type BzfsOptions } from '../../cli/to-argv.js';
import { retentionInput } from './dataset-input.js';
import { planRetention } from './retention-plan.js';
import type { PruneCandidate } from './types.js';

// BzfsOptions.keepSnapshotNames is how the jobrunner's prune guard keeps a destination's latest common
// snapshot on the source. It must only ever keep MORE than the plan alone: its names form a filter group of
// their own, and groups are a union. Checked end to end: toArgv → bzfs's parser → the retention planner.

const ENV = { home: '/home/u', cpus: 2 };
const NOW_S = 1_700_000_000;
const HOUR = 3600;

const snap = (kind: PruneCandidate['kind'], name: string, i: number): PruneCandidate => ({
  kind,
  dataset: 'tank/vms/a',
  name,
  guid: String(1000 + i),
  createtxg: BigInt(10 + i),
  creation: NOW_S - (20 - i) * HOUR,
  userrefs: 0,
});

/** The names a prune of `entries` keeps (not deleted), as bzfs decides from `options`' argv. */
async function keptNames(
  options: Omit<BzfsOptions, 'datasetPairs'>,
  entries: readonly PruneCandidate[],
): Promise<Set<string>> {
  const argv = toArgv({ ...options, datasetPairs: [{ src: 'dummy', dst: 'tank/vms/a' }] });
  const { config } = await parseCli(argv, ENV);
  if (config?.retention === undefined) throw new Error('no retention settings parsed');
  const plan = planRetention(
    retentionInput({
      settings: config.retention,
      dst: entries,
      src: 'dummy',
      groups: config.selection.snapshotFilters,
      nowMs: NOW_S * 1000,
      useBookmarks: true,
    }),
  );
  const deleted = new Set(plan.toDelete.map((e) => e.name));
  return new Set(
    entries.filter((e) => e.kind === config.retention?.kind && !deleted.has(e.name)).map((e) => e.name),
  );
}

const hourly = (i: number): string => `prod_onsite_2023-11-14_${String(i).padStart(2, '0')}:00:00_hourly`;
const prune = {
  skipReplication: true,
  deleteDstSnapshots: true,
  deleteDstSnapshotsExceptPlan: { prod: { onsite: { hourly: 2 } } },
} as const;

describe('keepSnapshotNames with --delete-dst-snapshots-except-plan', () => {
  const entries = [0, 1, 2, 3, 4].map((i) => snap('snapshot', hourly(i), i));

  it('keeps a name the plan drops, and everything the plan keeps', async () => {
    const without = await keptNames(prune, entries);
    expect([...without]).toEqual([hourly(3), hourly(4)]);
    const withGuard = await keptNames({ ...prune, keepSnapshotNames: [hourly(1)] }, entries);
    expect([...withGuard]).toEqual([hourly(1), hourly(3), hourly(4)]);
  });

  it('keeps a bookmark of the guarded name when bookmarks are pruned', async () => {
    const marks = entries.map((e) => ({ ...e, kind: 'bookmark' as const }));
    const opts = { ...prune, deleteDstSnapshots: 'bookmarks' as const };
    expect([...(await keptNames({ ...opts, keepSnapshotNames: [hourly(0)] }, marks))]).toEqual([
      hourly(0),
      hourly(3),
      hourly(4),
    ]);
  });

  it('matches names exactly: a regex metacharacter in a name widens nothing', async () => {
    const odd = [
      snap('snapshot', 'prod_onsite_a.b_hourly', 0),
      snap('snapshot', 'prod_onsite_axb_hourly', 1),
    ];
    const kept = await keptNames(
      {
        ...prune,
        deleteDstSnapshotsExceptPlan: { prod: { onsite: { hourly: 0 } } },
        keepSnapshotNames: ['prod_onsite_a.b_hourly'],
      },
      odd,
    );
    expect([...kept]).toEqual(['prod_onsite_a.b_hourly']);
  });

  it('property: kept with the guard ⊇ kept without, ⊇ the guarded names present, and adds nothing else', async () => {
    const names = [
      'prod_onsite_x_hourly',
      'prod_onsite_(y)_hourly',
      'prod_offsite_z_hourly',
      'other.*',
      '!neg',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...names.map((n, i) => [n, i] as const)), { maxLength: 12 }),
        fc.nat({ max: 4 }),
        fc.subarray([...names, 'absent_name']),
        fc.constantFrom('snapshot' as const, 'bookmark' as const),
        async (picked, count, guarded, kind) => {
          const list = picked.map(([n], i) => snap(kind, `${n}${i}`, i));
          const keep = guarded.flatMap((g) => list.filter((e) => e.name.startsWith(g)).map((e) => e.name));
          const opts = {
            ...prune,
            deleteDstSnapshots: kind === 'snapshot' ? ('snapshots' as const) : ('bookmarks' as const),
            deleteDstSnapshotsExceptPlan: { prod: { onsite: { hourly: count } } },
          };
          const without = await keptNames(opts, list);
          const withGuard = await keptNames({ ...opts, keepSnapshotNames: [...keep, 'absent_name'] }, list);
          for (const n of without) expect(withGuard).toContain(n);
          for (const n of keep) expect(withGuard).toContain(n);
          for (const n of withGuard) expect(without.has(n) || keep.includes(n)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
