/** Test support for the dataset-level tests (run/replicate-*.test.ts): a small world and views of the fake. */
import { LOCAL } from '../../src/exec/runner.js';
import { describeCall, FakeZfs, type RecordedCall } from './fake-runner.js';
import { testConfig, testTaskContext, type ConfigOverrides } from './test-config.js';

export const SRC = 'pool/src';
export const DST = 'pool/dst';
export const FORCE_NONE = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: false,
  destroyAllIfNoCommon: false,
};
export const FORCE_COMMON = { ...FORCE_NONE, rollbackToLatestCommon: true };
export const FORCE_ALL = { ...FORCE_NONE, rollbackToLatestCommon: true, destroyAllIfNoCommon: true };

/** A world with pool, pool/src holding `src` snapshots and (if given) pool/dst holding copies of `dst`. */
export function world(src: string[], dst?: string[]): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  fake.snapshot(LOCAL, SRC, ...src);
  if (dst !== undefined)
    fake.copySnapshots({ place: LOCAL, dataset: SRC }, { place: LOCAL, dataset: DST }, ...dst);
  return fake;
}

export function setup(fake: FakeZfs, cfg: ConfigOverrides = {}) {
  return testTaskContext(fake, testConfig(cfg));
}

export const pipelines = (fake: FakeZfs) => fake.pipelines().map(describeCall);
export const mutating = (fake: FakeZfs) => fake.mutatingCalls().map(describeCall);
export const isBookmark = (c: RecordedCall) =>
  c.stages[0]!.argv.includes('bookmark') || c.stages[0]!.argv.includes('program');
export const dstSnaps = (fake: FakeZfs, ds = DST) => fake.snapshotNames(LOCAL, ds);
