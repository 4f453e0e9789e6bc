import { describe, expect, it } from '@jest/globals';
import type { SnapshotRef } from '../model/snapshot.js';
import { filterGroups, parseTimesAndRanks, type FilterStep } from './filter-groups.js';
import { compileNameMatcher } from './name-matcher.js';
import { selectSnapshots } from './select-snapshots.js';

/** `@name` is a snapshot, `#name` a bookmark; createtxg and creation are the position in the list. */
const list = (...specs: string[]): SnapshotRef[] =>
  specs.map((spec, i) => ({
    kind: spec.startsWith('#') ? 'bookmark' : 'snapshot',
    dataset: 'tank/d',
    name: spec.slice(1),
    guid: String(1000 + i),
    createtxg: BigInt(i),
    creation: i,
  }));
const show = (s: SnapshotRef) => `${s.kind === 'snapshot' ? '@' : '#'}${s.name}`;
const times = (...values: string[]): FilterStep => ({
  kind: 'times-and-ranks',
  filter: parseTimesAndRanks(values),
});
const inc = (...r: string[]): FilterStep => ({
  kind: 'include-regex',
  regexes: r.map((x) => compileNameMatcher(x)),
});
const NOW_MS = 1728086400_000;
const pick = (snaps: SnapshotRef[], steps: FilterStep[], filterBookmarks = false) =>
  selectSnapshots(snaps, filterGroups(steps), NOW_MS, { filterBookmarks }).map(show);

describe('with filterBookmarks (--compare-snapshot-lists): bookmarks face the filters, but are never ranked', () => {
  const SBSB = list('@a0', '#a1', '@b2', '#b3');
  const f = (steps: FilterStep[]) => pick(SBSB, steps, true);

  it('by name', () => expect(f([inc('a.*')])).toEqual(['@a0', '#a1']));
  it('by creation time', () => expect(f([times('2..4')])).toEqual(['@b2', '#b3']));
  it('not by rank: a bookmark passes a rank filter by its time only', () => {
    expect(f([times('notime', 'latest 1')])).toEqual(['@b2']);
    expect(f([times('3..4', 'oldest 1')])).toEqual(['@a0', '#b3']);
  });
  it('without it, the same filters pass every bookmark', () =>
    expect(pick(SBSB, [times('notime', 'latest 1')])).toEqual(['#a1', '@b2', '#b3']));
});
