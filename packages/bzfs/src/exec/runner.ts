import { BzfsError } from '../model/errors.js';

/** How to reach a remote host: everything `ssh` needs, nothing else. */
export interface SshTarget {
  readonly host: string;
  readonly user?: string;
  readonly port?: number;
  /** `ssh -F FILE`; the value `none` makes ssh read no config file. */
  readonly configFile?: string;
}

/** Where a command runs: on this machine (ssh undefined) or on a remote host over ssh. */
export interface Place {
  readonly ssh?: SshTarget;
}

export const LOCAL: Place = {};

/** One program with its arguments, on one host. Never a shell string. */
export interface Command {
  readonly place: Place;
  readonly argv: readonly string[];
  /**
   * Running it changes ZFS state. Required, so that whoever builds a command decides: the dry-run
   * decorator (dry-run-runner.ts) only announces such commands, and --explain refuses them.
   */
  readonly changesState: boolean;
  /**
   * A local command only: its stderr is appended to this file (created 0600) instead of being captured. pv's
   * progress lines go there (`<log file>.pv`, as the original), so that they fill neither memory nor error messages.
   */
  readonly stderrFile?: string;
}

/**
 * A chain of commands whose stdout feeds the next one's stdin (e.g. zfs send | zfs receive).
 * Consecutive stages on the same remote host are joined into one remote shell pipeline; the
 * stream between hosts is relayed through this process without touching disk.
 */
export interface Pipeline {
  readonly stages: readonly Command[];
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Only announced, not run (--dryrun, or a step the plan says cannot be tried); exit code 0, no output. */
  readonly simulated?: true;
}

export interface RunOptions {
  /** Aborting kills the child process(es). */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Non-zero exit is returned instead of thrown. */
  readonly allowFailure?: boolean;
  /** What the command does, for its log line: `Executing (full → s1): ...`. */
  readonly what?: string;
  /** Announce it (`Would execute`) instead of running it, whatever the mode: the plan says it cannot run now. */
  readonly announceOnly?: boolean;
}

/** The port through which bzfs runs every external program. */
export interface CommandRunner {
  run(cmd: Command, opts?: RunOptions): Promise<CommandResult>;
  runPipeline(p: Pipeline, opts?: RunOptions): Promise<CommandResult>;
}

/** An external command failed; carries what an operator needs to reproduce it. */
export class CommandFailedError extends BzfsError {
  readonly commandLine: string;
  readonly processExitCode: number;
  readonly stderr: string;
  constructor(commandLine: string, exitCode: number, stderr: string, retryable: boolean) {
    const tail = stderr.trim().split('\n').slice(-6).join('\n');
    super(`command failed with exit code ${exitCode}: ${commandLine}${tail ? `\n${tail}` : ''}`, {
      retryable,
    });
    this.commandLine = commandLine;
    this.processExitCode = exitCode;
    this.stderr = stderr;
  }
}
