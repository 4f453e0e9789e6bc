import { RE2JS } from 're2js';

/**
 * A user regex (--include/--exclude-snapshot-regex, --include/--exclude-dataset-regex) ready to
 * match names. Patterns are RE2 syntax and run on re2js, whose matching time is linear in the
 * name: a pattern like `(a+)+b` cannot hang the run (with a backtracking engine it takes
 * exponential time, and --timeout cannot fire while a match blocks the event loop). RE2 has no
 * lookaround, so `!` negation is a flag on the matcher, not a `(?!...)` wrapper.
 */
export interface NameMatcher {
  /** The pattern as given, without the leading `!`. */
  readonly source: string;
  /** Whether a leading `!` inverted the match. Absent means false. */
  readonly negate?: boolean;
  test(name: string): boolean;
}

/**
 * Compiles `spec` (`pattern` or `!pattern`) to match whole names. The pattern is compiled on its
 * own and never pasted into a wrapper such as `^(?:...)$`, so an unbalanced `)` cannot close the
 * wrapper and widen the match (`zzz)|(?:` would otherwise select every name); RE2's full-match
 * mode anchors it instead. Throws an Error with RE2's reason when the pattern does not compile.
 */
export function compileNameMatcher(spec: string): NameMatcher {
  const negate = spec.startsWith('!');
  const source = negate ? spec.slice(1) : spec;
  const re = RE2JS.compile(source);
  return {
    source,
    negate,
    test: negate ? (name) => !re.matches(name) : (name) => re.matches(name),
  };
}

/**
 * Like {@link compileNameMatcher}, but a relative dataset path also matches when one of its
 * ancestors does (`a` matches `a/b/c`), which is the original's `^(?:pattern)(?:/.*)?$` without
 * the textual wrapper: the pattern is tried on the path and on each prefix that ends before a `/`.
 */
export function compileTreeMatcher(spec: string): NameMatcher {
  const negate = spec.startsWith('!');
  const whole = compileNameMatcher(negate ? spec.slice(1) : spec);
  const inTree = (rel: string): boolean => {
    if (whole.test(rel)) return true;
    for (let i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) {
      if (whole.test(rel.slice(0, i))) return true;
    }
    return false;
  };
  return { source: whole.source, negate, test: negate ? (rel) => !inTree(rel) : inTree };
}

/** The matcher as text for keys and logs: the spec it was compiled from. */
export const specOf = (m: NameMatcher): string => `${m.negate ? '!' : ''}${m.source}`;

/**
 * A pattern that matches exactly `name` and nothing else: RE2 metacharacters are escaped, and so is a leading `!`,
 * which {@link compileNameMatcher} would otherwise read as negation.
 */
export function exactNamePattern(name: string): string {
  const quoted = RE2JS.quote(name);
  return quoted.startsWith('!') ? `\\${quoted}` : quoted;
}
