/**
 * Names the log file of one run after what it did and where, so an operator can find "yesterday's
 * replication from prod001 to nas" with `ls`:
 *   <logDir>/2024-09-03/bzfs-jobrunner,replicate,2024-09-03_12:26:15,<jobId>,<jobRun>,000001,<localhost>,prod001,nas.log
 * The fields are comma-separated, so commas — and path separators, `..` and spaces — inside ids and
 * host names become `!`, as in the original.
 */
import { openSync } from 'node:fs';
import { CREATE_PRIVATE, ensurePrivateDir, localDate, logFileTimestamp } from '@bzfs-ts/bzfs';
import { basename, dirname, join } from 'node:path';
import type { Invocation } from '../expand/types.js';

export interface RunLogContext {
  readonly logDir: string;
  readonly jobId: string;
  readonly jobRun: string;
  readonly localhost: string;
}

export function runLogPath(ctx: RunLogContext, inv: Invocation, startedAt: Date): string {
  const fields = [
    'bzfs-jobrunner',
    inv.action,
    logFileTimestamp(startedAt),
    ctx.jobId,
    ctx.jobRun,
    String(inv.seq).padStart(6, '0'),
    ctx.localhost,
    inv.srcHost,
    inv.dstHost ?? '',
  ].map(sanitize);
  return join(ctx.logDir, localDate(startedAt), `${fields.join(',')}.log`);
}

/** Where a run writes its report (bzfs --run-report-file): `<run log>.report.json`. */
export function runReportPath(logFile: string): string {
  return `${logFile}.report.json`;
}

export function sanitize(field: string): string {
  let out = field;
  for (const bad of [' ', '..', '/', '\\', ',']) out = out.replaceAll(bad, '!');
  return out;
}

/** The longest file name most file systems allow (NAME_MAX), in bytes. */
export const MAX_FILE_NAME_BYTES = 255;
/** Room kept for the `~N` a reused name gets, so a run-log name that passed the check always fits. */
export const UNIQUE_SUFFIX_BYTES = 4;
const MAX_UNIQUE_TRIES = 999;

/** The byte length of the run-log file name (without directory) of `inv`. */
export function runLogNameBytes(ctx: RunLogContext, inv: Invocation): number {
  return Buffer.byteLength(basename(runLogPath({ ...ctx, logDir: '/' }, inv, new Date(2000, 0, 1))));
}

/**
 * Opens a new run log for writing, never an existing file and never through a symlink: the name is
 * predictable (`--job-run`), and a root jobrunner appending to a planted link would write wherever
 * the link points. If the name is taken (the same job run started again), `~1`, `~2`, ... is added.
 * The log dir and its daily directory follow bzfs's rule for its own log dir (private, 0700, ours,
 * no symlink), checked on every use: such a directory lets nobody else swap the files in it.
 */
export function openRunLog(path: string): { fd: number; path: string } {
  const dir = dirname(path);
  ensurePrivateDir(dirname(dir), { what: 'log dir', orElse: 'choose another --log-dir', parents: true });
  ensurePrivateDir(dir, { what: 'daily log directory', orElse: 'choose another --log-dir' });
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? path : path.replace(/\.log$/, `~${n}.log`);
    try {
      return { fd: openSync(candidate, CREATE_PRIVATE, 0o600), path: candidate };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n >= MAX_UNIQUE_TRIES) throw e;
    }
  }
}
