import { describe, expect, it } from '@jest/globals';
import { planNoSourceSnapshots } from './no-source-snapshots.js';
import { dstSnaps } from '../../test/support/test-dsl.js';

describe('planNoSourceSnapshots (--skip-missing-snapshots)', () => {
  const two = dstSnaps('a', 'b');

  it('fail and dataset do not look at the destination', () => {
    for (const dst of [undefined, [], two]) {
      expect(planNoSourceSnapshots('fail', dst, true)).toEqual({ kind: 'fail' });
      expect(planNoSourceSnapshots('dataset', dst, true)).toEqual({ kind: 'skip' });
    }
  });

  it('continue: a missing destination is created only if a descendant needs it, an empty one left as is', () => {
    expect(planNoSourceSnapshots('continue', undefined, false)).toEqual({
      kind: 'continue',
      destroy: [],
      createdIfNeeded: true,
    });
    expect(planNoSourceSnapshots('continue', [], false)).toEqual({
      kind: 'continue',
      destroy: [],
      createdIfNeeded: false,
    });
  });

  it('continue: destination snapshots are a conflict without --force, destroyed with it', () => {
    expect(planNoSourceSnapshots('continue', two, false)).toEqual({ kind: 'conflict', dstSnapshots: two });
    expect(planNoSourceSnapshots('continue', two, true)).toEqual({
      kind: 'continue',
      destroy: two,
      createdIfNeeded: false,
    });
  });
});
