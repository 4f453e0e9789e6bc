// Public library API of @bzfs-ts/bzfs (used by @bzfs-ts/jobrunner).
export { ExitCode } from './model/exit-codes.js';
export { BzfsError, UsageError, StillRunningError, ConflictError } from './model/errors.js';
export type { SnapshotRef } from './model/snapshot.js';
export { toArgv, type BzfsOptions } from './cli/to-argv.js';
// Duration parsing and the longest timer delay, shared with jobrunner's worker timeouts.
export { parseDurationMs } from './cli/values.js';
// N or N% of the CPU cores: bzfs --threads and the jobrunner's --workers count by the same rule.
export { COUNT_OR_PERCENT_PATTERN, countOfCores, countOrPercentProblem } from './model/core-share.js';
// Local-time stamps of log file names and daily log dirs, the same in both programs (log lines: createLogger).
export { localDate, logFileTimestamp } from './model/timestamps.js';
export { MAX_TIMER_MS } from './model/timer-limit.js';
// Snapshot periods (`10minutely`) and `N units` words: the spec schema accepts what bzfs parses.
export { PERIOD_UNITS, PERIOD_PATTERN } from './model/period.js';
export { DURATION_UNITS } from './filters/time-range.js';
export {
  ensurePrivateDir,
  createPrivateFile,
  CREATE_PRIVATE,
  type PrivateDirOptions,
} from './infra/private-dir.js';
export {
  bzfsOptionNames,
  bzfsOptionTakesValue,
  bzfsCanonicalOption,
  bzfsOptionTable,
  type BzfsOptionTable,
} from './cli/option-table.js';
export {
  validateHost,
  validateUser,
  validateDatasetName,
  validatePort,
  showValue,
  MAX_HOST_LENGTH,
} from './model/validate.js';
// THE shell quoting rule: the jobrunner's logged and dry-run command lines quote exactly as bzfs does.
export { shellQuote, shellJoin } from './exec/quote.js';
export { parseLocator } from './model/locator.js';
export { systemClock, type Clock } from './infra/clock.js';
// One logger for both programs: the same line layout, levels and clock-stamped timestamps.
export { createLogger, type Logger, type LogLevel } from './infra/logger.js';
export { validateLogDirName, validateSshConfigFileName } from './model/path-rules.js';
// The jobrunner's prune guard lists snapshots as bzfs does: the same fields, parser, ssh argv and error reading.
export { sshPrefix } from './exec/ssh.js';
export type { SshTarget } from './exec/runner.js';
export { SNAPSHOT_LIST_FIELDS } from './zfs/commands.js';
export { parseSnapshotList } from './zfs/parse.js';
export { isDatasetMissing } from './zfs/stderr.js';
// --run-report-file: the document a bzfs run leaves for its caller, and the one writer of whole files.
export type { RunReport, RunOutcome, ReplicationEntry, MonitorEntry } from './model/run-report.js';
export { readRunReport } from './infra/run-report-file.js';
export { writeFileAtomic } from './infra/atomic-file.js';
// bzfs's own parser as a side-effect-free check: the jobrunner's preflight refuses what bzfs would.
export { checkBzfsArgs, type BzfsArgsCheck } from './cli/check-args.js';
