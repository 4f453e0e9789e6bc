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

/** The exit codes as `--help` prints them (README's table says the same at more length). */
export const EXIT_CODES_HELP =
  'Exit codes:\n' +
  `  ${ExitCode.OK}  success\n` +
  `  ${ExitCode.WARNING}  --monitor-snapshots found a WARNING (and nothing worse)\n` +
  `  ${ExitCode.USAGE}  usage error (bad option, name or --log-dir); or --monitor-snapshots found a CRITICAL\n` +
  `  ${ExitCode.ERROR}  error: a conflict was refused, a zfs or ssh command failed, a signal or --timeout\n` +
  `  ${ExitCode.STILL_RUNNING}  another run of the same job still holds the lock`;
