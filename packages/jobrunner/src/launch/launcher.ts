import type { RunReport } from '@bzfs-ts/bzfs';
import type { Invocation } from '../expand/types.js';

/** How one bzfs run ended. */
export interface LaunchResult {
  /** Undefined when the process was killed by a signal or never started. */
  readonly exitCode?: number;
  readonly signal?: string;
  /** The run exceeded its timeout and was killed with all its child processes. */
  readonly timedOut: boolean;
  /** Why the process could not be started at all (e.g. bzfs not found). */
  readonly error?: string;
  /** The last lines bzfs wrote to stderr, for the jobrunner's own log. */
  readonly stderrTail: readonly string[];
  /** Where the run's full output went. */
  readonly logFile?: string;
  /** What the run reported about itself (bzfs --run-report-file); undefined if it wrote no valid report. */
  readonly report?: RunReport;
}

export interface LaunchOptions {
  /** Aborting kills the run (and its children). */
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
}

/** Port: runs one invocation of bzfs. The real one spawns a process; tests use fakes. */
export interface BzfsLauncher {
  launch(inv: Invocation, opts: LaunchOptions): Promise<LaunchResult>;
}
