// How argv is shaped before yargs parses it and how its result is shaped after, so that yargs
// behaves like the original's argparse: `--dryrun=MODE`, `-:` datasets, repeatable options.

/** `--dryrun=recv` selects a mode; a bare `--dryrun`/`-n` never eats the next positional. */
export function normalizeDryrun(argv: readonly string[]): string[] {
  return argv.flatMap((a) => {
    const m = /^--dryrun=(.*)$/.exec(a);
    return m ? ['--dryrun', '--dryrun-mode', m[1]!] : [a];
  });
}

/**
 * A token that starts with the local mark `-:` (`-:tank/a:b`) is a dataset, but yargs would read it
 * as a cluster of short flags and has no per-token escape. Before `--` such tokens get a NUL
 * prefix, which no argv string can contain, so yargs keeps them in place as plain values;
 * {@link restoreLocalMark} takes the prefix off again after parsing.
 */
const MARK_ESCAPE = '\u0000';

export function protectLocalMark(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((t, i) => ((end < 0 || i < end) && t.startsWith('-:') ? MARK_ESCAPE + t : t));
}

export function restoreLocalMark(a: Record<string, unknown>): Record<string, unknown> {
  const restore = (v: unknown): unknown =>
    typeof v === 'string' && v.startsWith(MARK_ESCAPE + '-:')
      ? v.slice(MARK_ESCAPE.length)
      : Array.isArray(v)
        ? v.map(restore)
        : v;
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, restore(v)]));
}

/** Options that take one value per occurrence and may be given several times (argparse `append`). */
const REPEATABLE = [
  'include-dataset',
  'exclude-dataset',
  'include-snapshot-plan',
  'delete-dst-snapshots-except-plan',
  'include-dataset-regex',
  'exclude-dataset-regex',
  'zfs-recv-program-opt',
] as const;
// Without camel-case expansion yargs keys every option by its kebab-case name only.
const REPEATABLE_KEYS = new Set<string>(REPEATABLE);

/**
 * `duplicate-arguments-array` turns every option given twice into an array. Only the repeatable
 * options keep all values; for any other option the last occurrence wins, as with argparse.
 */
export function lastOfRepeated(a: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(a).map(([k, v]) => [
      k,
      k !== '_' && !REPEATABLE_KEYS.has(k) && Array.isArray(v) ? (v as unknown[])[v.length - 1] : v,
    ]),
  );
}

/** A repeatable option arrives as undefined, one string, or an array of them: always a list here. */
export function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? (v as unknown[]) : [v]).map(String);
}
