import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { filterGroups, parseTimesAndRanks } from './filter-groups.js';
import { compileNameMatcher, specOf } from './name-matcher.js';

describe('filter groups from the command line', () => {
  it('reads --include-snapshot-times-and-ranks TIMERANGE [RANKRANGE ...]', () => {
    expect(parseTimesAndRanks(['7 days ago..anytime', 'latest 7', 'oldest 10%'])).toEqual({
      kind: 'times-and-ranks',
      times: { lo: { agoMs: 7 * 86_400_000 } },
      ranks: [
        {
          lo: { from: 'latest', count: 0, percent: false },
          hi: { from: 'latest', count: 7, percent: false },
        },
        {
          lo: { from: 'oldest', count: 0, percent: false },
          hi: { from: 'oldest', count: 10, percent: true },
        },
      ],
    });
    expect(parseTimesAndRanks(['*..*'])).toEqual({ kind: 'times-and-ranks', times: undefined, ranks: [] });
  });

  it('refuses a missing TIMERANGE and names the option', () => {
    expect(() => parseTimesAndRanks([])).toThrow(UsageError);
    expect(() => parseTimesAndRanks([], '--x')).toThrow(/^--x: expected a TIMERANGE/);
    expect(() => parseTimesAndRanks(['latest 7'])).toThrow(/--include-snapshot-times-and-ranks "latest 7"/);
  });

  it('merges regex options in a row, across include and exclude, but not across other filters', () => {
    const m = (...r: string[]) => r.map((x) => compileNameMatcher(x));
    const groups = filterGroups([
      { kind: 'include-regex', regexes: m('f') },
      { kind: 'include-regex', regexes: m('d') },
      { kind: 'exclude-regex', regexes: m('w') },
      { kind: 'include-regex', regexes: m('h') },
      { kind: 'times-and-ranks', filter: parseTimesAndRanks(['notime', 'oldest 5%']) },
      { kind: 'exclude-regex', regexes: m('m') },
      { kind: 'new-group' },
      { kind: 'include-regex', regexes: m('x') },
    ]);
    const shape = groups.map((g) =>
      g.map((f) => (f.kind === 'regex' ? [f.include.map(specOf), f.exclude.map(specOf)] : f.kind)),
    );
    expect(shape).toEqual([[[['f', 'd', 'h'], ['w']], 'times-and-ranks', [[], ['m']]], [[['x'], []]]]);
  });
});
