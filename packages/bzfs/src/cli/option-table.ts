/**
 * bzfs's option table, read from the real parser (cli/options.ts), so that a caller that builds or
 * vets bzfs command lines — the jobrunner — knows exactly the options bzfs knows, with no copy that
 * could drift. Names are without dashes: long names in kebab case and the short or alternative
 * aliases yargs declares (`r`, `n`, `v`, `f1`, ...).
 */
import type { Argv } from 'yargs';
import { buildParser } from './options.js';

/** The parser's declared options, by long name, as yargs infers them from buildParser's chain. */
type Declared = ReturnType<typeof buildParser> extends Argv<infer T> ? T : never;

/**
 * The long name of every option bzfs declares, as a type (aliases are not in it): a caller that
 * spells a flag with it fails the type-check when bzfs renames or removes that option.
 */
export type BzfsLongOption = keyof { [K in keyof Declared as string extends K ? never : K]: unknown };

export interface BzfsOptionTable {
  /** Every name bzfs accepts: long names and their aliases. */
  readonly names: ReadonlySet<string>;
  /** Alias → long name (`r` → `recursive`); long names map to themselves. */
  readonly canonical: ReadonlyMap<string, string>;
  /** Long names of options that take a value (string or number); booleans and counts do not. */
  readonly takesValue: ReadonlySet<string>;
}

interface YargsOptions {
  readonly boolean: readonly string[];
  readonly string: readonly string[];
  readonly number: readonly string[];
  readonly count: readonly string[];
  readonly alias: Readonly<Record<string, readonly string[]>>;
  readonly key: Readonly<Record<string, unknown>>;
}

let table: BzfsOptionTable | undefined;

/** The table, built once: the parser's declarations do not change while the process runs. */
export function bzfsOptionTable(): BzfsOptionTable {
  // getOptions() is public in yargs but missing from its type declarations.
  table ??= buildTable((buildParser([]) as unknown as { getOptions(): YargsOptions }).getOptions());
  return table;
}

function buildTable(o: YargsOptions): BzfsOptionTable {
  const canonical = new Map<string, string>();
  const aliasOf = new Map<string, string>();
  for (const [long, aliases] of Object.entries(o.alias)) for (const a of aliases) aliasOf.set(a, long);
  for (const name of Object.keys(o.key)) canonical.set(name, aliasOf.get(name) ?? name);
  for (const [alias, long] of aliasOf) canonical.set(alias, long);
  const valued = new Set([...o.string, ...o.number]);
  const takesValue = new Set([...canonical.values()].filter((long) => valued.has(long)));
  return { names: new Set(canonical.keys()), canonical, takesValue };
}

/** Every option name bzfs accepts (without dashes): long kebab-case names and aliases. */
export function bzfsOptionNames(): ReadonlySet<string> {
  return bzfsOptionTable().names;
}

/** The long name of `name` (an alias or a long name, without dashes), or undefined if bzfs has no such option. */
export function bzfsCanonicalOption(name: string): string | undefined {
  return bzfsOptionTable().canonical.get(name);
}

/** True if the option `name` (alias or long name, without dashes) takes a value, as `--threads 4` does. */
export function bzfsOptionTakesValue(name: string): boolean {
  const long = bzfsCanonicalOption(name);
  return long !== undefined && bzfsOptionTable().takesValue.has(long);
}
