import type { BzfsConfig } from '../config/types.js';
import type { CommandRunner, Pipeline } from '../exec/runner.js';
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
  readonly stats: { snapshotsSent: number; datasetsReplicated: number };
}

/**
 * Runs one ZFS-changing command on a side, logging it first in copy-pasteable form. Under
 * --dryrun it is only logged ("Would execute"), never run.
 */
export async function mutate(ctx: TaskContext, client: ZfsClient, z: ZfsArgv): Promise<void> {
  const cmd = client.command(z);
  const line = ctx.render({ stages: [cmd] });
  if (ctx.cfg.dryrun !== undefined) {
    ctx.log.info(`Would execute: ${line}`);
    return;
  }
  ctx.log.info(`Executing: ${line}`);
  await ctx.runner.run(cmd, { signal: ctx.signal });
}
