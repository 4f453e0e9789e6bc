import { BzfsError } from '../model/errors.js';
import type { Command, CommandResult, CommandRunner, Pipeline, RunOptions } from './runner.js';

/**
 * What happens to a command that changes ZFS state: it runs (`run`), it is only announced
 * (`simulate`, --dryrun), or it is refused (`refuse`, --explain, which must never change anything).
 */
export type StateChangePolicy = 'run' | 'simulate' | 'refuse';

export interface DryRunDeps {
  readonly policy: StateChangePolicy;
  readonly log: { info(msg: string): void };
  /** The copy-pasteable form of a command line (exec/ssh.ts renderForLog with the run's settings). */
  readonly render: (p: Pipeline) => string;
}

const SIMULATED: CommandResult = { exitCode: 0, stdout: '', stderr: '', simulated: true };

/**
 * The one place where dry-run is decided: wraps the real runner. A command or pipeline with a
 * stage that changes ZFS state is logged before it runs (`Executing: ...`), or under --dryrun only
 * logged (`Would execute: ...`) and answered with a simulated result; reads pass straight through.
 * A pipeline whose stages change nothing (`zfs send | zfs receive -n`) runs even under --dryrun.
 */
export class DryRunRunner implements CommandRunner {
  constructor(
    private readonly inner: CommandRunner,
    private readonly deps: DryRunDeps,
  ) {}

  run(cmd: Command, opts: RunOptions = {}): Promise<CommandResult> {
    return this.dispatch([cmd], opts, () => this.inner.run(cmd, opts));
  }

  runPipeline(p: Pipeline, opts: RunOptions = {}): Promise<CommandResult> {
    return this.dispatch(p.stages, opts, () => this.inner.runPipeline(p, opts));
  }

  private async dispatch(
    stages: readonly Command[],
    opts: RunOptions,
    go: () => Promise<CommandResult>,
  ): Promise<CommandResult> {
    const changes = stages.some((s) => s.changesState);
    // An unlabelled read is not worth an info line (the runner traces every command anyway).
    if (!changes && opts.what === undefined && opts.announceOnly !== true) return go();
    const line = this.deps.render({ stages });
    const label = opts.what === undefined ? '' : ` (${opts.what})`;
    if (changes && this.deps.policy === 'refuse') {
      throw new BzfsError(
        `Refused to run a command that changes ZFS state while only explaining (--explain): ${line}. ` +
          `This is a bug in bzfs; nothing was changed.`,
      );
    }
    if (opts.announceOnly === true || (changes && this.deps.policy === 'simulate')) {
      this.deps.log.info(`Would execute${label}: ${line}`);
      return SIMULATED;
    }
    this.deps.log.info(`Executing${label}: ${line}`);
    return go();
  }
}
