/**
 * The jobrunner's exit code is the worst of its runs' codes, with the original's precedence:
 *   a fatal code (3, or anything outside 0–4; the highest wins)
 *   > monitor CRITICAL (2) > monitor WARNING (1)
 *   > STILL_RUNNING (4: another run of the same job holds the lock)
 *   > 0.
 * A run that was still running (4) is no news for cron, but a monitor alert is, and an error is more.
 */
import { ExitCode } from '@bzfs-ts/bzfs';
import { MONITOR_ACTIONS, type Action } from '../expand/actions.js';
import type { LaunchResult } from '../launch/launcher.js';

const NON_FATAL: ReadonlySet<number> = new Set([
  ExitCode.OK,
  ExitCode.WARNING,
  ExitCode.USAGE, // doubles as monitor CRITICAL
  ExitCode.STILL_RUNNING,
]);

// Precedence ranks, not exit codes: named so that no rank reads like a literal exit code.
const RANK = { OK: 0, STILL_RUNNING: 1, MONITOR_ALERT: 2, FATAL: 3 } as const;

function rank(code: number): number {
  if (!NON_FATAL.has(code)) return RANK.FATAL;
  if (code === ExitCode.WARNING || code === ExitCode.USAGE) return RANK.MONITOR_ALERT;
  return code === ExitCode.STILL_RUNNING ? RANK.STILL_RUNNING : RANK.OK;
}

export function worstExitCode(a: number, b: number): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra > rb ? a : b;
  return Math.max(a, b);
}

export function combineExitCodes(codes: Iterable<number>): number {
  let worst: number = ExitCode.OK;
  for (const c of codes) worst = worstExitCode(worst, c);
  return worst;
}

/**
 * The code one run contributes. A run that timed out, was killed by a signal or could not start is an
 * error (3). A monitor run's 1/2 is WARNING/CRITICAL only when its run report (bzfs --run-report-file) says
 * the code is an alert's: bzfs exits 2 for a usage error too, and that is the jobrunner's error, never a
 * CRITICAL. From any other run a 1 is a crash and a 2 a usage error: errors as well.
 */
export function runExitCode(action: Action, r: LaunchResult): number {
  if (r.error !== undefined || r.timedOut || r.exitCode === undefined) return ExitCode.ERROR;
  const c = r.exitCode;
  if (c !== ExitCode.WARNING && c !== ExitCode.USAGE) return c;
  return MONITOR_ACTIONS.has(action) && r.report?.outcome === 'alert' ? c : ExitCode.ERROR;
}

/** Whether bzfs refused the run's arguments: exit 2 that its report does not call an alert. */
export function isUsageError(r: LaunchResult): boolean {
  return r.exitCode === ExitCode.USAGE && (r.report === undefined || r.report.outcome === 'usage-error');
}
