import { describe, it, expect } from '@jest/globals';
import { expandMonitorPlan, planTargets, restrictPlan } from './plans.js';

const plan = {
  prod: { onsite: { hourly: 36, daily: 0 }, 'us-west': { daily: 31 } },
  test: { onsite: { '10minutely': 6 } },
  empty: { offsite: { daily: 0 } },
};

describe('restrictPlan', () => {
  it('keeps the targets asked for, dropping zero counts for replication', () => {
    expect(restrictPlan(plan, ['onsite'], { dropZeroCounts: true })).toEqual({
      prod: { onsite: { hourly: 36 } },
      test: { onsite: { '10minutely': 6 } },
    });
  });

  it('keeps zero counts for pruning (they mean "keep none")', () => {
    expect(restrictPlan(plan, ['onsite', 'offsite'], { dropZeroCounts: false })).toEqual({
      prod: { onsite: { hourly: 36, daily: 0 } },
      test: { onsite: { '10minutely': 6 } },
      empty: { offsite: { daily: 0 } },
    });
  });

  it('returns an empty plan when no target matches', () => {
    expect(restrictPlan(plan, ['mars'], { dropZeroCounts: false })).toEqual({});
  });

  it('does not share objects with the spec', () => {
    const out = restrictPlan(plan, ['us-west'], { dropZeroCounts: false });
    expect(out['prod']?.['us-west']).not.toBe(plan.prod['us-west']);
  });
});

describe('planTargets', () => {
  it('lists each target once', () => {
    expect(planTargets(plan)).toEqual(['onsite', 'us-west', 'offsite']);
  });
});

describe('expandMonitorPlan', () => {
  const monitor = {
    prod: {
      onsite: {
        hourly: { warning: '30 minutes', critical: '300 minutes' },
        daily: { critical: '8 hours', srcSnapshotCycles: 40, dstSnapshotCycles: 80, oldestSkipHolds: true },
      },
      'us-west': { weekly: { warning: '2 days' } },
    },
  };

  it('adds an oldest check whose cycles come from the snapshot plan, or an override', () => {
    expect(expandMonitorPlan(monitor, plan, 'src')).toEqual({
      prod: {
        onsite: {
          hourly: {
            latest: { warning: '30 minutes', critical: '300 minutes' },
            oldest: { warning: '30 minutes', critical: '300 minutes', cycles: 36 },
          },
          daily: {
            latest: { critical: '8 hours' },
            oldest: { critical: '8 hours', cycles: 40, oldestSkipHolds: true },
          },
        },
        'us-west': { weekly: { latest: { warning: '2 days' }, oldest: { warning: '2 days', cycles: 1 } } },
      },
    });
  });

  it('uses the destination override and restricts to the given targets', () => {
    expect(
      expandMonitorPlan(monitor, plan, 'dst', ['onsite'])['prod']?.['onsite']?.['daily']?.oldest?.cycles,
    ).toBe(80);
    expect(Object.keys(expandMonitorPlan(monitor, plan, 'dst', ['onsite'])['prod'] ?? {})).toEqual([
      'onsite',
    ]);
    expect(expandMonitorPlan(monitor, plan, 'dst', [])).toEqual({});
  });
});
