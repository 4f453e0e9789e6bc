import { describe, expect, it } from '@jest/globals';
import type { SnapshotRef } from '@bzfs-ts/bzfs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Invocation } from './expand/types.js';
import type { TreeLister } from './guard/guarded-launcher.js';
import type { BzfsLauncher } from './launch/launcher.js';
import { main } from './main.js';

// main wires the prune guard around the launcher: the source prune gets the kept names, and every
// destination host of the spec is consulted even when --dst-host selects one.
const dir = mkdtempSync(join(tmpdir(), 'jobrunner-main-guard-'));
const specFile = join(dir, 'jobs.yaml');
writeFileSync(
  specFile,
  `jobId: nightly
rootDatasetPairs: [{ src: tank/data, dst: data }]
srcHosts: [prod001]
dstHosts:
  nas: { root: bak/^SRC_HOST, targets: [onsite] }
  far: { root: far/^SRC_HOST, targets: [onsite] }
srcSnapshotPlan: { prod: { onsite: { daily: 1 } } }
logDir: ${join(dir, 'bzfs-logs')}
`,
);
const snap = (dataset: string, i: number): SnapshotRef => ({
  kind: 'snapshot',
  dataset,
  name: `prod_onsite_2024-01-0${i}_00:00:00_daily`,
  guid: String(100 + i),
  createtxg: BigInt(i),
  creation: 1_700_000_000 + i,
});
const listings: Record<string, SnapshotRef[]> = {
  'prod001:tank/data': [1, 2, 3].map((i) => snap('tank/data', i)),
  'nas:bak/prod001/data': [snap('bak/prod001/data', 3)],
  'far:far/prod001/data': [snap('far/prod001/data', 1)],
};

async function run(extra: string[]) {
  const launched: Invocation[] = [];
  const listed: string[] = [];
  const launcher: BzfsLauncher = {
    launch: async (inv) => (launched.push(inv), { exitCode: 0, timedOut: false, stderrTail: [] }),
  };
  const treeLister: TreeLister = { list: async (s) => (listed.push(s.locator), listings[s.locator] ?? []) };
  const code = await main(
    [
      '--spec',
      specFile,
      '--jobrunner-log-level=WARN',
      '--prune-src-snapshots',
      '--dst-host',
      'nas',
      ...extra,
    ],
    { stdout: () => {}, stderr: () => {}, launcher: () => launcher, treeLister },
  );
  return { code, launched, listed };
}

describe('main: the prune guard', () => {
  it('keeps the base of a destination that --dst-host leaves out', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.listed.sort()).toEqual(['far:far/prod001/data', 'nas:bak/prod001/data', 'prod001:tank/data']);
    expect(r.launched.map((i) => i.options.keepSnapshotNames)).toEqual([
      ['prod_onsite_2024-01-01_00:00:00_daily', 'prod_onsite_2024-01-03_00:00:00_daily'],
    ]);
  });

  it('lists nothing on --jobrunner-dryrun', async () => {
    const r = await run(['--jobrunner-dryrun']);
    expect(r.code).toBe(0);
    expect(r.listed).toEqual([]);
    expect(r.launched).toEqual([]);
  });
});
