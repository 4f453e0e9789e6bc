import { describe, expect, it } from '@jest/globals';
import { ExitCode, type SnapshotRef } from '@bzfs-ts/bzfs';
import type { Side } from '../expand/locate.js';
import type { Invocation, PruneGuardSpec } from '../expand/types.js';
import type { BzfsLauncher, LaunchResult } from '../launch/launcher.js';
import { runExitCode } from '../schedule/exit-status.js';
import { GuardedLauncher, type TreeLister } from './guarded-launcher.js';

const h = (i: number): string => `prod_onsite_2024-01-01_0${i}:00:00_hourly`;
const snap = (dataset: string, i: number, kind: SnapshotRef['kind'] = 'snapshot'): SnapshotRef => ({
  kind,
  dataset,
  name: h(i),
  guid: String(100 + i),
  createtxg: BigInt(10 + i),
  creation: 1_700_000_000 + i,
});
const side = (locator: string): Side => ({ locator, isLocal: locator.startsWith('-:') });

const guard: PruneGuardSpec = {
  kind: 'snapshot',
  recursive: false,
  trees: [
    {
      src: side('-:tank/vms/a'),
      dsts: [
        { dstHost: 'nas1', side: side('nas1:bak/vms/a') },
        { dstHost: 'nas2', side: side('nas2:bak/vms/a') },
        { dstHost: 'nas3', side: side('nas3:b3/vms/a') },
      ],
    },
  ],
};
const inv = (g?: PruneGuardSpec): Invocation => ({
  seq: 0,
  id: 'prod1/prune-src-snapshots',
  action: 'prune-src-snapshots',
  srcHost: 'prod1',
  after: [],
  options: {
    datasetPairs: [{ src: 'dummy', dst: '-:tank/vms/a' }],
    deleteDstSnapshots: true,
    deleteDstSnapshotsExceptPlan: { prod: { onsite: { hourly: 2 } } },
  },
  ...(g && { guard: g }),
});

/** Lists what `trees` says for each locator; a locator mapped to an Error fails. */
function lister(trees: Record<string, readonly SnapshotRef[] | Error>): TreeLister & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    list: async (s, req) => {
      calls.push(`${s.locator} ${req.kinds}`);
      const t = trees[s.locator];
      if (t instanceof Error) throw t;
      return t ?? [];
    },
  };
}

function setup(trees: Record<string, readonly SnapshotRef[] | Error>) {
  const launched: Invocation[] = [];
  const inner: BzfsLauncher = {
    launch: async (i): Promise<LaunchResult> => (
      launched.push(i),
      { exitCode: 0, timedOut: false, stderrTail: [] }
    ),
  };
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(`I ${m}`), debug: (m: string) => lines.push(`D ${m}`) };
  const l = lister(trees);
  return { launcher: new GuardedLauncher(inner, l, log), launched, lines, lister: l };
}
const signal = new AbortController().signal;

describe('GuardedLauncher', () => {
  const fleet = {
    '-:tank/vms/a': [1, 2, 3, 4, 5].map((i) => snap('tank/vms/a', i)),
    'nas1:bak/vms/a': [3, 4, 5].map((i) => snap('bak/vms/a', i)),
    'nas2:bak/vms/a': [5].map((i) => snap('bak/vms/a', i)),
    'nas3:b3/vms/a': [1, 2].map((i) => snap('b3/vms/a', i)),
  };

  it('adds every destination’s latest common snapshot to the keep-filter and says who holds it', async () => {
    const t = setup(fleet);
    const r = await t.launcher.launch(inv(guard), { signal });
    expect(r.exitCode).toBe(0);
    expect(t.launched.map((i) => i.options.keepSnapshotNames)).toEqual([[h(2), h(5)]]);
    expect(t.lines.filter((l) => l.startsWith('I '))).toEqual([
      `I prod1/prune-src-snapshots: keeping tank/vms/a@${h(2)}: latest common snapshot with nas3 (b3/vms/a)`,
      `I prod1/prune-src-snapshots: keeping tank/vms/a@${h(5)}: latest common snapshot with nas1 (bak/vms/a), nas2 (bak/vms/a)`,
    ]);
    expect(t.lister.calls.sort()).toEqual([
      '-:tank/vms/a snapshot,bookmark',
      'nas1:bak/vms/a snapshot',
      'nas2:bak/vms/a snapshot',
      'nas3:b3/vms/a snapshot',
    ]);
  });

  it('does not start the prune when a destination cannot be listed, names it, and counts as an error', async () => {
    const t = setup({
      ...fleet,
      'nas3:b3/vms/a': new Error('ssh: connect to host nas3 port 22: No route to host'),
    });
    const r = await t.launcher.launch(inv(guard), { signal });
    expect(t.launched).toEqual([]);
    expect(r.error).toBe(
      'cannot list destination nas3 nas3:b3/vms/a: ssh: connect to host nas3 port 22: No route to host; ' +
        'the prune was not started, no snapshot was deleted',
    );
    expect(runExitCode('prune-src-snapshots', r)).toBe(ExitCode.ERROR);
  });

  it('does not start the prune when the source cannot be listed', async () => {
    const t = setup({ ...fleet, '-:tank/vms/a': new Error('zfs: permission denied') });
    const r = await t.launcher.launch(inv(guard), { signal });
    expect(t.launched).toEqual([]);
    expect(r.error).toMatch(
      /^cannot list the source -:tank\/vms\/a: zfs: permission denied; .*no snapshot was deleted$/,
    );
  });

  it('runs unchanged when no destination holds anything back, and notes why at debug level', async () => {
    const t = setup({ '-:tank/vms/a': [snap('tank/vms/a', 1)] });
    await t.launcher.launch(inv(guard), { signal });
    expect(t.launched.map((i) => i.options)).toEqual([inv().options]);
    expect(t.lines).toContain(
      'D prod1/prune-src-snapshots: nas1 (bak/vms/a) holds nothing of tank/vms/a back: it shares no snapshot with it (it needs a full send anyway)',
    );
  });

  it('passes a run without a guard straight through, listing nothing', async () => {
    const t = setup(fleet);
    const plain = inv();
    await t.launcher.launch(plain, { signal });
    expect(t.launched).toEqual([plain]);
    expect(t.lister.calls).toEqual([]);
  });
});
