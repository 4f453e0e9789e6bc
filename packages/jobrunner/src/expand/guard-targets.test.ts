import { describe, expect, it } from '@jest/globals';
import type { JobSpec } from '../spec/types.js';
import { expand } from './expand.js';
import type { LocalHost } from './locate.js';

const REMOTE_ONLY: LocalHost = { names: new Set(), user: 'me', loopbackAddress: '127.0.0.1' };
const spec: JobSpec = {
  jobId: 'j',
  rootDatasetPairs: [{ src: 'tank/vms', dst: 'vms' }],
  recursive: true,
  srcHosts: ['s1', 's2'],
  dstHosts: {
    nas1: { root: 'bak/^SRC_HOST', targets: ['onsite'] },
    nas2: { root: 'b2/^SRC_HOST', targets: ['offsite'] },
    // No plan period travels to `cold`: it never receives, so it holds nothing back.
    cold: { root: 'c', targets: ['cold'] },
  },
  srcSnapshotPlan: { prod: { onsite: { hourly: 2 }, offsite: { hourly: 2 } } },
  dstSnapshotPlan: { prod: { onsite: { hourly: 4 }, offsite: { hourly: 4 }, cold: { hourly: 0 } } },
  ssh: { dst: { user: 'bk', port: 2222 } },
};

describe('expand: the prune guard of prune-src runs', () => {
  const inv = expand({
    spec,
    actions: ['replicate', 'prune-src-snapshots', 'prune-src-bookmarks'],
    filters: { srcHosts: ['s1'], dstHosts: ['nas1'] },
    local: REMOTE_ONLY,
  }).invocations;

  it('lists every receiving destination host, whatever --dst-host selects, with its mapped dataset and ssh', () => {
    const prune = inv.find((i) => i.id === 's1/prune-src-snapshots');
    expect(prune?.guard).toEqual({
      kind: 'snapshot',
      recursive: true,
      trees: [
        {
          src: { locator: 's1:tank/vms', isLocal: false },
          dsts: [
            {
              dstHost: 'nas1',
              side: { locator: 'nas1:bak/s1/vms', ssh: { user: 'bk', port: 2222 }, isLocal: false },
            },
            {
              dstHost: 'nas2',
              side: { locator: 'nas2:b2/s1/vms', ssh: { user: 'bk', port: 2222 }, isLocal: false },
            },
          ],
        },
      ],
    });
  });

  it('marks the bookmark prune for bookmarks, and no other run', () => {
    expect(inv.find((i) => i.id === 's1/prune-src-bookmarks')?.guard?.kind).toBe('bookmark');
    expect(inv.filter((i) => i.guard !== undefined).map((i) => i.id)).toEqual([
      's1/prune-src-snapshots',
      's1/prune-src-bookmarks',
    ]);
  });
});
