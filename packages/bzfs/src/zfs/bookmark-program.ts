import type { Command } from '../exec/runner.js';
import type { ZfsArgv } from './commands.js';

/**
 * Many bookmarks in one `zfs program` (a ZFS channel program: one process, one txg) instead of one
 * `zfs bookmark` process each. Channel programs need root (they cannot be delegated), so this is
 * only for a side that is root or runs zfs under sudo (run/dataset-actions.ts decides).
 *
 * `zfs program` reads its script from a file. The script is this fixed constant, never built from
 * input, and reaches zfs on its stdin (`/dev/stdin`), so no temp file has to be made safe: a fixed
 * `sh -c` text pipes its first positional argument (the script) into the rest of its arguments (the
 * zfs argv, sudo included); every value is a positional argument, none is part of shell text.
 */
// One line, so that the logged command line stays one line too.
const BOOKMARK_SCRIPT = [
  '--[[ bzfs: argv holds pairs (snapshot, new bookmark); returns each bookmark with its errno (0: made) ]]',
  'local argv = (...)["argv"]',
  'local made = {}',
  'for i = 1, #argv, 2 do',
  '  made[argv[i + 1]] = zfs.sync.bookmark(argv[i], argv[i + 1])',
  'end',
  'return made',
].join(' ');

const PIPE_SCRIPT_TO_ZFS = 'script=$1; shift; printf %s "$script" | "$@"';

/** At most this many bookmarks per program: far below the argv and channel program limits. */
export const BOOKMARKS_PER_PROGRAM = 200;

/** errno EEXIST (Linux and FreeBSD): another run made the bookmark already, which is fine. */
const EEXIST = 17;

/** The `zfs program -j POOL /dev/stdin SNAP BOOKMARK ...` argv for bookmarks of one pool. */
export function bookmarkProgram(pool: string, pairs: readonly (readonly [string, string])[]): ZfsArgv {
  return {
    argv: ['zfs', 'program', '-j', pool, '/dev/stdin', ...pairs.flat()],
    needsPrivilege: true,
    changesState: true,
  };
}

/** The command that feeds the script to `zfs` (the side's Command of {@link bookmarkProgram}, sudo included). */
export function withScriptOnStdin(zfs: Command): Command {
  return { ...zfs, argv: ['sh', '-c', PIPE_SCRIPT_TO_ZFS, 'sh', BOOKMARK_SCRIPT, ...zfs.argv] };
}

/**
 * The bookmarks the program made or found made (EEXIST), from its JSON output
 * (`{"return": {"pool/ds#b": 0, ...}}`). Anything else, and anything unreadable, is not confirmed.
 */
export function confirmedBookmarks(stdout: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return new Set();
  }
  const ret = (doc as { return?: unknown } | null)?.return;
  if (typeof ret !== 'object' || ret === null) return new Set();
  return new Set(
    Object.entries(ret)
      .filter(([, errno]) => errno === 0 || errno === EEXIST)
      .map(([name]) => name),
  );
}
