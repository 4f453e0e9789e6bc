import { describe, expect, it } from '@jest/globals';
import { planDataset } from './replication-plan.js';
import { guidOf } from '../../test/support/test-dsl.js';
import { type SnapshotRef } from '../model/snapshot.js';
import type { PlanInput } from './types.js';
import { inputOf, render, plan, table, type Scenario } from '../../test/support/plan-scenarios.js';

describe('planDataset: empty sides and full sends', () => {
  table([
    ['no source entries, no dst', { src: [] }, ['no-source-snapshots']],
    ['no source entries, dst has snapshots', { src: [], dst: ['s1'] }, ['no-source-snapshots']],
    ['every source snapshot excluded', { src: ['h1', 'h2'] }, ['no-source-snapshots']],
    // Bookmarks pass every filter, as in the original: nothing is left to send, it is not "missing".
    ['source holds bookmarks only: up to date', { src: ['#s1', '#s2'], dst: ['s1'] }, ['up-to-date #s1']],
    [
      'bookmarks only, none on the dst: up to date all the same (the original)',
      { src: ['#s2'], dst: ['s1'] },
      ['up-to-date (no common snapshot)'],
    ],
    ['bookmarks only, dst without snapshots', { src: ['#s1'], dst: [] }, ['no-source-snapshots']],
    ['bookmarks only, dst missing', { src: ['#s1'] }, ['no-source-snapshots']],
    [
      'bookmarks only, useBookmarks=false',
      { src: ['#s1'], dst: ['s1'], useBookmarks: false },
      ['no-source-snapshots'],
    ],
    ['dst missing: full send of the only snapshot', { src: ['s1'] }, ['send full', 'full s1']],
    [
      'dst missing: full of the oldest, then -I',
      { src: ['s1', 's2', 's3'] },
      ['send full', 'full s1', '-I s1 s3'],
    ],
    [
      'dst without snapshots: same as missing',
      { src: ['s1', 's2', 's3'], dst: [] },
      ['send full', 'full s1', '-I s1 s3'],
    ],
    ['dst missing, two snapshots', { src: ['s1', 's2'] }, ['send full', 'full s1', '-i s1 s2']],
    [
      'dst missing: full of the oldest SELECTED, excluded ones skipped',
      { src: ['h0', 's1', 'h1', 's2', 's3', 'h4'] },
      ['send full', 'full s1', '-i s1 s2', '-i s2 s3'],
    ],
    [
      'noStream full: newest selected only',
      { src: ['s1', 's2', 's3'], noStream: true },
      ['send full', 'full s3'],
    ],
    ['noStream full: excluded newest', { src: ['s1', 's2', 'h3'], noStream: true }, ['send full', 'full s2']],
    [
      'source bookmarks are ignored when the dst has no snapshots',
      { src: ['#s0', 's1', '#s1', 's2'], dst: [] },
      ['send full', 'full s1', '-i s1 s2'],
    ],
    [
      'force options change nothing for an empty dst',
      {
        src: ['s1', 's2'],
        dst: [],
        force: { rollbackToLatestSnapshot: true, rollbackToLatestCommon: true, destroyAllIfNoCommon: true },
      },
      ['send full', 'full s1', '-i s1 s2'],
    ],
  ]);
});

describe('planDataset: incremental sends and up-to-date', () => {
  table([
    ['one new snapshot', { src: ['s1', 's2'], dst: ['s1'] }, ['send from s1', '-i s1 s2']],
    ['a run of new snapshots', { src: ['s1', 's2', 's3'], dst: ['s1'] }, ['send from s1', '-I s1 s3']],
    [
      'from the NEWEST common',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1', 's2'] },
      ['send from s2', '-I s2 s4'],
    ],
    ['excluded intermediate', { src: ['s1', 'h2', 's3'], dst: ['s1'] }, ['send from s1', '-i s1 s3']],
    [
      'excluded intermediates and newest',
      { src: ['s1', 'h1', 's2', 's3', 'h2', 's4', 'h3'], dst: ['s1'] },
      ['send from s1', '-i s1 s2', '-i s2 s3', '-i s3 s4'],
    ],
    ['up to date', { src: ['s1', 's2'], dst: ['s1', 's2'] }, ['up-to-date s2']],
    [
      'up to date: only excluded snapshots are newer',
      { src: ['s1', 's2', 'h3'], dst: ['s1', 's2'] },
      ['up-to-date s2'],
    ],
    [
      'dst missing an intermediate is not a conflict',
      { src: ['s1', 's2', 's3'], dst: ['s1', 's3'] },
      ['up-to-date s3'],
    ],
    [
      'latest common need not be selected',
      { src: ['h1', 's2', 's3'], dst: ['h1'] },
      ['send from h1', '-I h1 s3'],
    ],
    [
      'latest common is searched among ALL source snapshots',
      { src: ['s1', 'h2', 's3'], dst: ['s1', 'h2'] },
      ['send from h2', '-i h2 s3'],
    ],
    [
      'excluded common newer than every selected snapshot: up to date',
      { src: ['s1', 'h2'], dst: ['s1', 'h2'] },
      ['up-to-date h2'],
    ],
    [
      'noStream incremental',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1'], noStream: true },
      ['send from s1', '-i s1 s4'],
    ],
    [
      'noStream skips excluded newest',
      { src: ['s1', 's2', 's3', 'h4'], dst: ['s1'], noStream: true },
      ['send from s1', '-i s1 s3'],
    ],
    ['noStream up to date', { src: ['s1', 's2'], dst: ['s2'], noStream: true }, ['up-to-date s2']],
  ]);
});

describe('planDataset: bookmarks', () => {
  table([
    [
      'bookmark as base: first step -i',
      { src: ['#s1', 's2', 's3'], dst: ['s1'] },
      ['send from #s1', '-i #s1 s2', '-i s2 s3'],
    ],
    [
      'bookmark base then -I',
      { src: ['#s1', 's2', 's3', 's4'], dst: ['s1'] },
      ['send from #s1', '-i #s1 s2', '-I s2 s4'],
    ],
    [
      'bookmark base, excluded intermediate',
      { src: ['#s1', 'h1', 's2'], dst: ['s1'] },
      ['send from #s1', '-i #s1 s2'],
    ],
    [
      'bookmark base, noStream',
      { src: ['#s1', 's2', 's3'], dst: ['s1'], noStream: true },
      ['send from #s1', '-i #s1 s3'],
    ],
    [
      'snapshot preferred over its bookmark',
      { src: ['s1', '#s1', 's2', 's3'], dst: ['s1'] },
      ['send from s1', '-I s1 s3'],
    ],
    [
      'newer bookmark beats older common snapshot',
      { src: ['s1', '#s2', 's3'], dst: ['s1', 's2'] },
      ['send from #s2', '-i #s2 s3'],
    ],
    ['bookmark base, up to date', { src: ['s1', '#s2'], dst: ['s1', 's2'] }, ['up-to-date #s2']],
    [
      'useBookmarks=false ignores bookmarks',
      { src: ['#s1', 's2'], dst: ['s1'], useBookmarks: false },
      ['conflict no-common: s1'],
    ],
    [
      'useBookmarks=false falls back to an older common snapshot',
      { src: ['s1', '#s2', 's3'], dst: ['s1', 's2'], useBookmarks: false },
      ['conflict dst-has-newer s1: s2'],
    ],
    [
      'bookmark with same name, other guid is not common',
      { src: ['#s1:7', 's2'], dst: ['s1'] },
      ['conflict no-common: s1'],
    ],
  ]);
});

describe('planDataset: bookmark and snapshot sharing a guid, any input order', () => {
  it('prefers the snapshot', () => {
    const input = inputOf({ src: ['s1', '#s1', 's2', 's3'], dst: ['s1'] });
    for (const src of [
      input.src,
      [...input.src].reverse(),
      [input.src[2], input.src[1], input.src[3], input.src[0]],
    ]) {
      expect(render(planDataset({ ...input, src: src as SnapshotRef[] }))).toEqual([
        'send from s1',
        '-I s1 s3',
      ]);
    }
  });
});

describe('planDataset: common is decided by GUID only', () => {
  table([
    [
      'same names, different guids: nothing in common',
      { src: ['s1', 's2'], dst: ['s1:111', 's2:222'] },
      ['conflict no-common: s1 s2'],
    ],
    [
      'same names, different guids, --force: destroy and full send',
      { src: ['s1', 's2'], dst: ['s1:111', 's2:222'], force: { destroyAllIfNoCommon: true } },
      ['send full', 'pre: destroy s1 s2', 'full s1', '-i s1 s2'],
    ],
    [
      'same name newer on dst with another guid is a newer dst snapshot',
      { src: ['a', 'b', 'c'], dst: ['a', 'b:999'] },
      ['conflict dst-has-newer a: b'],
    ],
    [
      'different names, same guid: common',
      { src: ['s1', 'renamed:' + guidOf('x'), 's3'], dst: ['x'] },
      ['send from renamed', '-i renamed s3'],
    ],
    [
      'guids beyond 2^53 that differ only in the last digits are not equal',
      { src: ['s1:18446744073709551615', 's2'], dst: ['s1:18446744073709551614'] },
      ['conflict no-common: s1'],
    ],
    [
      'guids beyond 2^53 that are equal are common',
      { src: ['s1:18446744073709551615', 's2'], dst: ['s1:18446744073709551615'] },
      ['send from s1', '-i s1 s2'],
    ],
  ]);
});

describe('planDataset: input order does not matter', () => {
  it('gives the same plan for shuffled listings', () => {
    const sc: Scenario = { src: ['s1', '#s1', 's2', 'h1', '#b3', 's3', 's4'], dst: ['s1', 's2'] };
    const base = plan(sc);
    const input = inputOf(sc);
    const shuffled: PlanInput = {
      ...input,
      src: [...input.src].reverse(),
      dst: [...(input.dst ?? [])].reverse(),
    };
    expect(planDataset(shuffled)).toEqual(base);
    expect(render(base)).toEqual(['send from s2', '-i s2 s3', '-i s3 s4']);
  });
});
