import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { escapeLabelValue, parseSamples, renderSamples, type Sample } from './exposition.js';

describe('the exposition format', () => {
  it.each([
    ['tank/a', 'tank/a'],
    ['a"b', 'a\\"b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb', 'a\\nb'],
  ])('escapes the label value %j as %s', (v, escaped) => {
    expect(escapeLabelValue(v)).toBe(escaped);
  });

  it('renders HELP and TYPE once per family, samples sorted', () => {
    const samples: Sample[] = [
      { family: 'b_x', labels: { k: 'z' }, value: 2 },
      { family: 'a_y', labels: { k: 'v' }, value: 1 },
      { family: 'b_x', labels: { k: 'a' }, value: 3 },
    ];
    expect(renderSamples(samples, { a_y: 'Why.' })).toBe(
      '# HELP a_y Why.\n# TYPE a_y gauge\na_y{k="v"} 1\n# HELP b_x b_x\n# TYPE b_x gauge\nb_x{k="a"} 3\nb_x{k="z"} 2\n',
    );
  });

  it('reads back what it writes, whatever the label values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: fc.string(), n: fc.double({ noNaN: true }) }), { maxLength: 5 }),
        (rows) => {
          const samples = rows.map((r, i) => ({ family: 'f', labels: { i: String(i), v: r.v }, value: r.n }));
          const back = parseSamples(renderSamples(samples, {}));
          const norm = (s: readonly Sample[]) =>
            s.map((x) => `${x.labels['i']}|${x.labels['v']}|${x.value}`).sort();
          expect(norm(back)).toEqual(norm(samples));
        },
      ),
    );
  });

  it('reads back +Inf and -Inf (a fast-check counterexample: n = -Infinity was dropped)', () => {
    const samples: Sample[] = [
      { family: 'f', labels: { k: 'a' }, value: Infinity },
      { family: 'f', labels: { k: 'b' }, value: -Infinity },
    ];
    expect(parseSamples(renderSamples(samples, {}))).toEqual(samples);
  });

  it('passes over lines that are not samples', () => {
    expect(parseSamples('# HELP x y\ngarbage\nx{a="1" 2\nx{a="1"} 2\n')).toEqual([
      { family: 'x', labels: { a: '1' }, value: 2 },
    ]);
  });
});
