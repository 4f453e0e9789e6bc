import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { StillRunningError } from '../model/errors.js';

/**
 * A per-job lock file holding "pid starttime". Node has no flock, so liveness is checked instead:
 * a lock whose process is gone (or whose PID now belongs to another process) is stale and taken over.
 */
export function acquireLock(dir: string, key: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = `${dir}/bzfs-lockfile-${key}.lock`;
  const me = `${process.pid} ${startTime(process.pid)}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, me);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === me) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      if (holder && isAlive(holder.pid, holder.start)) {
        throw new StillRunningError(
          `Exiting as same previous periodic job is still running without completion yet (pid ${holder.pid}, lock ${path})`,
        );
      }
      try {
        unlinkSync(path);
      } catch {
        /* someone else removed it */
      }
    }
  }
  throw new StillRunningError(`could not take the lock ${path}: another run keeps recreating it`);
}

function readHolder(path: string): { pid: number; start: string } | undefined {
  try {
    const [pid, start] = readFileSync(path, 'utf8').trim().split(' ');
    return pid ? { pid: Number(pid), start: start ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return startTime(pid) === start;
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
