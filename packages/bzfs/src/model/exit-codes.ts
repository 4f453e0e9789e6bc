/**
 * Process exit codes of `bzfs` (the same contract as the original bzfs, so monitoring and the
 * jobrunner can interpret them).
 */
export const ExitCode = {
  /** Everything requested was done. */
  OK: 0,
  /** A monitor check found a WARNING condition. */
  WARNING: 1,
  /** Usage error (bad option or argument), or a monitor CRITICAL condition. */
  USAGE: 2,
  /** The same code as USAGE, as the original has it: a monitor check found a CRITICAL condition. */
  CRITICAL: 2,
  /** A run-time error: a zfs/ssh command failed, a conflict was refused, and so on. */
  ERROR: 3,
  /** Another run with the same configuration still holds the lock. */
  STILL_RUNNING: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
