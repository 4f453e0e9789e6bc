import { UsageError } from '../model/errors.js';

/**
 * Options whose values argparse reads with nargs='+' (one or more: --include-snapshot-regex A B,
 * --include-snapshot-times-and-ranks TIMERANGE RANKRANGE...) or nargs=0 (--new-snapshot-filter-group),
 * taken out of argv in command-line order, which the filter pipeline depends on and yargs does not
 * keep across options. As with argparse:
 * - `--name A B C` takes values up to the next option-like token or `--`, so
 *   `--include-snapshot-regex A pool/src pool/dst` takes the datasets too (write `... A -- pool/src ...`);
 * - `--name=A` takes exactly A (also the way to give a value that starts with `-`);
 * - a token is option-like if it starts with `-`, is not `-` alone or a negative number, and has no
 *   space (unless it names a known option: `--name=a b`);
 * - nothing after `--` is an option.
 * Everything else stays in `rest`, in order, for the ordinary parser.
 */

export interface OptionOccurrence {
  /** The long name without dashes, e.g. `include-snapshot-regex`. */
  readonly name: string;
  readonly values: readonly string[];
}

export function takeMultiValueOptions(
  argv: readonly string[],
  arity: Readonly<Record<string, '+' | 0>>,
  /** Every option name the program knows, without dashes (cli/option-table.ts); default: those of `arity`. */
  known: ReadonlySet<string> = new Set(Object.keys(arity)),
): { taken: OptionOccurrence[]; rest: string[] } {
  const taken: OptionOccurrence[] = [];
  const rest: string[] = [];
  const nameOf = (token: string): string | undefined => {
    const m = /^--([^=]+)(=|$)/.exec(token);
    return m && Object.hasOwn(arity, m[1]!) ? m[1] : undefined;
  };
  const isOptionLike = (t: string): boolean => {
    if (!t.startsWith('-') || t === '-' || /^-([0-9]+|[0-9]*\.[0-9]+)$/.test(t)) return false;
    return !t.includes(' ') || known.has(t.replace(/^-+/, '').split('=')[0]!);
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const name = nameOf(token);
    if (name === undefined) {
      rest.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    if (arity[name] === 0) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value: ${token}`);
      taken.push({ name, values: [] });
    } else if (eq >= 0) {
      taken.push({ name, values: [token.slice(eq + 1)] });
    } else {
      let j = i + 1;
      while (j < argv.length && argv[j] !== '--' && !isOptionLike(argv[j]!)) j++;
      if (j === i + 1) {
        throw new UsageError(
          `--${name} expects at least one value (write --${name}=VALUE for one that starts with '-')`,
        );
      }
      taken.push({ name, values: argv.slice(i + 1, j) });
      i = j - 1;
    }
  }
  return { taken, rest };
}
