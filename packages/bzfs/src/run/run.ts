import type { BzfsConfig } from '../config/types.js';
import { BzfsError, messageOf } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { runPair, type RunDeps } from './pair-pipeline.js';

/** Runs every SRC DST pair in turn; returns the exit code. Errors of one pair don't stop the next. */
export async function runAll(cfg: BzfsConfig, deps: RunDeps): Promise<ExitCode> {
  const errors: unknown[] = [];
  // --force-once counts across all pairs of the run.
  const force = { used: false };
  const nowMs = deps.clock.wallMs();
  for (const pair of cfg.pairs) {
    try {
      const failures = await runPair(cfg, pair, deps, force, nowMs);
      errors.push(...failures);
      if (failures.length > 0 && cfg.skipOnError === 'fail') break;
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
  return ExitCode.OK;
}
