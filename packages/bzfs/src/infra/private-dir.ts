import { constants, lstatSync, mkdirSync, openSync, readlinkSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BzfsError, UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';

/** How a private directory is named in messages, and what a refusal means. */
export interface PrivateDirOptions {
  /** Names the directory in messages, e.g. '--log-dir' or 'ssh control directory'. */
  readonly what?: string;
  /** The way out besides fixing the directory, e.g. 'choose another --log-dir'. */
  readonly orElse?: string;
  /**
   * Also create missing ancestors (mkdir -p). Ancestors are the operator's business and are not
   * checked (a symlinked /home is fine); only `path` itself must be ours.
   */
  readonly parents?: boolean;
  /**
   * Exit code for a directory that is unusable or unsafe as named: USAGE (2, the default) when the
   * name came from an option value such as --log-dir; ERROR (3) for one bzfs chose itself.
   * Failures that are not about the name (ENOSPC, EIO, EMFILE, ...) are always ERROR.
   */
  readonly exitCode?: typeof ExitCode.USAGE | typeof ExitCode.ERROR;
}

/** Error codes that say the name is unusable as given, so another name (or a chmod/chown) fixes it. */
const PATH_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or directory, or this file system cannot hold new directories there',
  ENOTDIR: 'a component of the path is not a directory',
  ENAMETOOLONG: 'the name is too long',
  EACCES: 'permission denied for the user running bzfs',
  EPERM: 'operation not permitted on this file system',
  EROFS: 'read-only file system',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'the name exists already',
};

/**
 * Makes sure `path` is a directory that only the effective user can use: creates it (mode 0700) if
 * missing, then refuses it unless it is a real directory (a symlink is never followed), owned by
 * process.geteuid(), with mode exactly 0700. Call it on every use, not only on creation: the check
 * is what keeps other users from planting logs or locks there.
 *
 * Node's own recursive mkdir is not used: on /proc it loops forever (mkdir answers ENOENT although
 * the parent exists, the parent answers EEXIST, and it retries the child).
 */
export function ensurePrivateDir(path: string, opts: PrivateDirOptions = {}): void {
  const o = { what: 'directory', orElse: 'choose another directory', exitCode: ExitCode.USAGE, ...opts };
  makeDir(path, o.parents ?? false, o);
  checkPrivateDir(path, o);
}

/**
 * Creates a new file that nobody else can have prepared: exclusively (EEXIST if the name exists),
 * without following a symlink in the last component, mode 0600. Returns the open, writable fd.
 */
export function createPrivateFile(path: string, opts: PrivateDirOptions = {}): number {
  const o = { what: 'file', orElse: 'choose another directory', exitCode: ExitCode.USAGE, ...opts };
  try {
    return openSync(path, CREATE_PRIVATE, 0o600);
  } catch (e) {
    throw fsError(`cannot create ${o.what} ${path}`, e, o);
  }
}

/** open(2) flags for a new private file: exclusive, and a symlink as the last component is an error. */
export const CREATE_PRIVATE =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

type Resolved = Required<Omit<PrivateDirOptions, 'parents'>>;

/**
 * mkdir, and with `parents` mkdir -p. Ancestors get 0700 too: they exist only because the operator
 * named a path below them. After creating a missing parent the child is retried exactly once: if
 * that still fails (ENOENT on /proc), that is the answer, not a reason to loop.
 */
function makeDir(path: string, parents: boolean, o: Resolved): void {
  const fail = (e: unknown) => fsError(`cannot create ${o.what} ${path}`, e, o);
  const mkdir = () => {
    try {
      mkdirSync(path, { mode: 0o700 });
      return undefined;
    } catch (e) {
      // EEXIST is fine: whatever exists is checked next with lstat (an ancestor that is a file
      // makes the child's mkdir fail with ENOTDIR).
      return (e as NodeJS.ErrnoException).code === 'EEXIST' ? undefined : e;
    }
  };
  const first = mkdir();
  if (first === undefined) return;
  const parent = dirname(resolve(path));
  if ((first as NodeJS.ErrnoException).code !== 'ENOENT' || !parents || parent === resolve(path))
    throw fail(first);
  makeDir(parent, true, o);
  const second = mkdir();
  if (second !== undefined) throw fail(second);
}

function checkPrivateDir(path: string, o: Resolved): void {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    throw fsError(`cannot use ${o.what} ${path}`, e, o);
  }
  const refuse = (why: string, fix: string) =>
    new (o.exitCode === ExitCode.USAGE ? UsageError : BzfsError)(
      `${o.what} ${path} ${why}: ${fix}, or ${o.orElse}`,
    );
  if (st.isSymbolicLink()) {
    const why = `must not be a symlink (it points to ${linkTarget(path)}), as bzfs would write wherever it points`;
    throw refuse(why, 'replace it with a real directory');
  }
  if (!st.isDirectory()) throw refuse('exists but is not a directory', 'remove or rename it');
  const me = process.geteuid?.();
  if (me !== undefined && st.uid !== me) {
    const why = `is owned by uid ${st.uid}, not by the user running bzfs (uid ${me}), who must own it alone`;
    throw refuse(why, `chown ${me} ${path}`);
  }
  const mode = st.mode & 0o777;
  if (mode !== 0o700) {
    const open = mode & 0o077 ? ', so other users could read or plant files there' : '';
    throw refuse(`has mode ${mode.toString(8).padStart(4, '0')} instead of 0700${open}`, `chmod 700 ${path}`);
  }
}

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}

/** A typed error for a failed fs call; the errno code stays in the message for the operator. */
function fsError(what: string, e: unknown, o: Resolved): BzfsError {
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? 'unknown error';
  const problem = PATH_PROBLEMS[code];
  if (problem === undefined) {
    return new BzfsError(`${what}: ${err.message}`, { cause: e });
  }
  const msg = `${what}: ${problem} (${code}); ${o.orElse}`;
  return o.exitCode === ExitCode.USAGE ? new UsageError(msg) : new BzfsError(msg, { cause: e });
}
