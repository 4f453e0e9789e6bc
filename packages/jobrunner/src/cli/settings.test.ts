import { describe, it, expect } from '@jest/globals';
import type { JobSpec } from '../spec/types.js';
import type { CliArgs } from './args.js';
import { resolveSettings } from './settings.js';

const args = (over: Partial<CliArgs> = {}): CliArgs => ({
  spec: 's.yaml',
  actions: ['replicate'],
  srcHosts: [],
  dstHosts: [],
  dryrun: false,
  json: false,
  logLevel: 'INFO',
  passthrough: [],
  ...over,
});
const spec = (over: Partial<JobSpec> = {}): JobSpec => ({
  jobId: 'j',
  rootDatasetPairs: [{ src: 'a', dst: 'b' }],
  srcHosts: ['s'],
  dstHosts: { d: { root: '', targets: [] } },
  ...over,
});
const env = { cpus: 8, home: '/home/op' };

describe('resolveSettings', () => {
  it('uses the defaults when neither spec nor command line says anything', () => {
    expect(resolveSettings(args(), spec(), env)).toEqual({
      workers: 8,
      jitter: false,
      workPeriodMs: 0,
      logDir: '/home/op/bzfs-logs',
    });
  });

  it('takes the spec, and the command line over the spec', () => {
    const s = spec({
      workers: '50%',
      jitter: true,
      workPeriodSeconds: 60,
      workerTimeoutSeconds: 10,
      logDir: '~/logs',
    });
    expect(resolveSettings(args(), s, env)).toEqual({
      workers: 4,
      jitter: true,
      workPeriodMs: 60_000,
      timeoutMs: 10_000,
      logDir: '/home/op/logs',
      bzfsLogDir: '/home/op/logs',
    });
    const a = args({
      workers: '2',
      jitter: false,
      workPeriodSeconds: 1,
      workerTimeoutSeconds: 2,
      logDir: '/var/log/x',
    });
    expect(resolveSettings(a, s, env)).toEqual({
      workers: 2,
      jitter: false,
      workPeriodMs: 1000,
      timeoutMs: 2000,
      logDir: '/var/log/x',
      bzfsLogDir: '/var/log/x',
    });
  });
});
