import { describe, it, expect } from '@jest/globals';
import { shellJoin, toArgv, UsageError, type BzfsOptions } from '@bzfs-ts/bzfs';
import type { Expansion, Invocation } from '../expand/types.js';
import { planText } from './plan-output.js';

// The dry-run plan quotes with bzfs's shellJoin (the jobrunner has no quoting of its own); bzfs's
// exec/quote.test.ts covers the quoting rule itself, so these only check that the plan uses it.
const header = { jobId: 'j', jobRun: 'r', localhost: 'nas', totalSrcHosts: 1, totalDstHosts: 1 };
const inv = (options: BzfsOptions): Invocation => ({
  seq: 1,
  id: 'prod001/replicate/nas',
  action: 'replicate',
  srcHost: 'prod001',
  dstHost: 'nas',
  after: [],
  options,
});
const plan = (options: BzfsOptions): Expansion => ({
  srcHosts: ['prod001'],
  dstHosts: ['nas'],
  invocations: [inv(options)],
  skipped: [],
});

describe('planText', () => {
  it("prints each run's command line quoted by bzfs's shellJoin", () => {
    const options: BzfsOptions = {
      datasetPairs: [{ src: "prod001:tank/it's data", dst: 'nas:bak/x y' }],
      extraArgs: ['--exclude-snapshot-regex', '.*_(hourly|daily)$', ''],
    };
    const text = planText(header, plan(options));
    expect(text).toContain(`       ${shellJoin(['bzfs', ...toArgv(options)])}\n`);
    expect(text).toContain(`'prod001:tank/it'"'"'s data' 'nas:bak/x y'`);
    expect(text).toContain(`'.*_(hourly|daily)$' ''`);
  });

  it('refuses an argument with a NUL byte, as bzfs does, rather than print a line that cannot be run', () => {
    const options: BzfsOptions = { datasetPairs: [{ src: 'tank/a', dst: 'bak/a' }], extraArgs: ['a\0b'] };
    expect(() => planText(header, plan(options))).toThrow(UsageError);
  });

  it('notes that a prune-src run is guarded at run time and which destinations it consults', () => {
    const options: BzfsOptions = {
      datasetPairs: [{ src: 'dummy', dst: '-:tank/a' }],
      deleteDstSnapshots: true,
    };
    const side = { locator: 'nas:bak/a', isLocal: false };
    const guarded: Invocation = {
      ...inv(options),
      guard: {
        kind: 'snapshot',
        recursive: false,
        trees: [
          {
            src: side,
            dsts: [
              { dstHost: 'nas', side },
              { dstHost: 'usb', side },
            ],
          },
        ],
      },
    };
    const text = planText(header, { ...plan(options), invocations: [guarded] });
    expect(text).toContain(
      '       (prune guard, applied at run time: also keeps the latest common snapshot of each of destinations nas, usb)\n',
    );
    expect(planText(header, plan(options))).not.toContain('prune guard');
  });
});
