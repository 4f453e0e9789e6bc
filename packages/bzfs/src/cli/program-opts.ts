import { UsageError } from '../model/errors.js';
import { showValue } from '../model/validate.js';
import { ZFS_SEND_LONG_FLAGS } from '../zfs/managed-opts.js';

/**
 * The zfs options that take an argument, per subcommand, in the getopt spellings zfs accepts.
 * bzfs appends the dataset or snapshot itself, so every user word must be an option or such an
 * argument: a bare word would be one more positional, i.e. a dataset zfs sends or receives into.
 */
interface ArgSpec {
  readonly shortWithArg: string;
  /** Long names that take an argument, and all other long names (to resolve abbreviations). */
  readonly longWithArg: readonly string[];
  readonly longPlain: readonly string[];
  readonly example: string;
}

export const SEND_ARGS: ArgSpec = {
  shortWithArg: 'iItXd',
  longWithArg: ['resume', 'exclude', 'redact'],
  longPlain: ['dryrun', ...ZFS_SEND_LONG_FLAGS],
  example: '-X dataset, --exclude dataset, -d bookmark',
};

export const RECV_ARGS: ArgSpec = {
  shortWithArg: 'ox',
  longWithArg: [],
  longPlain: ['dryrun'],
  example: '-o name=value, -x name',
};

/** Refuses a word list that hands zfs a positional or leaves an option without its argument. */
export function validateProgramOpts(words: readonly string[], option: string, spec: ArgSpec): void {
  const fail = (why: string): never => {
    throw new UsageError(`${option} ${showValue(words.join(' '))}: ${why}`);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') fail("'--' ends the options, so zfs would take what follows for a dataset");
    let needsNext = false;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      needsNext = eq < 0 && takesArg(w.slice(2), spec);
    } else if (w.startsWith('-') && w.length > 1) {
      // In a cluster such as -wd, the rest after a letter that takes an argument is that argument.
      const at = [...w.slice(1)].findIndex((c) => spec.shortWithArg.includes(c));
      needsNext = at >= 0 && at === w.length - 2;
    } else {
      fail(
        `${showValue(w)} is not an option nor the argument of one (${spec.example}); ` +
          'zfs would take it for a dataset',
      );
    }
    if (needsNext) {
      if (i + 1 >= words.length) fail(`${w} needs an argument within the same option value`);
      i++;
    }
  }
}

/** getopt_long semantics: an exact name, or a prefix of exactly one long name. */
function takesArg(name: string, spec: ArgSpec): boolean {
  if (spec.longWithArg.includes(name)) return true;
  if (spec.longPlain.includes(name)) return false;
  const all = [...spec.longWithArg, ...spec.longPlain].filter((n) => n.startsWith(name));
  return all.length === 1 && spec.longWithArg.includes(all[0]!);
}
