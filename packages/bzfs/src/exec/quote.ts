import { UsageError } from '../model/errors.js';

/**
 * Characters that a POSIX sh never treats specially inside a word, so a string made only of them can
 * be passed bare. This is the same conservative set as Python's `shlex.quote` (ASCII only).
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one argument for a POSIX sh (remote ssh command lines and local `sh -c` pipelines). This is
 * the only function in the project that turns an argument into shell text.
 *
 * - a non-empty string of safe characters stays bare;
 * - the empty string becomes `''`;
 * - anything else is wrapped in single quotes, inside which the shell interprets nothing; a single
 *   quote itself is written as `'"'"'` (close, double-quoted quote, reopen).
 *
 * A NUL byte cannot be passed in an argv at all, so it is refused rather than silently truncated.
 */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) {
    throw new UsageError(`Cannot pass an argument containing a NUL byte to a shell: ${JSON.stringify(arg)}`);
  }
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'"'"'`)}'`;
}

/** Quotes every argument with {@link shellQuote} and joins them with single spaces. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
