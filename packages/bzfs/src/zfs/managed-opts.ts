/**
 * The user's --zfs-send-program-opts and --zfs-recv-program-opts, stripped of the options bzfs
 * manages itself (pure).
 */

/** The long `zfs send` options that take no argument (bzfs manages --dryrun itself). */
export const ZFS_SEND_LONG_FLAGS = [
  'backup',
  'compressed',
  'dedup',
  'embed',
  'holds',
  'large-block',
  'parsable',
  'props',
  'proctitle',
  'raw',
  'replicate',
  'saved',
  'skip-missing',
  'verbose',
] as const;

/**
 * How `strip` treats the options of one zfs subcommand. `arity` is 1 for an option that takes an
 * argument; `drop` removes the option (and its argument), otherwise it is kept as written.
 * Options missing from a table are kept as written; their argument, if any, cannot start with `-`.
 */
interface OptTable {
  readonly short: Readonly<Record<string, { arity: 0 | 1; drop: boolean }>>;
  /** Long names without `--`; every long option zfs knows, so that abbreviations resolve. */
  readonly long: Readonly<Record<string, { arity: 0 | 1; drop: boolean }>>;
}

const keep0 = { arity: 0, drop: false } as const;
const keep1 = { arity: 1, drop: false } as const;
const drop0 = { arity: 0, drop: true } as const;
const drop1 = { arity: 1, drop: true } as const;

/**
 * Options bzfs decides itself are removed from the user's --zfs-send-program-opts: they would
 * change what is sent or turn the send into a no-op. `-X`/`--exclude` and `-d`/`--redact` keep
 * their argument (it must not be mistaken for options).
 */
const SEND_MANAGED: OptTable = {
  short: { n: drop0, i: drop1, I: drop1, t: drop1, X: keep1, d: keep1 },
  long: {
    dryrun: drop0,
    resume: drop1,
    exclude: keep1,
    redact: keep1,
    ...Object.fromEntries(ZFS_SEND_LONG_FLAGS.map((name) => [name, keep0])),
  },
};
/** `zfs receive` flags bzfs manages; `-o name=value` and `-x name` keep their argument. */
const RECV_MANAGED: OptTable = {
  short: { n: drop0, s: drop0, F: drop0, A: drop0, d: drop0, e: drop0, o: keep1, x: keep1 },
  long: { dryrun: drop0 },
};
/** Flags that `zfs send -t` rejects or that the token already fixes (applied after SEND_MANAGED). */
const RESUME_DROPPED: OptTable = {
  short: {
    ...Object.fromEntries(['b', 'h', 'p', 'R', 's', 'U', 'w', 'c', 'L', 'e'].map((c) => [c, drop0])),
    X: drop1,
    d: drop1,
  },
  long: {
    ...SEND_MANAGED.long,
    ...Object.fromEntries(
      [
        'backup',
        'holds',
        'props',
        'replicate',
        'skip-missing',
        'raw',
        'compressed',
        'large-block',
        'embed',
      ].map((name) => [name, drop0]),
    ),
    exclude: drop1,
    redact: drop1,
  },
};

/** A long option as getopt_long reads it: exact name, or an unambiguous abbreviation. */
function longSpec(table: OptTable, name: string): { arity: 0 | 1; drop: boolean } | undefined {
  const exact = table.long[name];
  if (exact) return exact;
  const candidates = Object.keys(table.long).filter((n) => n.startsWith(name));
  return candidates.length === 1 ? table.long[candidates[0]!] : undefined;
}

/**
 * Removes the options of `table` that bzfs manages, in every spelling getopt accepts: separate
 * (`-i SNAP`, `--resume TOKEN`), compact (`-iSNAP`, `--resume=TOKEN`), clustered short options
 * (`-Fu` → `-u`, `-nv` → `-v`; a cluster left empty disappears) and abbreviated long options.
 * In a cluster, the rest of the token after a letter that takes an argument is that argument.
 * A token that is not made of option letters (e.g. `-5`) is kept as written.
 */
function strip(opts: readonly string[], table: OptTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i]!;
    if (o === '--') {
      out.push(...opts.slice(i));
      break;
    }
    if (o.startsWith('--')) {
      const eq = o.indexOf('=');
      const spec = longSpec(table, eq < 0 ? o.slice(2) : o.slice(2, eq));
      if (spec === undefined || !spec.drop) out.push(o);
      const argIsNext = spec?.arity === 1 && eq < 0 && i + 1 < opts.length;
      if (argIsNext) {
        i++;
        if (!spec.drop) out.push(opts[i]!);
      }
      continue;
    }
    if (!/^-[A-Za-z]/.test(o)) {
      out.push(o);
      continue;
    }
    let kept = '';
    let argIsNext: boolean | undefined;
    let dropArg = false;
    let cluster = true;
    for (let j = 1; j < o.length; j++) {
      const c = o[j]!;
      if (!/[A-Za-z]/.test(c)) {
        cluster = false;
        break;
      }
      const spec = table.short[c];
      if (spec?.arity === 1) {
        const rest = o.slice(j + 1);
        if (!spec.drop) kept += c + rest;
        argIsNext = rest === '';
        dropArg = spec.drop;
        break;
      }
      if (!spec?.drop) kept += c;
    }
    if (!cluster) {
      out.push(o);
      continue;
    }
    if (kept !== '') out.push(`-${kept}`);
    if (argIsNext && i + 1 < opts.length) {
      i++;
      if (!dropArg) out.push(opts[i]!);
    }
  }
  return out;
}

export const sendOpts = (userOpts: readonly string[]) => strip(userOpts, SEND_MANAGED);
export const resumeSendOpts = (userOpts: readonly string[]) => strip(sendOpts(userOpts), RESUME_DROPPED);
export const recvOpts = (userOpts: readonly string[]) => strip(userOpts, RECV_MANAGED);

/** Splits an option string on whitespace (the original's semantics for *-program-opts). */
export const splitOpts = (s: string): string[] => s.split(/\s+/).filter((x) => x.length > 0);
