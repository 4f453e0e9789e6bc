import { UsageError } from '../model/errors.js';
import { showValue } from '../model/validate.js';

/**
 * `+file` values, as the original expands them for the regex and dataset list options
 * (--include-snapshot-regex +/etc/bzfs/bzfs_argument_file_snapshots ...): a value `+PATH` stands
 * for the lines of that file, each one value as it is (spaces kept), skipping blank lines and
 * lines that start with `#`. The file's name must contain `bzfs_argument_file`, so that a value
 * that merely starts with `+` is not read as a path by accident; --no-argument-file turns the
 * expansion off (then `+PATH` is an error). Reading is the caller's (injected, so this stays pure).
 */

export interface ArgumentFileAccess {
  /** The file's text; throws when it cannot be read. The original refuses to follow a symlink. */
  readonly readText: (path: string) => string;
  /** --no-argument-file was given. */
  readonly disabled?: boolean;
}

/** Python's str.splitlines() separators (\x1c-\x1e among them): what the original splits a file at. */
// eslint-disable-next-line no-control-regex -- the control characters are the point
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function expandArgumentFiles(
  values: readonly string[],
  option: string,
  access: ArgumentFileAccess,
): string[] {
  return values.flatMap((value) => {
    if (!value.startsWith('+')) return [value];
    const path = value.slice(1);
    if (access.disabled === true) {
      throw new UsageError(`${option}: argument files are disabled (--no-argument-file): ${showValue(path)}`);
    }
    if (!(path.split('/').pop() ?? '').includes('bzfs_argument_file')) {
      throw new UsageError(
        `${option}: the name of an argument file must contain 'bzfs_argument_file': ${showValue(path)}`,
      );
    }
    let text: string;
    try {
      text = access.readText(path);
    } catch (e) {
      throw new UsageError(
        `${option}: cannot read argument file ${showValue(path)}: ${(e as Error).message}`,
      );
    }
    return text.split(LINE_BREAK).filter((line) => !line.startsWith('#') && line.trim() !== '');
  });
}
