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
  /** The file's text; throws when it cannot be read or is not to be trusted (infra/trusted-file.ts). */
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
  return values.flatMap((value) =>
    value.startsWith('+') ? fileLines(value.slice(1), option, access) : [value],
  );
}

/**
 * The positional SRC_DATASET DST_DATASET arguments: a `+PATH` among them stands for the pairs in
 * that file, one per line, source and destination separated by a TAB.
 */
export function expandPairFiles(values: readonly string[], access: ArgumentFileAccess): string[] {
  const what = 'SRC_DATASET DST_DATASET';
  return values.flatMap((value) => {
    if (!value.startsWith('+')) return [value];
    const path = value.slice(1);
    return fileLines(path, what, access).flatMap((line) => {
      const tab = line.indexOf('\t');
      const [src, dst] = tab < 0 ? [line, ''] : [line.slice(0, tab), line.slice(tab + 1)];
      if (src.trim() === '' || dst.trim() === '') {
        throw new UsageError(
          `${what}: each line of argument file ${showValue(path)} must be a source and a destination ` +
            `dataset separated by a TAB, not ${showValue(line)}`,
        );
      }
      return [src, dst];
    });
  });
}

/** The values a file stands for: its lines, without blank lines and `#` comments. */
function fileLines(path: string, option: string, access: ArgumentFileAccess): string[] {
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
    throw new UsageError(`${option}: cannot read argument file ${showValue(path)}: ${(e as Error).message}`);
  }
  return text.split(LINE_BREAK).filter((line) => !line.startsWith('#') && line.trim() !== '');
}
