import { describe, expect, it } from '@jest/globals';
import type { CreateSettings } from '../config/lifecycle.js';
import type { BzfsConfig } from '../config/types.js';
import { LOCAL } from '../exec/runner.js';
import { DEFAULT_ANCHORS } from '../model/anchors.js';
import { creationLabels } from '../plan/create/label.js';
import { parseSnapshotPlan } from '../plan/create/snapshot-plan.js';
import { parseTimeFormat } from '../plan/create/time-format.js';
import { describeCall, FakeZfs } from '../../test/support/fake-runner.js';
import { testConfig, testTaskContext, type ConfigOverrides } from '../../test/support/test-config.js';
import { createSnapshotsTask } from './create-snapshots-task.js';
import { listPair } from './pair-pipeline.js';

// 2025-06-01 10:02:03 UTC: 2 minutes after a 5-minute boundary, just after an hour.
const NOW_MS = Date.UTC(2025, 5, 1, 10, 2, 3);
const TREE = ['pool/src', 'pool/src/a', 'pool/src/a/b', 'pool/src/c'];

function createSettings(plan: string, o: Partial<CreateSettings> = {}): CreateSettings {
  return {
    labels: creationLabels(parseSnapshotPlan(plan, '--create-src-snapshots-plan')),
    timeFormat: parseTimeFormat('%Y-%m-%d_%H:%M:%S'),
    zone: { kind: 'fixed', offsetMinutes: 0 },
    anchors: DEFAULT_ANCHORS,
    evenIfNotDue: false,
    ...o,
  };
}
const HOURLY_5MIN = "{'prod': {'onsite': {'hourly': 1, '5minutely': 1}}}";

function world(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool', ...TREE);
  fake.clockSecs = NOW_MS / 1000;
  return fake;
}

async function runCreate(fake: FakeZfs, o: ConfigOverrides, nowMs = NOW_MS) {
  const cfg: BzfsConfig = testConfig({
    pairs: [{ src: { dataset: 'pool/src' }, dst: { dataset: 'dummy' } }],
    replication: { skip: true },
    ...o,
  });
  const ctx = { ...testTaskContext(fake, cfg), nowMs };
  const listing = await listPair(ctx, cfg.pairs[0]!);
  const { failures } = await createSnapshotsTask.execute(ctx, listing);
  return { ctx, failures };
}
const snapshotCalls = (fake: FakeZfs) =>
  fake.calls.map(describeCall).filter((c) => c.startsWith('zfs snapshot'));
const txgsOf = (fake: FakeZfs, name: string) =>
  new Set(TREE.map((ds) => fake.dataset(LOCAL, ds)!.entries.find((e) => e.name === name)?.createtxg));

describe('create-src-snapshots task', () => {
  it('a recursive tree: one zfs snapshot -r per due label, each atomic (one createtxg)', async () => {
    const fake = world();
    const { ctx } = await runCreate(fake, {
      selection: { recursive: true },
      create: createSettings(HOURLY_5MIN),
    });
    expect(snapshotCalls(fake)).toEqual([
      'zfs snapshot -r pool/src@prod_onsite_2025-06-01_10:02:03_hourly',
      'zfs snapshot -r pool/src@prod_onsite_2025-06-01_10:02:03_5minutely',
    ]);
    expect(txgsOf(fake, 'prod_onsite_2025-06-01_10:02:03_hourly').size).toBe(1);
    expect(fake.snapshotNames(LOCAL, 'pool/src/a/b')).toEqual([
      'prod_onsite_2025-06-01_10:02:03_hourly',
      'prod_onsite_2025-06-01_10:02:03_5minutely',
    ]);
    // Each dataset's next time per label, after the snapshot made now.
    expect(ctx.log.lines).toContain(
      'I prod_onsite_hourly on pool/src/a: due (no-snapshot-yet); next scheduled: 2025-06-01 11:00:00+00:00',
    );
    expect(ctx.log.lines).toContain(
      'I prod_onsite_5minutely on pool/src/c: due (no-snapshot-yet); next scheduled: 2025-06-01 10:05:00+00:00',
    );
  });

  it('a second run within the period makes none; after the 5-minute boundary only the 5minutely one', async () => {
    const fake = world();
    const o = { selection: { recursive: true }, create: createSettings(HOURLY_5MIN) };
    await runCreate(fake, o);
    const before = snapshotCalls(fake).length;
    const { ctx } = await runCreate(fake, o, NOW_MS + 60_000);
    expect(snapshotCalls(fake).length).toBe(before);
    expect(ctx.log.lines).toContain(
      'I prod_onsite_hourly on pool/src: not due (not-yet-due); next scheduled: 2025-06-01 11:00:00+00:00',
    );
    fake.clockSecs = NOW_MS / 1000 + 180;
    await runCreate(fake, o, NOW_MS + 180_000);
    expect(snapshotCalls(fake).slice(before)).toEqual([
      'zfs snapshot -r pool/src@prod_onsite_2025-06-01_10:05:03_5minutely',
    ]);
  });

  it('without -r, or when the filters leave out part of the tree, the datasets are listed on one line', async () => {
    const fake = world();
    await runCreate(fake, {
      selection: { recursive: true, excludeDatasets: ['a/b'] },
      create: createSettings("{'prod': {'': {'adhoc': 1}}}"),
    });
    // pool/src/a/b is excluded, so -r on pool/src would reach it: the due datasets go on one line instead.
    const n = 'prod_2025-06-01_10:02:03_adhoc';
    expect(snapshotCalls(fake)).toEqual([`zfs snapshot pool/src@${n} pool/src/a@${n} pool/src/c@${n}`]);
    expect(TREE.map((ds) => fake.snapshotNames(LOCAL, ds)?.length)).toEqual([1, 1, 0, 1]);
    expect(txgsOf(fake, n).size).toBe(2); // one txg, and undefined for a/b
  });

  it('--dryrun: the commands are logged and nothing is created', async () => {
    const fake = world();
    const { ctx } = await runCreate(fake, {
      run: { dryrun: 'send' },
      selection: { recursive: true },
      create: createSettings(HOURLY_5MIN),
    });
    expect(TREE.map((ds) => fake.snapshotNames(LOCAL, ds))).toEqual([[], [], [], []]);
    expect(ctx.log.lines.filter((l) => l.includes('zfs snapshot -r'))).toHaveLength(2);
  });

  it('a transient failure after zfs made the snapshots: listed first, not made again', async () => {
    const fake = world();
    const name = 'prod_onsite_2025-06-01_10:02:03_hourly';
    let first = true;
    fake.beforeCall = (c) => {
      if (first && describeCall(c).startsWith('zfs snapshot')) {
        first = false;
        fake.snapshot(LOCAL, 'pool/src', name); // it ran; then the connection dropped
      }
    };
    fake.failWhen((c) => describeCall(c).startsWith('zfs snapshot'), {
      exitCode: 255,
      stderr: 'Connection reset by peer',
    });
    const { failures } = await runCreate(fake, {
      create: createSettings("{'prod': {'onsite': {'hourly': 1}}}"),
    });
    expect(failures).toEqual([]);
    expect(snapshotCalls(fake)).toEqual([`zfs snapshot pool/src@${name}`]);
    expect(fake.snapshotNames(LOCAL, 'pool/src')).toEqual([name]);
  });

  it('a transient failure before zfs ran: the missing snapshots are made on the retry', async () => {
    const fake = world();
    fake.failWhen((c) => describeCall(c).startsWith('zfs snapshot'), { stderr: 'dataset is busy' });
    await runCreate(fake, { create: createSettings("{'prod': {'onsite': {'hourly': 1}}}") });
    expect(snapshotCalls(fake)).toHaveLength(2);
    expect(fake.snapshotNames(LOCAL, 'pool/src')).toEqual(['prod_onsite_2025-06-01_10:02:03_hourly']);
  });

  it('a failure that is not transient is not retried', async () => {
    const fake = world();
    fake.failWhen((c) => describeCall(c).startsWith('zfs snapshot'), { stderr: 'permission denied' });
    await expect(
      runCreate(fake, { create: createSettings("{'prod': {'onsite': {'hourly': 1}}}") }),
    ).rejects.toThrow(/permission denied/);
    expect(snapshotCalls(fake)).toHaveLength(1);
  });
});
