import { describe, it, expect } from '@jest/globals';
import { COUNT_OR_PERCENT_PATTERN, countOfCores, countOrPercentProblem } from './core-share.js';

describe('countOfCores', () => {
  it.each<[string, number, number]>([
    ['3', 8, 3],
    ['03', 8, 3],
    ['100%', 8, 8],
    ['50%', 8, 4],
    ['200%', 8, 16],
    ['75%', 6, 4], // 4.5: half to even, as the original's round()
    ['70%', 5, 4], // 3.5: half to even rounds up here (a floor would give 3)
    ['50%', 5, 2], // 2.5
    ['250%', 3, 8], // 7.5
    ['60%', 6, 4], // 3.6
    ['1%', 4, 1], // 0.04 would be 0: at least one
  ])('%j with %i cores → %i', (text, cpus, expected) => {
    expect(countOfCores(text, cpus)).toBe(expected);
  });

  it('throws on text the rule refuses', () => {
    expect(() => countOfCores('x%', 4)).toThrow('"x%": expected a count like 4 or a percentage like 75%');
  });
});

describe('countOrPercentProblem', () => {
  it.each(['1', '12%', '007'])('accepts %j', (text) => {
    expect(countOrPercentProblem(text)).toBeUndefined();
    expect(new RegExp(COUNT_OR_PERCENT_PATTERN).test(text)).toBe(true);
  });

  it.each(['0', '0%', '00'])('refuses %j: not at least 1', (text) => {
    expect(countOrPercentProblem(text)).toBe('expected at least 1');
  });

  it.each(['', 'x', '-1', '1.5', '0x2', '4%%', ' 4', '%'])('refuses %j: not a count', (text) => {
    expect(countOrPercentProblem(text)).toBe(
      'expected a count like 4 or a percentage like 75% (of the CPU cores)',
    );
    expect(new RegExp(COUNT_OR_PERCENT_PATTERN).test(text)).toBe(false);
  });
});
