import { describe, it, expect } from '@jest/globals';
import type { Invocation } from '../expand/types.js';
import { runLogPath, sanitize } from './log-file.js';

const inv = (over: Partial<Invocation> = {}): Invocation => ({
  seq: 7,
  id: 'prod001/replicate/nas',
  action: 'replicate',
  srcHost: 'prod001',
  dstHost: 'nas',
  after: [],
  options: { datasetPairs: [] },
  ...over,
});

describe('run log files', () => {
  const ctx = { logDir: '/var/log/bzfs-logs', jobId: 'prod-backup', jobRun: 'r1', localhost: 'nas' };
  const at = new Date(2024, 8, 3, 12, 26, 5);

  it('are named after action, time, job, run, number, local host, source and destination', () => {
    expect(runLogPath(ctx, inv(), at)).toBe(
      '/var/log/bzfs-logs/2024-09-03/bzfs-jobrunner,replicate,2024-09-03_12:26:05,prod-backup,r1,000007,nas,prod001,nas.log',
    );
  });

  it('leave the destination empty for source-only actions', () => {
    const path = runLogPath(ctx, inv({ action: 'create-src-snapshots', dstHost: undefined }), at);
    expect(path.endsWith(',000007,nas,prod001,.log')).toBe(true);
  });

  it('cannot be steered out of the log directory by ids or host names', () => {
    const path = runLogPath({ ...ctx, jobId: '../../etc', jobRun: 'a,b c' }, inv({ srcHost: 'x/y' }), at);
    expect(path).toBe(
      '/var/log/bzfs-logs/2024-09-03/bzfs-jobrunner,replicate,2024-09-03_12:26:05,!!!!etc,a!b!c,000007,nas,x!y,nas.log',
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a b', 'a!b'],
    ['a..b', 'a!b'],
    ['a\\b/c,d', 'a!b!c!d'],
  ])('sanitize(%p) = %p', (input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });
});
