import { describe, expect, it } from '@jest/globals';
import { compileNameMatcher, compileTreeMatcher, specOf } from './name-matcher.js';

describe('name matchers', () => {
  it('match whole names, never a part, and ! negates', () => {
    const m = compileNameMatcher('a|b.');
    expect(['a', 'bx', 'ab', 'xa', 'bxx'].map((n) => m.test(n))).toEqual([true, true, false, false, false]);
    const n = compileNameMatcher('!a|b.');
    expect(['a', 'bx', 'ab'].map((x) => n.test(x))).toEqual([false, false, true]);
    expect([specOf(m), specOf(n)]).toEqual(['a|b.', '!a|b.']);
  });

  it('tree matchers also match the descendants of a matching path', () => {
    const m = compileTreeMatcher('a|x/y');
    const paths = ['a', 'a/b/c', 'ab', 'b/a', 'x/y', 'x/y/z', 'x', 'x/yz'];
    expect(paths.filter((p) => m.test(p))).toEqual(['a', 'a/b/c', 'x/y', 'x/y/z']);
    const n = compileTreeMatcher('!a');
    expect(paths.filter((p) => n.test(p))).toEqual(['ab', 'b/a', 'x/y', 'x/y/z', 'x', 'x/yz']);
  });

  it('refuse what RE2 cannot compile, and patterns that would close a wrapper', () => {
    for (const p of ['zzz)|(?:', 'a)(b', '(?=a)', '(a)\\1']) {
      expect(() => compileNameMatcher(p)).toThrow(/regexp/);
      expect(() => compileTreeMatcher(`!${p}`)).toThrow(/regexp/);
    }
    // A quoted ')' is a literal, and nothing is pasted after the pattern for it to swallow.
    expect(compileNameMatcher('\\Qa)(b').test('a)(b')).toBe(true);
    expect(compileTreeMatcher('\\Qa)(b').test('a)(b/c')).toBe(true);
  });
});
