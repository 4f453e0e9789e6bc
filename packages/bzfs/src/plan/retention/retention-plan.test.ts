import { describe, expect, it } from '@jest/globals';
import { snapshotSelector } from '../../filters/snapshot-filter.js';
import type { SnapshotRef } from '../../model/snapshot.js';
import { dstSnaps, short, snaps } from '../../../test/support/test-dsl.js';
import { planRetention } from './retention-plan.js';
import type { RetentionInput, RetentionOptions, RetentionPlan } from './types.js';

interface Case {
  /** Source specs (test-dsl; same name = same GUID unless `name:guid`), or the `dummy` source. */
  readonly src: readonly string[] | 'dummy';
  /** Destination specs, oldest first. */
  readonly dst: readonly string[];
  /** Destination snapshots that carry a hold. */
  readonly held?: readonly string[];
  /** The filters' verdict by name (default: everything is selected). */
  readonly select?: RegExp;
  readonly kind?: 'snapshot' | 'bookmark';
  readonly options?: Partial<RetentionOptions>;
}

const DEFAULTS: RetentionOptions = {
  except: false,
  crosscheck: true,
  useBookmarks: true,
  forceDeleteLatestCommonSnapshot: false,
};

function inputOf(c: Case): RetentionInput {
  const held = new Set(c.held ?? []);
  return {
    kind: c.kind ?? 'snapshot',
    dst: dstSnaps(...c.dst).map((s) => ({
      ...s,
      userrefs: held.has(s.name) && s.kind === 'snapshot' ? 1 : 0,
    })),
    source: c.src === 'dummy' ? { kind: 'dummy' } : { kind: 'dataset', entries: snaps(...c.src) },
    isSelected: (s) => c.select === undefined || c.select.test(s.name),
    options: { ...DEFAULTS, ...c.options },
  };
}

const plan = (c: Case): RetentionPlan => planRetention(inputOf(c));
const deleted = (p: RetentionPlan): string[] => p.toDelete.map(short);
const skipped = (p: RetentionPlan): string[] =>
  p.decisions.filter((d) => d.verdict === 'skip').map((d) => `${short(d.entry)}:${d.safety}`);
const rules = (p: RetentionPlan): Record<string, string> =>
  Object.fromEntries(p.decisions.map((d) => [short(d.entry), d.rule]));

describe('planRetention: --delete-dst-snapshots (standard mode)', () => {
  it.each<[string, Case, string[]]>([
    [
      'deletes the selected dst snapshots whose GUID is not on the source',
      { src: ['h3'], dst: ['h1', 'h2', 'h3', 'd1'] },
      ['h1', 'h2', 'd1'],
    ],
    [
      'leaves what the filters do not select',
      { src: ['h3'], dst: ['h1', 'h2', 'h3', 'd1'], select: /^h/ },
      ['h1', 'h2'],
    ],
    ['compares GUIDs, never names', { src: ['s1:111', 's2'], dst: ['s1:222', 's2'] }, ['s1']],
    [
      'a source bookmark protects its snapshot (cross-check)',
      { src: ['#s1', '#s3', 's4'], dst: ['s1', 's2', 's3', 's4'] },
      ['s2'],
    ],
    [
      'with dummy, every selected snapshot goes',
      { src: 'dummy', dst: ['a_daily', 'b_hourly', 'c_daily'], select: /_daily$/ },
      ['a_daily', 'c_daily'],
    ],
    ['nothing to do on an empty destination', { src: ['s1'], dst: [] }, []],
  ])('%s', (_, c, expected) => {
    const p = plan(c);
    expect(deleted(p)).toEqual(expected);
    expect(p.warnings).toEqual([]);
  });

  it('names the rule of every decision, oldest first', () => {
    const p = plan({ src: ['h3'], dst: ['h1', 'h3', 'd1'], select: /^h/ });
    expect(rules(p)).toEqual({ h1: 'selected-not-on-source', h3: 'on-source', d1: 'not-selected' });
    expect(p.decisions.map((d) => d.verdict)).toEqual(['delete', 'keep', 'keep']);
    expect(rules(plan({ src: 'dummy', dst: ['x'] }))).toEqual({ x: 'selected' });
  });

  it('sorts candidates by createtxg and ignores entries of the other kind', () => {
    const input = inputOf({ src: 'dummy', dst: ['s1', '#s1', 's2', 's3'] });
    const p = planRetention({ ...input, dst: [...input.dst].reverse() });
    expect(p.decisions.map((d) => short(d.entry))).toEqual(['s1', 's2', 's3']);
    expect(deleted(p)).toEqual(['s1', 's2', 's3']);
  });
});

describe('planRetention: --delete-dst-snapshots-no-crosscheck', () => {
  // The source kept only bookmarks of s1 and s3 (the original's crosscheck test).
  const base: Case = { src: ['#s1', '#s3'], dst: ['s1', 's2', 's3'] };

  it('with the cross-check the bookmarks keep s1 and s3', () => {
    expect(deleted(plan(base))).toEqual(['s2']);
  });
  it('without it only source snapshots protect; s3, the latest common snapshot (via its bookmark), is kept', () => {
    const p = plan({ ...base, options: { crosscheck: false } });
    expect(deleted(p)).toEqual(['s1', 's2']);
    expect(skipped(p)).toEqual(['s3:latest-common-snapshot']);
    expect(p.warnings).toEqual([
      expect.stringMatching(
        /^Keeping pool\/dst@s3 although the rules delete it \(selected-not-on-source\).*--force-delete-latest-common-snapshot/,
      ),
    ]);
  });
  it('forced: everything goes, and the plan says the next replication needs a full send', () => {
    const p = plan({ ...base, options: { crosscheck: false, forceDeleteLatestCommonSnapshot: true } });
    expect(deleted(p)).toEqual(['s1', 's2', 's3']);
    expect(p.decisions[2]).toMatchObject({ verdict: 'delete', safety: 'latest-common-snapshot-forced' });
    expect(p.warnings).toEqual([expect.stringMatching(/^Deleting pool\/dst@s3, .*needs a full send$/)]);
  });
  it('without bookmarks as base (--no-use-bookmark) nothing is in common, as in the original', () => {
    const p = plan({ ...base, options: { crosscheck: false, useBookmarks: false } });
    expect(deleted(p)).toEqual(['s1', 's2', 's3']);
    expect(p.warnings).toEqual([]);
  });
});

describe('planRetention: held snapshots', () => {
  it('are skipped with their reason, never deleted (the original test with dummy)', () => {
    const p = plan({
      src: 'dummy',
      dst: ['s2', 'dstonly_hold', 'dstonly_nohold'],
      held: ['dstonly_hold'],
      select: /^dstonly_/,
    });
    expect(deleted(p)).toEqual(['dstonly_nohold']);
    expect(skipped(p)).toEqual(['dstonly_hold:held']);
  });
  it('a hold wins over a forced deletion of the latest common snapshot', () => {
    const c: Case = {
      src: ['s1'],
      dst: ['s1', 's2'],
      held: ['s1'],
      options: { except: true, forceDeleteLatestCommonSnapshot: true },
    };
    const p = plan({ ...c, select: /^none$/ });
    expect(deleted(p)).toEqual(['s2']);
    expect(skipped(p)).toEqual(['s1:held']);
    expect(p.warnings).toEqual([]);
  });
  it('in except mode too', () => {
    const p = plan({
      src: 'dummy',
      dst: ['a', 'b'],
      held: ['a'],
      select: /^none$/,
      options: { except: true },
    });
    expect(deleted(p)).toEqual(['b']);
    expect(skipped(p)).toEqual(['a:held']);
  });
});

describe('planRetention: --delete-dst-snapshots-except', () => {
  it('with dummy: keeps what the filters select, deletes the rest', () => {
    const p = plan({
      src: 'dummy',
      dst: ['s1_hourly', 's2_daily', 's3_weekly'],
      select: /_daily$/,
      options: { except: true },
    });
    expect(deleted(p)).toEqual(['s1_hourly', 's3_weekly']);
    expect(rules(p)).toEqual({
      s1_hourly: 'not-kept-by-rules',
      s2_daily: 'kept-by-rules',
      s3_weekly: 'not-kept-by-rules',
    });
  });

  // The original's test: dst has s1..s3 from the source plus two snapshots of its own; keep dailies.
  const sync: Case = {
    src: ['s1_hourly', 's2_daily', 's3_weekly'],
    dst: ['s1_hourly', 's2_daily', 's3_weekly', 'd_extra_hourly', 'd_extra_daily'],
    select: /_daily$/,
    options: { except: true },
  };
  it('with a real source: a kept snapshot survives only if the source has it; the latest common one is protected', () => {
    const p = plan(sync);
    expect(deleted(p)).toEqual(['s1_hourly', 'd_extra_hourly', 'd_extra_daily']);
    expect(skipped(p)).toEqual(['s3_weekly:latest-common-snapshot']);
    expect(rules(p)).toMatchObject({
      s2_daily: 'kept-and-on-source',
      d_extra_daily: 'kept-but-not-on-source',
    });
    expect(p.warnings).toHaveLength(1);
  });
  it('forced: the original result (only s2_daily stays), and the base falls back to s2_daily', () => {
    const p = plan({ ...sync, options: { except: true, forceDeleteLatestCommonSnapshot: true } });
    expect(p.decisions.filter((d) => d.verdict !== 'delete').map((d) => short(d.entry))).toEqual([
      's2_daily',
    ]);
    expect(p.warnings).toEqual([
      expect.stringMatching(/falls back to the older common snapshot pool\/dst@s2_daily$/),
    ]);
  });
  it('a source dataset without snapshots keeps nothing (sync semantics; nothing is in common to protect)', () => {
    const p = plan({ src: [], dst: ['a_daily', 'b_daily'], select: /_daily$/, options: { except: true } });
    expect(deleted(p)).toEqual(['a_daily', 'b_daily']);
  });
});

describe('planRetention: --delete-dst-snapshots=bookmarks', () => {
  // Source: snapshot b2 and bookmark b3 (its snapshot gone); destination: bookmarks b1..b3 and snapshot b2.
  const base: Case = { kind: 'bookmark', src: ['b2', '#b3'], dst: ['#b1', 'b2', '#b2', '#b3'] };

  it('deletes bookmarks whose GUID the source has neither as snapshot nor as bookmark', () => {
    expect(deleted(plan(base))).toEqual(['#b1']);
  });
  it('without the cross-check only source bookmarks protect', () => {
    expect(deleted(plan({ ...base, options: { crosscheck: false } }))).toEqual(['#b1', '#b2']);
  });
  it('never protects a bookmark as latest common (a receive never starts from a destination bookmark)', () => {
    const p = plan({ ...base, select: /^b3$/, options: { except: true, crosscheck: false } });
    expect(deleted(p)).toEqual(['#b1', '#b2']);
    expect(p.warnings).toEqual([]);
  });
  it('the filters see bookmarks as snapshots (a snapshot-only selector still selects them)', () => {
    const input = { ...inputOf({ ...base, src: 'dummy' }), isSelected: snapshotSelector([], []) };
    expect(planRetention(input).toDelete.map(short)).toEqual(['#b1', '#b2', '#b3']);
    const seen: SnapshotRef[] = [];
    planRetention({ ...input, isSelected: (s) => (seen.push(s), true) });
    expect(seen.map((s) => `${s.kind} ${s.name}`)).toEqual(['snapshot b1', 'snapshot b2', 'snapshot b3']);
  });
});
