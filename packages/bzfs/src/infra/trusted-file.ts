import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * Reads a file whose lines become options (`+file` argument files): values read from it select
 * what gets replicated and what gets deleted, so a file someone else can rewrite is a way to make
 * bzfs delete snapshots. As the original does, the file is opened without following a symlink
 * (O_NOFOLLOW: a symlink in the last path component fails with ELOOP), must be owned by the
 * effective user or by root, and must not be writable by group or others nor executable by anyone.
 * The checks run on the open descriptor (fstat), so the file cannot be swapped between check and read.
 */

/** The mode bits that make a file untrustworthy: group/other write, any execute. */
const UNSAFE_MODE_BITS = 0o022 | 0o111;

export interface FileOwner {
  /** The effective uid; undefined where the platform has none (then ownership is not checked). */
  readonly euid?: number;
}

export function readTrustedTextFile(path: string, owner: FileOwner = { euid: process.geteuid?.() }): string {
  let fd: number;
  try {
    // No O_CLOEXEC: libuv opens every descriptor close-on-exec already.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') {
      throw new Error('it is a symlink, and argument files are not read through symlinks', { cause: e });
    }
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('it is not a regular file');
    if (owner.euid !== undefined && stat.uid !== owner.euid && stat.uid !== 0) {
      throw new Error(`it is owned by uid ${stat.uid}, not by ${owner.euid} or root`);
    }
    const mode = stat.mode & 0o777;
    if ((mode & UNSAFE_MODE_BITS) !== 0) {
      throw new Error(
        `its permissions are ${mode.toString(8).padStart(3, '0')}, but it must not be writable by group or ` +
          'others, nor executable by anyone (chmod 600 it)',
      );
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
