/**
 * Vets arguments meant for every bzfs run (command-line pass-through and the spec's `bzfsOptions`)
 * against bzfs's own option table, so that no spelling bzfs would accept slips a protected option,
 * an unknown option or an extra dataset pair past the jobrunner.
 *
 * Each token is normalized before it is compared: `=value` is stripped, camelCase becomes kebab-case
 * (`--sshDstHost`), `--no-X` counts as X, and short aliases (`-r`, bundled `-vn`) become their long
 * names. A protected option is refused in any of these spellings. Only the canonical spellings bzfs
 * documents are passed on; others are refused with the canonical name suggested, because whether
 * bzfs expands camel case is a parser setting the jobrunner should not depend on.
 */
import { bzfsCanonicalOption, bzfsOptionNames, bzfsOptionTakesValue, showValue } from '@bzfs-ts/bzfs';
import { isProtectedOption, protectedOptionMessage } from './protected-options.js';

export interface ArgProblem {
  /** Index of the offending token. */
  readonly index: number;
  readonly message: string;
}

export interface ArgCheckOptions {
  /** Other option names (without dashes) to consider when suggesting a spelling, e.g. the jobrunner's. */
  readonly alsoKnown?: readonly string[];
  /** How an unknown option is called in messages: "unknown option" or "unknown bzfs option". */
  readonly unknownWhat?: string;
}

/** Returns every problem of `tokens`; an empty list means bzfs may receive them verbatim. */
export function checkBzfsArgs(tokens: readonly string[], opts: ArgCheckOptions = {}): ArgProblem[] {
  const problems: ArgProblem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const fail = (message: string): void => void problems.push({ index: i, message });
    if (token === '--' || !token.startsWith('-') || token === '-') {
      fail(
        `unexpected argument ${quote(token)}: dataset pairs come from the spec, and bzfs options ` +
          'start with - (a value belongs right after its option, or as --option=value)',
      );
      continue;
    }
    const names = optionNames(token);
    const guarded = names.map(normalize).find((n) => n !== undefined && isProtectedOption(n));
    if (guarded !== undefined) {
      fail(protectedOptionMessage(`--${guarded}`) + spelledAs(token, guarded));
      continue;
    }
    const unknown = names.find((n) => bzfsCanonicalOption(n) === undefined);
    if (unknown !== undefined) {
      const written = shown(token.split('=', 1)[0]!);
      const best = suggest(normalize(unknown) ?? unknown, [...bzfsOptionNames(), ...(opts.alsoKnown ?? [])]);
      fail(
        `${opts.unknownWhat ?? 'unknown option'} ${written}` +
          (best === undefined ? '' : `; did you mean ${dashes(best)}?`),
      );
      continue;
    }
    // A value-taking option given without `=value` consumes the next token, as yargs does: unless it
    // looks like an option (a negative number is a value).
    const last = names[names.length - 1]!;
    const next = tokens[i + 1];
    if (!token.includes('=') && bzfsOptionTakesValue(last) && next !== undefined && isValue(next)) i++;
  }
  return problems;
}

/** The option names a token sets: one for `--name[=v]`, one per letter for bundled `-vn`. */
function optionNames(token: string): string[] {
  if (token.startsWith('--')) return [token.slice(2).split('=', 1)[0]!];
  const body = token.slice(1).split('=', 1)[0]!;
  // `-f1` is no alias to yargs (it reads f=1); only single letters bundle.
  return body.length > 1 && /^[A-Za-z]+$/.test(body) ? [...body] : [body];
}

/**
 * The long bzfs name a spelling stands for, if any: exact names and aliases, camelCase, and `no-X`.
 * Case is not folded: yargs does not fold it, so `--SSH-DST-HOST` is simply unknown to bzfs.
 */
function normalize(name: string): string | undefined {
  const candidates = [name, kebab(name)];
  for (const c of [...candidates]) if (c.startsWith('no-')) candidates.push(c.slice(3));
  for (const c of candidates) {
    const long = bzfsCanonicalOption(c) ?? (isProtectedOption(c) ? c : undefined);
    if (long !== undefined) return long;
  }
  return undefined;
}

function kebab(name: string): string {
  return name.replace(/(?<=[a-z0-9])([A-Z])/g, (c) => `-${c.toLowerCase()}`);
}

function spelledAs(token: string, long: string): string {
  const written = token.split('=', 1)[0]!;
  return written === `--${long}` ? '' : ` (written ${shown(written)})`;
}

function isValue(token: string): boolean {
  return !token.startsWith('-') || /^-[0-9]*\.?[0-9]+$/.test(token);
}

/** The known name closest to `name`: a prefix match first, else the smallest edit distance within reach. */
function suggest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const longNames = known.filter((k) => k.length > 1);
  const prefixed = longNames.filter((k) => k.startsWith(lower) || lower.startsWith(k));
  if (prefixed.length > 0)
    return prefixed.sort((a, b) => Math.abs(a.length - lower.length) - Math.abs(b.length - lower.length))[0];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(lower.length / 3)) + 1;
  for (const k of longNames) {
    const d = levenshtein(lower, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}

function dashes(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** Printable ASCII as is; anything else escaped, so control or bidi characters cannot forge output. */
function shown(text: string): string {
  return /^[\x21-\x7e]*$/.test(text) ? text : showValue(text);
}

function quote(token: string): string {
  return /^[\x21-\x7e]*$/.test(token) ? `'${token}'` : showValue(token);
}
