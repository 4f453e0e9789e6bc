import type { BzfsConfig } from '../config/types.js';
import { BzfsError, messageOf } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { alertExitCode, worseAlert, type MonitorAlert } from '../plan/monitor/alert.js';
import { runPair, type RunDeps } from './pair-pipeline.js';
import type { HelperCache } from './transfer-helpers.js';

/**
 * Runs every SRC DST pair in turn; returns the exit code. Errors of one pair don't stop the next. An error
 * decides the exit code (3, or its own); without one, the worst --monitor-snapshots alert of all pairs does
 * (1 WARNING, 2 CRITICAL), as the original exits.
 */
export async function runAll(cfg: BzfsConfig, runDeps: RunDeps): Promise<ExitCode> {
  // Each remote host is probed once per run, however many pairs name it.
  const deps: RunDeps = { ...runDeps, remoteProbes: runDeps.remoteProbes ?? new Map() };
  const errors: unknown[] = [];
  let alert: MonitorAlert | undefined;
  // --force-once counts across all pairs of the run.
  const force = { used: false };
  // Each host is asked once per run which transfer helpers it has.
  const helperCache: HelperCache = new Map();
  const nowMs = deps.clock.wallMs();
  for (const pair of cfg.pairs) {
    try {
      const outcome = await runPair(cfg, pair, deps, force, nowMs, helperCache);
      errors.push(...outcome.failures);
      alert = worseAlert(alert, outcome.alert);
      if (outcome.failures.length > 0 && cfg.skipOnError === 'fail') break;
    } catch (e) {
      errors.push(e);
      deps.log.error(messageOf(e));
      if (cfg.skipOnError === 'fail') break;
    }
  }
  if (errors.length > 0) {
    deps.log.error(`Tolerated ${errors.length} error(s). First: ${messageOf(errors[0]).split('\n')[0]}`);
    const first = errors[0];
    return first instanceof BzfsError ? first.exitCode : ExitCode.ERROR;
  }
  const code = alertExitCode(alert);
  if (alert !== undefined) deps.recorder?.exitedOnAlert();
  if (alert !== undefined) deps.log.error(`Exiting bzfs with status code ${code}. Cause: ${alert.message}`);
  return code;
}
