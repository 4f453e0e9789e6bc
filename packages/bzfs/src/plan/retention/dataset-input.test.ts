import { describe, expect, it } from '@jest/globals';
import { compileNameMatcher } from '../../filters/name-matcher.js';
import { parseTimesAndRanks } from '../../filters/filter-groups.js';
import { dstSnaps, snaps } from '../../../test/support/test-dsl.js';
import { retentionInput } from './dataset-input.js';
import { planRetention } from './retention-plan.js';
import type { PruneCandidate } from './types.js';

const SETTINGS = {
  kind: 'snapshot',
  except: true,
  crosscheck: true,
  forceDeleteLatestCommonSnapshot: false,
} as const;
const candidates = (...specs: string[]): PruneCandidate[] =>
  dstSnaps(...specs).map((s) => ({ ...s, userrefs: 0 }));
// An empty time range (`0..0`): only the rank selects.
const latest = (n: string) => parseTimesAndRanks(['0..0', `latest ${n}`]);
const regex = (spec: string) => ({
  kind: 'regex' as const,
  include: [compileNameMatcher(spec)],
  exclude: [],
});

describe('retentionInput', () => {
  it('bookmarks being pruned are ranked as snapshots: `latest 2` keeps the two newest bookmarks', () => {
    const dst = candidates('s1', '#s1', 's2', '#s2', 's3', '#s3', 's4', '#s4');
    const input = retentionInput({
      settings: { ...SETTINGS, kind: 'bookmark' },
      dst,
      src: 'dummy',
      groups: [[latest('2')]],
      nowMs: 0,
      useBookmarks: true,
    });
    const plan = planRetention(input);
    expect(plan.toDelete.map((e) => `#${e.name}`)).toEqual(['#s1', '#s2']);
    expect(plan.decisions.map((d) => d.entry.kind)).toEqual(['bookmark', 'bookmark', 'bookmark', 'bookmark']);
  });

  it('the union of groups keeps what any group selects (except mode)', () => {
    const input = retentionInput({
      settings: SETTINGS,
      dst: candidates('h1', 'd1', 'h2', 'd2', 'h3'),
      src: 'dummy',
      groups: [
        [regex('h.*'), latest('1')],
        [regex('d.*'), latest('1')],
      ],
      nowMs: 0,
      useBookmarks: true,
    });
    expect(planRetention(input).toDelete.map((e) => e.name)).toEqual(['h1', 'd1', 'h2']);
  });

  it('a real source that lacks the dataset: nothing is on the source, so except mode keeps nothing', () => {
    const input = retentionInput({
      settings: SETTINGS,
      dst: candidates('s1', 's2'),
      src: [],
      groups: [[]],
      nowMs: 0,
      useBookmarks: true,
    });
    expect(input.source).toEqual({ kind: 'dataset', entries: [] });
    expect(planRetention(input).toDelete.map((e) => e.name)).toEqual(['s1', 's2']);
  });

  it('passes the settings and the source through', () => {
    const src = snaps('s1');
    const input = retentionInput({
      settings: { ...SETTINGS, crosscheck: false, forceDeleteLatestCommonSnapshot: true },
      dst: candidates('s1'),
      src,
      groups: [[]],
      nowMs: 0,
      useBookmarks: false,
    });
    expect(input.options).toEqual({
      except: true,
      crosscheck: false,
      useBookmarks: false,
      forceDeleteLatestCommonSnapshot: true,
    });
    expect(input.source).toEqual({ kind: 'dataset', entries: src });
  });
});
