import type { BzfsConfig } from '../config/types.js';
import { isRetryableFailure } from '../exec/retryable.js';
import { CommandFailedError, type CommandRunner, type Pipeline } from '../exec/runner.js';
import type { ForceOptions } from '../plan/types.js';
import type { Logger } from '../infra/logger.js';
import type { ZfsClient } from '../zfs/client.js';
import type { ZfsArgv } from '../zfs/commands.js';

/** What a replication task needs: config, both sides, and the ways to run and to log. */
export interface TaskContext {
  readonly cfg: BzfsConfig;
  readonly src: ZfsClient;
  readonly dst: ZfsClient;
  readonly runner: CommandRunner;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly render: (p: Pipeline) => string;
  /** --force-once: set after the first forced change of the run (shared by all pairs); later conflicts are refused. */
  readonly force: { used: boolean };
  readonly stats: { stepsSent: number; datasetsReplicated: number };
  /**
   * Destination datasets a real run would have created by now but this dry run only announced.
   * Nothing can be received into their children, not even with `zfs receive -n`: those steps
   * are announced too.
   */
  readonly simulated: Set<string>;
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
 * Runs one ZFS-changing command on a side, logging it first in copy-pasteable form. Under
 * --dryrun it is only logged ("Would execute"), never run. A failure whose stderr `tolerate`
 * accepts is not an error (e.g. a bookmark another run has just created). Returns whether the
 * command really ran.
 */
export async function mutate(
  ctx: TaskContext,
  client: ZfsClient,
  z: ZfsArgv,
  tolerate?: (stderr: string) => boolean,
): Promise<boolean> {
  const cmd = client.command(z);
  const line = ctx.render({ stages: [cmd] });
  if (ctx.cfg.run.dryrun !== undefined) {
    ctx.log.info(`Would execute: ${line}`);
    return false;
  }
  ctx.log.info(`Executing: ${line}`);
  const r = await ctx.runner.run(cmd, { signal: ctx.signal, allowFailure: tolerate !== undefined });
  if (r.exitCode !== 0 && !tolerate?.(r.stderr)) {
    throw new CommandFailedError(line, r.exitCode, r.stderr, isRetryableFailure(r.exitCode, r.stderr));
  }
  return true;
}
