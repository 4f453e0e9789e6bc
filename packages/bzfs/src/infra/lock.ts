import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { StillRunningError } from '../model/errors.js';
import { CREATE_PRIVATE, ensurePrivateDir } from './private-dir.js';

/**
 * A lock file that is empty or unreadable as "pid starttime" is taken for held until it is this old.
 * Our own lock files never look like that (they appear atomically with their content), but those of
 * older versions, created empty and written afterwards, briefly did.
 */
export const UNPARSABLE_LOCK_GRACE_MS = 60_000;

/**
 * A per-job lock file holding "pid starttime". Node has no flock, so liveness is checked instead:
 * a lock whose process is gone (or whose PID now belongs to another process) is stale and taken over.
 *
 * The lock file is created atomically with its content: written to a private temp file in the same
 * directory, then hard-linked to the lock path (EEXIST = held), so a competitor never sees it empty.
 *
 * The directory must be private (ours, 0700, not a symlink), checked on every call: anyone who can
 * write into it could plant a lock that makes the job exit 4 forever. A refusal is a UsageError
 * (exit 2), as the directory lives under --log-dir.
 */
export function acquireLock(dir: string, key: string): () => void {
  ensurePrivateDir(dir, { what: 'lock directory', orElse: 'choose another --log-dir', parents: true });
  const path = `${dir}/bzfs-lockfile-${key}.lock`;
  const me = `${process.pid} ${startTime(process.pid)}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, me)) {
      return () => {
        try {
          if (readContent(path) === me) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    }
    const held = (why: string) =>
      new StillRunningError(
        `Exiting as same previous periodic job is still running without completion yet (${why}, lock ${path})`,
      );
    const content = readContent(path);
    if (content === undefined) continue; // removed meanwhile: try again
    const holder = parseHolder(content);
    if (holder === undefined) {
      if (!isOld(path)) throw held('lock file without a valid holder yet');
    } else if (isAlive(holder.pid, holder.start)) {
      throw held(`pid ${holder.pid}`);
    }
    removeIfStill(path, content);
  }
  throw new StillRunningError(`could not take the lock ${path}: another run keeps recreating it`);
}

/** Creates `path` holding `content` in one step; false if it exists already. */
function tryCreate(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, CREATE_PRIVATE, 0o600);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    linkSync(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      /* nothing to clean up */
    }
  }
}

/**
 * Removes a stale lock, but only the one that was judged stale: it is first moved aside, and put
 * back if a competitor replaced it in the meantime with its own (live) lock. (Only if a third run
 * creates the lock in the instant between moving aside and putting back can two runs hold it.)
 */
function removeIfStill(path: string, staleContent: string): void {
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else removed it
  }
  try {
    if (readContent(aside) !== staleContent) linkSync(aside, path);
  } catch {
    /* a third run took the lock meanwhile; it stays the holder */
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      /* already gone */
    }
  }
}

/** The lock file's content; undefined if it is gone (or is a symlink, which no bzfs creates). */
function readContent(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    return readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function parseHolder(content: string): { pid: number; start: string } | undefined {
  // The start time is empty where /proc is unavailable.
  const m = /^(\d+)(?: (\S*))?$/.exec(content.trim());
  if (!m) return undefined;
  const pid = Number(m[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, start: m[2] ?? '' } : undefined;
}

function isOld(path: string): boolean {
  try {
    return Date.now() - lstatSync(path).mtimeMs > UNPARSABLE_LOCK_GRACE_MS;
  } catch {
    return true; // gone: nothing to respect
  }
}

/**
 * Only ESRCH means the process is gone; EPERM means it exists but belongs to another user. A live
 * PID is the holder unless its start time shows it was reused; if that cannot be read (another
 * user's process under hidepid), it is taken for the holder.
 */
function isAlive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = startTime(pid);
  return now === '' || now === start;
}

/** Process start time in clock ticks since boot (field 22 of /proc/PID/stat); '' where unavailable. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}
