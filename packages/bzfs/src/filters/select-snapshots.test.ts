import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SnapshotRef } from '../model/snapshot.js';
import { filterGroups, parseTimesAndRanks, type FilterStep } from './filter-groups.js';
import { compileNameMatcher } from './name-matcher.js';
import { selectSnapshots, snapshotSelection } from './select-snapshots.js';
import { snapshotSelector } from './snapshot-filter.js';

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
const exc = (...r: string[]): FilterStep => ({
  kind: 'exclude-regex',
  regexes: r.map((x) => compileNameMatcher(x)),
});
const NEW: FilterStep = { kind: 'new-group' };
/** 2024-10-05T00:00:00Z */
const NOW_MS = 1728086400_000;

const pick = (
  snaps: SnapshotRef[],
  steps: FilterStep[],
  opts: { allExcept?: boolean; nowMs?: number } = {},
) => selectSnapshots(snaps, filterGroups(steps), opts.nowMs ?? NOW_MS, opts).map(show);

const SBSS_SPEC = ['@0', '#1', '@2', '@3'];
const SBSS = list(...SBSS_SPEC);
const SSSS = ['@0', '@1', '@2', '@3'];
const SSS = ['@0', '@1', '@2'];

describe('selection by time range (creation in [lo, hi)); bookmarks always pass', () => {
  it.each<[string, string[]]>([
    ['0..0', ['#1']],
    ['notime', ['#1']],
    ['0..1', ['@0', '#1']],
    ['0..2', ['@0', '#1']],
    ['0..3', ['@0', '#1', '@2']],
    ['1..3', ['#1', '@2']],
    ['3..1', ['#1', '@2']],
    ['0..4', ['@0', '#1', '@2', '@3']],
    ['3..*', ['#1', '@3']],
    ['*..3', ['@0', '#1', '@2']],
    ['*..*', ['@0', '#1', '@2', '@3']],
    ['1000 years ago..0secondsago', ['@0', '#1', '@2', '@3']],
    ['1 hours ago..*', ['#1']], // all four are from 1970
  ])('%j selects %j', (range, expected) => {
    expect(pick(SBSS, [times(range)])).toEqual(expected);
  });

  it('measures `ago` from the clock value it is given', () => {
    const snaps = list('@a', '@b', '@c').map((s, i) => ({ ...s, creation: 1_000_000 + i * 60 }));
    const recent = [times('90secs ago..anytime')];
    expect(pick(snaps, recent, { nowMs: 1_000_120_000 })).toEqual(['@b', '@c']);
    expect(pick(snaps, recent, { nowMs: 1_000_150_000 })).toEqual(['@b', '@c']); // b is exactly 90 s old
    expect(pick(snaps, recent, { nowMs: 1_000_150_001 })).toEqual(['@c']);
    expect(pick(snaps, recent, { nowMs: 1_000_300_000 })).toEqual([]);
  });
});

describe('selection by rank (createtxg order, of what reaches the filter)', () => {
  it.each<[string[], string[], string[]]>([
    [['latest0..latest0'], SSSS, []],
    [['latest0..latest1'], SSSS, ['@3']],
    [['latest0..latest3'], SSSS, ['@1', '@2', '@3']],
    [['latest0..latest5'], SSSS, ['@0', '@1', '@2', '@3']],
    [['latest3..latest4'], SSSS, ['@0']],
    [['latest2..latest0'], SSSS, ['@2', '@3']],
    [['oldest 1'], SSSS, ['@0']],
    [['latest 1'], SSSS, ['@3']],
    [['latest 9'], SSSS, ['@0', '@1', '@2', '@3']],
    [['oldest 25%'], SSSS, ['@0']],
    [['latest 75%'], SSSS, ['@1', '@2', '@3']],
    [['latest 50%'], SSSS, ['@2', '@3']],
    [['latest 49%'], SSSS, ['@2', '@3']], // 1.96 rounds to 2
    [['oldest 0%'], SSSS, []],
    [['latest 100%'], SSSS, ['@0', '@1', '@2', '@3']],
    [['all except latest1'], SSSS, ['@0', '@1', '@2']],
    [['all except oldest0%'], SSSS, ['@0', '@1', '@2', '@3']],
    [['oldest2..oldest3'], SSSS, ['@2']],
    [['oldest4..oldest5'], SSSS, []],
    [['oldest 51%'], SSS, ['@0', '@1']],
    [['all except latest 49%'], SSS, ['@0', '@1']],
    [['all except latest 51%'], SSS, ['@0']],
    [['all except oldest 49%'], SSS, ['@1', '@2']],
    [['all except oldest 100%'], SSS, []],
    [['latest100%..latest1'], SSS, ['@0', '@1']],
    // bookmarks pass and do not count
    [['oldest0..oldest0'], SBSS_SPEC, ['#1']],
    [['oldest0..oldest1'], SBSS_SPEC, ['@0', '#1']],
    [['oldest0..oldest2'], SBSS_SPEC, ['@0', '#1', '@2']],
    [['oldest0..oldest3'], SBSS_SPEC, ['@0', '#1', '@2', '@3']],
    [['latest1..latest100%'], SBSS_SPEC, ['@0', '#1', '@2']],
    // several ranges narrow one after another, each ranking what the previous one left
    [['latest1..latest100%', 'latest1..latest100%'], SBSS_SPEC, ['@0', '#1']],
    [['latest1..latest100%', 'oldest1..oldest100%'], SBSS_SPEC, ['#1', '@2']],
    [['latest 50%', 'latest 50%'], SSSS, ['@3']],
    // nothing to rank
    [['latest 3'], [], []],
    [['all except latest 3'], ['#a', '#b'], ['#a', '#b']],
  ])('notime %j of %j selects %j', (ranks, specs, expected) => {
    expect(pick(list(...specs), [times('notime', ...ranks)])).toEqual(expected);
  });

  it('a time range and the ranks are a union', () => {
    expect(pick(SBSS, [times('0..0', 'oldest 1')])).toEqual(['@0', '#1']);
    expect(pick(SBSS, [times('3..11', 'oldest 1')])).toEqual(['@0', '#1', '@3']);
    expect(pick(SBSS, [times('2..11', 'oldest 1')])).toEqual(['@0', '#1', '@2', '@3']);
    expect(pick(SBSS, [times('3..11', 'oldest1..oldest2', 'latest 1')])).toEqual(['#1', '@3']);
    expect(
      pick(list('@0', '#1', '@2', '@3', '@4'), [times('4..11', 'oldest1..oldest2', 'latest 1')]),
    ).toEqual(['#1', '@4']);
    // every time passes, so ranks add nothing
    expect(pick(list(...SSSS), [times('*..*', 'latest 1')])).toEqual(['@0', '@1', '@2', '@3']);
  });

  it('ranks follow createtxg, not the order of the list, ties broken by name', () => {
    const [a, b, c] = list('@a', '@b', '@c');
    const shuffled = [
      { ...c!, createtxg: 5n },
      { ...a!, createtxg: 9n },
      { ...b!, createtxg: 5n },
    ];
    expect(pick(shuffled, [times('notime', 'latest 1')])).toEqual(['@a']);
    expect(pick(shuffled, [times('notime', 'oldest 1')])).toEqual(['@b']); // b and c share txg 5
    expect(pick(shuffled, [times('notime', 'oldest 2')])).toEqual(['@c', '@b']); // result keeps list order
  });

  it('counts percentages of what the filters before left', () => {
    const snaps = list('@h1', '@d1', '@h2', '@d2', '@h3');
    expect(pick(snaps, [inc('d.*'), times('notime', 'latest 50%')])).toEqual(['@d2']);
    expect(pick(snaps, [inc('d.*'), times('notime', 'latest 10')])).toEqual(['@d1', '@d2']);
    // order matters: ranks first, then the regex
    expect(pick(snaps, [times('notime', 'latest 40%'), inc('d.*')])).toEqual(['@d2']);
    expect(pick(snaps, [times('notime', 'latest 20%'), inc('d.*')])).toEqual([]);
  });
});

describe('filter groups', () => {
  const snaps = list('@h1', '@d1', '#b', '@h2', '@d2', '@w1');

  it('are a union; filters narrow within a group', () => {
    const steps = [inc('h.*'), times('notime', 'latest 1'), NEW, inc('d.*'), times('notime', 'oldest 1')];
    expect(pick(snaps, steps)).toEqual(['@d1', '#b', '@h2']);
  });

  it('start only after a filter: leading and repeated separators change nothing', () => {
    expect(pick(snaps, [NEW, NEW, inc('w.*'), NEW, NEW, inc('d2')])).toEqual(['#b', '@d2', '@w1']);
  });

  it('a trailing separator leaves an empty group, which selects everything (as in the original)', () => {
    expect(pick(snaps, [inc('w.*'), NEW])).toEqual(['@h1', '@d1', '#b', '@h2', '@d2', '@w1']);
    expect(filterGroups([])).toEqual([[]]);
    expect(pick(snaps, [])).toHaveLength(snaps.length);
  });

  it('regex options in a row make one verdict (any include, no exclude); apart they narrow', () => {
    expect(pick(snaps, [inc('h.*'), exc('.*2'), inc('d.*')])).toEqual(['@h1', '@d1', '#b']);
    expect(pick(snaps, [exc('h.*')])).toEqual(['@d1', '#b', '@d2', '@w1']);
    expect(pick(snaps, [inc('h.*'), times('*..*'), inc('d.*')])).toEqual(['#b']);
    expect(pick(snaps, [inc('!.*')])).toEqual(['#b']);
  });

  it('with allExcept select the complement of the snapshots; bookmarks still pass', () => {
    expect(pick(snaps, [inc('h.*')], { allExcept: true })).toEqual(['@d1', '#b', '@d2', '@w1']);
    expect(pick(snaps, [inc('!.*')], { allExcept: true })).toEqual(['@h1', '@d1', '#b', '@h2', '@d2', '@w1']);
  });

  it('as a predicate: selected snapshots of the list only, never a bookmark', () => {
    const isSelected = snapshotSelection(snaps, filterGroups([inc('d.*|b')]), NOW_MS);
    expect(snaps.filter(isSelected).map(show)).toEqual(['@d1', '@d2']);
    expect(isSelected({ ...snaps[1]!, name: 'd9' })).toBe(false);
  });
});

// Lists of up to 25 snapshots and bookmarks, in shuffled order, with distinct createtxgs.
const arbList = fc
  .array(fc.record({ bookmark: fc.boolean(), name: fc.constantFrom('h', 'd', 'w'), creation: fc.nat(30) }), {
    maxLength: 25,
  })
  .map((items) =>
    items.map((x, i): SnapshotRef => ({
      kind: x.bookmark ? 'bookmark' : 'snapshot',
      dataset: 'tank/d',
      name: `${x.name}${i}`,
      guid: String(i),
      createtxg: BigInt(100 + i),
      creation: x.creation,
    })),
  )
  .chain((l) => fc.shuffledSubarray(l, { minLength: l.length, maxLength: l.length }));
const arbStep: fc.Arbitrary<FilterStep> = fc.oneof(
  fc.constantFrom('h.*', 'd.*|w.*', '!.*1.*', '.*[02468]').map((r) => inc(r)),
  fc.constantFrom('w.*', '.*3').map((r) => exc(r)),
  fc
    .tuple(
      fc.constantFrom('notime', '*..*', '0..10', '12..*', '*..20', '20secs ago..*'),
      fc.subarray([
        'latest 2',
        'oldest 30%',
        'all except latest 1',
        'latest1..latest 50%',
        'oldest 3..oldest 9',
      ]),
    )
    .map(([t, r]) => times(t, ...r)),
);
const snapshotsOf = (l: readonly SnapshotRef[]) => l.filter((s) => s.kind === 'snapshot');
const byTxg = (a: SnapshotRef, b: SnapshotRef) => (a.createtxg < b.createtxg ? -1 : 1);

describe('selection properties', () => {
  it('latest N selects min(N, count) snapshots, the newest by createtxg, and every bookmark', () => {
    fc.assert(
      fc.property(arbList, fc.nat(30), (l, n) => {
        const got = selectSnapshots(l, filterGroups([times('notime', `latest ${n}`)]), NOW_MS);
        const snaps = snapshotsOf(l).sort(byTxg);
        const newest = snaps.slice(snaps.length - Math.min(n, snaps.length));
        expect(snapshotsOf(got).sort(byTxg)).toEqual(newest);
        expect(got.filter((s) => s.kind === 'bookmark')).toEqual(l.filter((s) => s.kind === 'bookmark'));
      }),
    );
  });

  it('all except latest N is the complement of latest N', () => {
    fc.assert(
      fc.property(arbList, fc.nat(30), (l, n) => {
        const latest = snapshotSelection(l, filterGroups([times('notime', `latest ${n}`)]), NOW_MS);
        const rest = snapshotSelection(l, filterGroups([times('notime', `all except latest ${n}`)]), NOW_MS);
        for (const s of snapshotsOf(l)) expect(latest(s)).toBe(!rest(s));
      }),
    );
  });

  it('a union of groups is exactly the union of what each group selects', () => {
    const arbSteps = fc.array(arbStep, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(arbList, arbSteps, arbSteps, (l, g1, g2) => {
        const one = snapshotSelection(l, filterGroups(g1), NOW_MS);
        const two = snapshotSelection(l, filterGroups(g2), NOW_MS);
        const both = snapshotSelection(l, filterGroups([...g1, NEW, ...g2]), NOW_MS);
        for (const s of l) expect(both(s)).toBe(one(s) || two(s));
      }),
    );
  });

  it('allExcept keeps every bookmark and exactly the snapshots not selected', () => {
    fc.assert(
      fc.property(arbList, fc.array(arbStep, { maxLength: 4 }), (l, steps) => {
        const selected = snapshotSelection(l, filterGroups(steps), NOW_MS);
        const rest = selectSnapshots(l, filterGroups(steps), NOW_MS, { allExcept: true });
        expect(rest).toEqual(l.filter((s) => s.kind === 'bookmark' || !selected(s)));
      }),
    );
  });

  it('with regexes alone it is the regex-only snapshotSelector', () => {
    const regexes = fc
      .subarray(['h.*', 'd.*', '!.*1.*', '.*[02468]', 'w.*'])
      .map((r) => r.map((x) => compileNameMatcher(x)));
    fc.assert(
      fc.property(arbList, regexes, regexes, (l, include, exclude) => {
        const groups = filterGroups([
          { kind: 'include-regex', regexes: include },
          { kind: 'exclude-regex', regexes: exclude },
        ]);
        const selection = snapshotSelection(l, groups, NOW_MS);
        const selector = snapshotSelector(include, exclude);
        for (const s of l) expect(selection(s)).toBe(selector(s));
      }),
    );
  });
});
