/**
 * Names the log file of one run after what it did and where, so an operator can find "yesterday's
 * replication from prod001 to nas" with `ls`:
 *   <logDir>/2024-09-03/bzfs-jobrunner,replicate,2024-09-03_12:26:15,<jobId>,<jobRun>,000001,<localhost>,prod001,nas.log
 * The fields are comma-separated, so commas — and path separators, `..` and spaces — inside ids and
 * host names become `!`, as in the original.
 */
import { join } from 'node:path';
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
    timestamp(startedAt),
    ctx.jobId,
    ctx.jobRun,
    String(inv.seq).padStart(6, '0'),
    ctx.localhost,
    inv.srcHost,
    inv.dstHost ?? '',
  ].map(sanitize);
  return join(ctx.logDir, timestamp(startedAt).slice(0, 10), `${fields.join(',')}.log`);
}

export function sanitize(field: string): string {
  let out = field;
  for (const bad of [' ', '..', '/', '\\', ',']) out = out.replaceAll(bad, '!');
  return out;
}

/** Local time, `YYYY-MM-DD_HH:MM:SS`, the original's log timestamp. */
function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
