import { describe, expect, it } from '@jest/globals';
import type { SnapshotRef } from '@bzfs-ts/bzfs';
import fc from 'fast-check';
import { planGuard, type GuardTree } from './plan.js';

const e = (
  kind: SnapshotRef['kind'],
  dataset: string,
  name: string,
  guid: number,
  txg: number,
): SnapshotRef => ({
  kind,
  dataset,
  name,
  guid: String(guid),
  createtxg: BigInt(txg),
  creation: 1_700_000_000 + txg,
});
const h = (i: number): string => `prod_onsite_2024-01-01_0${i}:00:00_hourly`;
/** Source snapshot i of `ds`: GUID 100+i, txg 10+i. */
const srcSnap = (ds: string, i: number): SnapshotRef => e('snapshot', ds, h(i), 100 + i, 10 + i);
/** The destination's copy of source snapshot i: same GUID, its own txg. */
const dstSnap = (ds: string, i: number): SnapshotRef => e('snapshot', ds, h(i), 100 + i, 500 + i);

const held = (plan: ReturnType<typeof planGuard>): [string, string[]][] =>
  plan.keep.map((k) => [
    `${k.entry.dataset}${k.entry.kind === 'snapshot' ? '@' : '#'}${k.entry.name}`,
    k.heldBy.map((x) => `${x.dstHost}:${x.dstDataset}`),
  ]);

describe('planGuard', () => {
  it('1 source × 3 destinations, one lagging: its older common snapshot is kept, and says who holds it', () => {
    const tree: GuardTree = {
      srcRoot: 'tank/vms/a',
      src: [1, 2, 3, 4, 5].map((i) => srcSnap('tank/vms/a', i)),
      dsts: [
        { dstHost: 'nas1', dstRoot: 'bak/vms/a', entries: [3, 4, 5].map((i) => dstSnap('bak/vms/a', i)) },
        { dstHost: 'nas2', dstRoot: 'bak/vms/a', entries: [4, 5].map((i) => dstSnap('bak/vms/a', i)) },
        // nas3 was down for a while: its newest snapshot is h2.
        { dstHost: 'nas3', dstRoot: 'b3/vms/a', entries: [1, 2].map((i) => dstSnap('b3/vms/a', i)) },
      ],
    };
    const plan = planGuard({ kind: 'snapshot', trees: [tree] });
    expect(held(plan)).toEqual([
      [`tank/vms/a@${h(2)}`, ['nas3:b3/vms/a']],
      [`tank/vms/a@${h(5)}`, ['nas1:bak/vms/a', 'nas2:bak/vms/a']],
    ]);
    expect(plan.names).toEqual([h(2), h(5)]);
    expect(plan.notes).toEqual([]);
  });

  it('decides by GUID, not by name: a same-named snapshot with another GUID is no common base', () => {
    const tree: GuardTree = {
      srcRoot: 'tank/a',
      src: [srcSnap('tank/a', 1), srcSnap('tank/a', 2)],
      dsts: [
        {
          dstHost: 'x',
          dstRoot: 'bak/a',
          entries: [e('snapshot', 'bak/a', h(2), 999, 7), dstSnap('bak/a', 1)],
        },
      ],
    };
    expect(planGuard({ kind: 'snapshot', trees: [tree] }).names).toEqual([h(1)]);
  });

  it('bookmarks: a base left only as a bookmark keeps no snapshot, and is what a bookmark prune keeps', () => {
    const tree: GuardTree = {
      srcRoot: 'tank/a',
      // h1's snapshot was pruned; its bookmark is left. h3 has both.
      src: [
        e('bookmark', 'tank/a', h(1), 101, 11),
        srcSnap('tank/a', 3),
        e('bookmark', 'tank/a', h(3), 103, 13),
      ],
      dsts: [
        { dstHost: 'lag', dstRoot: 'bak/a', entries: [dstSnap('bak/a', 1)] },
        { dstHost: 'cur', dstRoot: 'bak/a', entries: [dstSnap('bak/a', 1), dstSnap('bak/a', 3)] },
      ],
    };
    const snaps = planGuard({ kind: 'snapshot', trees: [tree] });
    expect(held(snaps)).toEqual([[`tank/a@${h(3)}`, ['cur:bak/a']]]);
    expect(snaps.notes).toMatchObject([{ dstHost: 'lag', reason: 'base-is-bookmark', base: { name: h(1) } }]);
    const marks = planGuard({ kind: 'bookmark', trees: [tree] });
    expect(held(marks)).toEqual([
      [`tank/a#${h(1)}`, ['lag:bak/a']],
      [`tank/a#${h(3)}`, ['cur:bak/a']],
    ]);
    expect(marks.notes).toEqual([]);
  });

  it('a bookmark prune whose base has no bookmark keeps nothing and notes it', () => {
    const tree: GuardTree = {
      srcRoot: 'tank/a',
      src: [srcSnap('tank/a', 1)],
      dsts: [{ dstHost: 'x', dstRoot: 'bak/a', entries: [dstSnap('bak/a', 1)] }],
    };
    const plan = planGuard({ kind: 'bookmark', trees: [tree] });
    expect(plan.keep).toEqual([]);
    expect(plan.notes).toMatchObject([{ reason: 'base-has-no-bookmark' }]);
  });

  it('recursive: each child is matched with the child at the same relative path; a new child holds nothing', () => {
    const tree: GuardTree = {
      srcRoot: 'tank/vms',
      src: [
        srcSnap('tank/vms', 1),
        srcSnap('tank/vms/a', 1),
        srcSnap('tank/vms/a', 2),
        srcSnap('tank/vms/new', 2),
      ],
      dsts: [
        {
          dstHost: 'nas',
          dstRoot: 'bak/prod1/vms',
          // bak/prod1/vmsx is a sibling, not the root: its snapshots must not count for tank/vms.
          entries: [dstSnap('bak/prod1/vms', 1), dstSnap('bak/prod1/vms/a', 1), dstSnap('bak/prod1/vmsx', 2)],
        },
      ],
    };
    const plan = planGuard({ kind: 'snapshot', trees: [tree] });
    expect(held(plan)).toEqual([
      [`tank/vms@${h(1)}`, ['nas:bak/prod1/vms']],
      [`tank/vms/a@${h(1)}`, ['nas:bak/prod1/vms/a']],
    ]);
    expect(plan.notes).toEqual([
      {
        dstHost: 'nas',
        dstDataset: 'bak/prod1/vms/new',
        srcDataset: 'tank/vms/new',
        reason: 'nothing-in-common',
      },
    ]);
  });

  it('a destination that does not exist yet holds nothing back', () => {
    const tree: GuardTree = {
      srcRoot: 'tank/a',
      src: [srcSnap('tank/a', 1)],
      dsts: [{ dstHost: 'x', dstRoot: 'bak/a', entries: [] }],
    };
    const plan = planGuard({ kind: 'snapshot', trees: [tree] });
    expect(plan.keep).toEqual([]);
    expect(plan.notes).toMatchObject([{ dstHost: 'x', reason: 'nothing-in-common' }]);
  });

  it('property: keeps exactly each destination’s latest common entry of the pruned kind', () => {
    const arb = fc.record({
      src: fc.array(fc.record({ snap: fc.boolean(), mark: fc.boolean() }), { minLength: 1, maxLength: 8 }),
      dsts: fc.array(fc.array(fc.boolean(), { maxLength: 8 }), { maxLength: 3 }),
      kind: fc.constantFrom('snapshot' as const, 'bookmark' as const),
    });
    fc.assert(
      fc.property(arb, ({ src, dsts, kind }) => {
        const entries = src.flatMap((s, i) => [
          ...(s.snap ? [srcSnap('t/a', i)] : []),
          ...(s.mark ? [e('bookmark', 't/a', h(i), 100 + i, 10 + i)] : []),
        ]);
        const tree: GuardTree = {
          srcRoot: 't/a',
          src: entries,
          dsts: dsts.map((has, d) => ({
            dstHost: `d${d}`,
            dstRoot: 'b/a',
            entries: has.flatMap((x, i) => (x ? [dstSnap('b/a', i)] : [])),
          })),
        };
        const plan = planGuard({ kind, trees: [tree] });
        const expected = new Set<string>();
        dsts.forEach((has, d) => {
          const common = entries.filter((x) => has[Number(x.guid) - 100] === true);
          const top = common.reduce<SnapshotRef | undefined>(
            (b, x) => (b === undefined || x.createtxg > b.createtxg ? x : b),
            undefined,
          );
          const base = entries.find((x) => x.guid === top?.guid && x.kind === kind);
          if (base !== undefined) expected.add(`${base.name}|d${d}`);
        });
        const got = new Set(plan.keep.flatMap((k) => k.heldBy.map((x) => `${k.entry.name}|${x.dstHost}`)));
        expect(got).toEqual(expected);
        expect(plan.keep.every((k) => k.entry.kind === kind)).toBe(true);
        expect(plan.names).toEqual([...new Set(plan.keep.map((k) => k.entry.name))].sort());
      }),
      { numRuns: 200 },
    );
  });
});
