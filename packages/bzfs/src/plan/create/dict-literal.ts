/**
 * Reads the dict literals that plan options take, e.g. `{'prod': {'onsite': {'hourly': 36}}}`: the
 * original evaluates them as Python literals, and the jobrunner passes JSON, so both quote styles
 * are read. Only what a plan can hold is accepted: dicts (a trailing comma allowed), strings in
 * single or double quotes (escapes `\\`, `\'`, `\"`), and numbers, kept as their text for the
 * caller to judge. A repeated key keeps its first position and takes the last value, as in Python.
 */
import { UsageError } from '../../model/errors.js';
import { showValue } from '../../model/validate.js';

export type Literal =
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, Literal> }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'word'; readonly text: string };

export function parseDictLiteral(text: string, option: string): Literal {
  let i = 0;
  const fail = (what: string): never => {
    const at = i < text.length ? `at character ${i + 1}` : 'at the end';
    throw new UsageError(`${option} ${showValue(text)}: ${what} ${at}`);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };

  const string = (): string => {
    const quote = text[i++];
    let out = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e !== '\\' && e !== "'" && e !== '"') fail('unsupported escape in a string');
        out += e;
        i += 2;
      } else out += text[i++];
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    return out;
  };

  const dict = (): Literal => {
    i++;
    const entries = new Map<string, Literal>();
    for (;;) {
      skipSpace();
      if (text[i] === '}') break;
      if (text[i] !== '"' && text[i] !== "'") fail('expected a quoted key or }');
      const key = string();
      skipSpace();
      if (text[i] !== ':') fail(`expected ':' after the key ${showValue(key)}`);
      i++;
      entries.set(key, value());
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] !== '}') fail("expected ',' or }");
    }
    i++;
    return { kind: 'dict', entries };
  };

  const value = (): Literal => {
    skipSpace();
    const c = text[i];
    if (c === '{') return dict();
    if (c === '"' || c === "'") return { kind: 'string', value: string() };
    const m = /^(-?[0-9][0-9_.eE+-]*|[A-Za-z_]\w*)/.exec(text.slice(i));
    if (m === null) return fail('expected a value');
    i += m[0].length;
    return /^-?[0-9]/.test(m[0]) ? { kind: 'number', text: m[0] } : { kind: 'word', text: m[0] };
  };

  const result = value();
  skipSpace();
  if (i < text.length) fail('unexpected text after the dict');
  return result;
}
