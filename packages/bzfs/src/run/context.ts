import type { BzfsConfig, RunSettings } from '../config/types.js';
import type { StateChangePolicy } from '../exec/dry-run-runner.js';
import { isRetryableFailure } from '../exec/retryable.js';
import { CommandFailedError, type CommandRunner, type Pipeline } from '../exec/runner.js';
import type { ForceOptions } from '../plan/types.js';
import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import type { ReportFiles } from '../infra/report-files.js';
import type { ZfsClient } from '../zfs/client.js';
import type { RunRecorder } from './run-recorder.js';
import type { ZfsArgv } from '../zfs/commands.js';
import type { HelperCache } from './transfer-helpers.js';

/** What the tasks of one pair need: config, both sides, and the ways to run and to log. */
export interface TaskContext {
  readonly cfg: BzfsConfig;
  readonly src: ZfsClient;
  readonly dst: ZfsClient;
  readonly runner: CommandRunner;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly render: (p: Pipeline) => string;
  readonly clock: Clock;
  /** Where the run's report files go (infra/report-files.ts). */
  readonly reports: ReportFiles;
  /** pv's progress file (RunDeps.pvLog). */
  readonly pvLog?: string;
  /** Collects the facts of --run-report-file (run/run-recorder.ts); the whole run shares one. */
  readonly recorder: RunRecorder;
  /**
   * The run's wall-clock value, read once when the run starts, so that every dataset and task sees
   * the same "now" (snapshot selection by age, creation's due decisions and names).
   */
  readonly nowMs: number;
  /** --force-once: set after the first forced change of the run (shared by all pairs); later conflicts are refused. */
  readonly force: { used: boolean };
  readonly stats: { stepsSent: number; datasetsReplicated: number };
  /**
   * Destination datasets a real run would have created by now but this dry run only announced.
   * Nothing can be received into their children, not even with `zfs receive -n`: those steps
   * are announced too.
   */
  readonly simulated: Set<string>;
  /**
   * Destination trees whose `zfs destroy -r` this dry run only announced: later tasks of the pair list the tree
   * without them (run/dst-tree.ts), as a real run would find it.
   */
  readonly announcedDestroys: Set<string>;
  /** Destination datasets being created on demand (run/dst-parents.ts), each once per pair. */
  readonly dstCreations: Map<string, Promise<void>>;
  /** The transfer helpers each host has (run/transfer-helpers.ts): asked once per host per run, all pairs share it. */
  readonly helperCache: HelperCache;
}

/** The --force* options in effect now: none once --force-once has been used in this run. */
export function forceInEffect(ctx: TaskContext): ForceOptions {
  return ctx.cfg.force.once && ctx.force.used ? NO_FORCE : ctx.cfg.force;
}

const NO_FORCE: ForceOptions = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: false,
  destroyAllIfNoCommon: false,
};

/**
 * Runs one ZFS-changing command on a side. The runner (exec/dry-run-runner.ts) logs it first in
 * copy-pasteable form, and under --dryrun only announces it. A failure whose stderr `tolerate`
 * accepts is not an error (e.g. a bookmark another run has just created). Returns whether the
 * command really ran (false: only announced).
 */
export async function mutate(
  ctx: TaskContext,
  client: ZfsClient,
  z: ZfsArgv,
  tolerate?: (stderr: string) => boolean,
): Promise<boolean> {
  const cmd = client.command(z);
  const r = await ctx.runner.run(cmd, { signal: ctx.signal, allowFailure: tolerate !== undefined });
  if (r.exitCode !== 0 && !tolerate?.(r.stderr)) {
    const line = ctx.render({ stages: [cmd] });
    throw new CommandFailedError(line, r.exitCode, r.stderr, isRetryableFailure(r.exitCode, r.stderr));
  }
  return r.simulated !== true;
}

/** What the runner does with commands that change ZFS state in this run. */
export function stateChangePolicy(run: RunSettings): StateChangePolicy {
  if (run.explain) return 'refuse';
  return run.dryrun === undefined ? 'run' : 'simulate';
}
