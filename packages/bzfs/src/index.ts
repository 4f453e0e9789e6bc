// Public library API of @bzfs-ts/bzfs (used by @bzfs-ts/jobrunner).
export { ExitCode } from './model/exit-codes.js';
export { BzfsError, UsageError, StillRunningError, ConflictError } from './model/errors.js';
export type { SnapshotRef } from './model/snapshot.js';
export { toArgv, type BzfsOptions } from './cli/to-argv.js';
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
export { parseLocator } from './model/locator.js';
