import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bookmarksToCreate } from './bookmarks.js';
import type { SendStep } from './types.js';
import { snaps } from '../../test/support/test-dsl.js';

const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name);

describe('bookmarksToCreate', () => {
  const src = snaps('s1', 's2', 's3');
  const s1 = src[0]!;
  const s3 = src[2]!;
  const firstRun: SendStep[] = [
    { kind: 'full', to: s1 },
    { kind: 'incremental', flag: '-I', from: s1, to: s3 },
  ];

  it('all: every snapshot the steps carry, in order', () => {
    expect(names(bookmarksToCreate(firstRun, src, 'all'))).toEqual(['s1', 's2', 's3']);
  });

  it('none: nothing', () => {
    expect(bookmarksToCreate(firstRun, src, 'none')).toEqual([]);
  });

  it('hourly: hourly-or-longer snapshots, plus the first and the last sent', () => {
    const l = snaps('d1_daily', 'm0_minutely', 'm1_minutely', 'h1_hourly', 'm2_minutely');
    const [d1, , , h1, m2] = l;
    const steps: SendStep[] = [
      { kind: 'incremental', flag: '-I', from: d1!, to: h1! },
      { kind: 'incremental', flag: '-i', from: h1!, to: m2! },
    ];
    // m1_minutely is carried by the -I step but is neither first, last nor hourly.
    expect(names(bookmarksToCreate(steps, l, 'hourly'))).toEqual(['m0_minutely', 'h1_hourly', 'm2_minutely']);
    expect(names(bookmarksToCreate(steps, l, 'minutely'))).toEqual([
      'm0_minutely',
      'm1_minutely',
      'h1_hourly',
      'm2_minutely',
    ]);
    // A name without a period suffix ranks below every mode but `all`.
    expect(names(bookmarksToCreate(steps, l, 'secondly'))).toHaveLength(4);
  });

  it('an existing bookmark of the same snapshot (name and GUID) is not planned again', () => {
    const withBm = snaps('s1', 's2', '#s2', 's3');
    expect(
      names(bookmarksToCreate([{ kind: 'incremental', flag: '-I', from: s1, to: s3 }], withBm, 'all')),
    ).toEqual(['s3']);
    // Same name, other GUID: a bookmark of a different snapshot, so this one is still wanted.
    const other = snaps('s1', 's2', '#s2:999', 's3');
    expect(
      names(bookmarksToCreate([{ kind: 'incremental', flag: '-i', from: s1, to: other[1]! }], other, 'all')),
    ).toEqual(['s2']);
  });

  it('property: the first and the last sent snapshot always get one (unless none or already there)', () => {
    const modes = ['all', 'hourly', 'minutely', 'secondly'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.constantFrom(...modes), (n, mode) => {
        const l = snaps(...Array.from({ length: n }, (_, i) => `x${i}`));
        const steps: SendStep[] = [
          { kind: 'full', to: l[0]! },
          { kind: 'incremental', flag: '-I', from: l[0]!, to: l[n - 1]! },
        ];
        const got = names(bookmarksToCreate(steps, l, mode));
        expect(got[0]).toBe('x0');
        expect(got[got.length - 1]).toBe(`x${n - 1}`);
        expect(got.length).toBe(mode === 'all' ? n : 2);
      }),
    );
  });
});
