/** Test support for the runAll tests (run/run*.test.ts): runAll over the fake as main.ts wires it, and small worlds. */
import type { DatasetPair } from '../../src/config/types.js';
import { LOCAL, type Place } from '../../src/exec/runner.js';
import { systemClock, type Clock } from '../../src/infra/clock.js';
import type { ReportFiles } from '../../src/infra/report-files.js';
import { memoryLogger } from './memory-logger.js';
import { memoryReports } from './memory-reports.js';
import { runAll } from '../../src/run/run.js';
import type { RunRecorder } from '../../src/run/run-recorder.js';
import { describeCall, FakeZfs, renderTest, type RecordedCall } from './fake-runner.js';
import { decorated, testConfig, type ConfigOverrides } from './test-config.js';

export const FORCE_NONE = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: false,
  destroyAllIfNoCommon: false,
};
export const FORCE_ALL = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: true,
  destroyAllIfNoCommon: true,
};

export const pair = (
  src: string,
  dst: string,
  o: { srcPlace?: Place; dstPlace?: Place } = {},
): DatasetPair => ({
  src: { dataset: src, ...(o.srcPlace?.ssh ? { ssh: o.srcPlace.ssh } : {}) },
  dst: { dataset: dst, ...(o.dstPlace?.ssh ? { ssh: o.dstPlace.ssh } : {}) },
});

export async function run(
  fake: FakeZfs,
  cfg: ConfigOverrides,
  o: { localIsRoot?: boolean; clock?: Clock; reports?: ReportFiles; recorder?: RunRecorder } = {},
) {
  const log = memoryLogger();
  const config = testConfig(cfg);
  const code = await runAll(config, {
    runner: decorated(fake, config, log),
    log,
    signal: new AbortController().signal,
    render: renderTest,
    localIsRoot: o.localIsRoot ?? true,
    clock: o.clock ?? systemClock,
    reports: o.reports ?? memoryReports(),
    ...(o.recorder && { recorder: o.recorder }),
  });
  return { code, log: log.lines };
}

export const isPipeline = (c: RecordedCall) => c.kind === 'pipeline';
export const pipelines = (fake: FakeZfs) => fake.pipelines().map(describeCall);
export const mutating = (fake: FakeZfs) => fake.mutatingCalls().map(describeCall);
export const snaps = (fake: FakeZfs, ds: string, place: Place = LOCAL) => fake.snapshotNames(place, ds);
/** How often the snapshots of `ds` were listed. */
export const listings = (fake: FakeZfs, ds: string) =>
  fake.log().filter((l) => l.startsWith('zfs list -t snapshot,bookmark') && l.split(' ').includes(ds)).length;

/** pool/src with snapshots s1..s3; the destination pool `pool` exists. */
export function simpleWorld(): FakeZfs {
  return new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1', 's2', 's3');
}

/** pool/src{,/a,/a/b,/c}, each with s1 s2. */
export function treeWorld(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  for (const ds of ['pool/src', 'pool/src/a', 'pool/src/a/b', 'pool/src/c'])
    fake.snapshot(LOCAL, ds, 's1', 's2');
  return fake;
}
