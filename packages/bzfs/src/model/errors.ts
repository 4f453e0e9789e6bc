import { ExitCode } from './exit-codes.js';

/** Base of every error bzfs reports on purpose: carries the exit code and whether a retry may help. */
export class BzfsError extends Error {
  readonly exitCode: ExitCode;
  readonly retryable: boolean;
  constructor(message: string, opts: { exitCode?: ExitCode; retryable?: boolean; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.exitCode = opts.exitCode ?? ExitCode.ERROR;
    this.retryable = opts.retryable ?? false;
  }
}

/** Bad command line or input (exit 2). */
export class UsageError extends BzfsError {
  constructor(message: string) {
    super(message, { exitCode: ExitCode.USAGE });
  }
}

/** Another run with the same lock key is still going (exit 4). */
export class StillRunningError extends BzfsError {
  constructor(message: string) {
    super(message, { exitCode: ExitCode.STILL_RUNNING });
  }
}

/** The destination diverged from the source; the message names the --force option that resolves it. */
export class ConflictError extends BzfsError {
  constructor(message: string) {
    super(message, { exitCode: ExitCode.ERROR });
  }
}

/** The message of anything thrown, for a log line. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
