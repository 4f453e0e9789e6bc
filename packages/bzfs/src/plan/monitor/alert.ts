/**
 * What the monitor's checks mean for the operator and the exit code: each check's log line, in the original's
 * words, and the alert that decides the exit code (the worst one; --monitor-snapshots-dont-warn/-dont-crit
 * still log theirs, but they count for nothing). Pure.
 */
import { ExitCode } from '../../model/exit-codes.js';
import { humanDuration } from '../../model/human-duration.js';
import type { MonitorCheck } from './checks.js';

export interface MonitorAlert {
  readonly severity: 'WARNING' | 'CRITICAL';
  readonly kind: MonitorCheck['kind'];
  /** The check's log line: what the run reports as the cause of its exit code. */
  readonly message: string;
}

/** `--monitor_snapshots: Latest snapshot for tank/a@prod_<timestamp>_daily is 1.2d old but should be at most 1.1d old: @...` */
export function checkMessage(c: MonitorCheck): string {
  const m = '--monitor_snapshots: ';
  const what = `${c.dataset}@${c.label}`;
  if (c.snapshot === undefined) return `${m}No snapshot exists for ${what}`;
  const kind = c.kind === 'latest' ? 'Latest' : 'Oldest';
  const age = `${kind} snapshot for ${what} is ${humanDuration(c.ageMs)} old`;
  if (c.severity === 'OK') return `${m}OK. ${age}: @${c.snapshot}`;
  return `${m}${age} but should be at most ${humanDuration(c.limitMs)} old: @${c.snapshot}`;
}

/** The alert of the worst check that counts, or undefined when none does. */
export function worstAlert(
  checks: readonly MonitorCheck[],
  o: { readonly dontWarn: boolean; readonly dontCrit: boolean },
): MonitorAlert | undefined {
  let worst: MonitorAlert | undefined;
  for (const c of checks) {
    if (c.severity === 'OK' || (c.severity === 'WARNING' ? o.dontWarn : o.dontCrit)) continue;
    worst = worseAlert(worst, { severity: c.severity, kind: c.kind, message: checkMessage(c) });
  }
  return worst;
}

const RANK = { WARNING: 1, CRITICAL: 2 } as const;

/** The worse of two alerts: CRITICAL over WARNING, then a latest check over an oldest (as the original); else `a`. */
export function worseAlert(
  a: MonitorAlert | undefined,
  b: MonitorAlert | undefined,
): MonitorAlert | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const d = RANK[b.severity] - RANK[a.severity];
  return d > 0 || (d === 0 && b.kind === 'latest' && a.kind === 'oldest') ? b : a;
}

/** 2 for CRITICAL, 1 for WARNING, 0 without an alert. */
export function alertExitCode(a: MonitorAlert | undefined): ExitCode {
  return a === undefined ? ExitCode.OK : a.severity === 'CRITICAL' ? ExitCode.CRITICAL : ExitCode.WARNING;
}
