import { randomBytes } from 'node:crypto';
import { localDate, logFileTimestamp } from '../model/timestamps.js';
import { createPrivateFile, ensurePrivateDir } from './private-dir.js';

/** Where one run logs and locks, under --log-dir. */
export interface RunLogFiles {
  /** The run's log file, `<logDir>/<YYYY-MM-DD>/bzfs_<YYYY-MM-DD_HH:MM:SS>_<rand>.log` (local time, as the jobrunner's), created 0600. */
  readonly logFile: string;
  /** An fd open for writing on logFile; the logger takes it over. */
  readonly fd: number;
  /** The private lock directory `<logDir>/.locks`. */
  readonly lockDir: string;
}

/**
 * Sets up the private tree under --log-dir and creates this run's log file. The log dir may be
 * created with its parents; it, the daily subdir and .locks must be real directories (no symlink
 * followed) owned by the effective user with mode 0700, and the log file is new (O_EXCL, O_NOFOLLOW).
 * .locks is checked here already so that a bad one is reported before the run starts (acquireLock
 * checks it again on use).
 *
 * Throws UsageError (exit 2) when --log-dir is unsafe or unusable as named (symlink, other owner,
 * mode, not a directory, ENOENT, ENOTDIR, ENAMETOOLONG, EACCES, EPERM, EROFS), BzfsError (exit 3)
 * for other failures (ENOSPC, EIO, ...).
 */
export function openRunLog(logDir: string, now: Date): RunLogFiles {
  const orElse = 'choose another --log-dir';
  ensurePrivateDir(logDir, { what: '--log-dir', orElse, parents: true });
  const dayDir = `${logDir}/${localDate(now)}`;
  ensurePrivateDir(dayDir, { what: '--log-dir subdirectory', orElse });
  const lockDir = `${logDir}/.locks`;
  ensurePrivateDir(lockDir, { what: 'lock directory', orElse });
  const logFile = `${dayDir}/bzfs_${logFileTimestamp(now)}_${randomBytes(3).toString('hex')}.log`;
  return { logFile, fd: createPrivateFile(logFile, { what: 'log file', orElse }), lockDir };
}
