// Public API of @bzfs-ts/jobrunner: the spec types for TypeScript specs, and the pure core for tools.
export { defineSpec } from './spec/define.js';
export type {
  JobSpec,
  DstHostSpec,
  DatasetPairSpec,
  SnapshotPlan,
  MonitorPlan,
  MonitorThresholds,
  SshSideSpec,
} from './spec/types.js';
export { jobSpecSchema } from './spec/schema.js';
export { validateSpec } from './spec/validate.js';
export { loadSpec, readSpec } from './spec/load.js';
export { SpecValidationError, formatSpecError, type SpecError } from './spec/errors.js';
export { ACTIONS, type Action } from './expand/actions.js';
export { expand, type ExpandInput } from './expand/expand.js';
export type { Invocation, Expansion, SkippedRun } from './expand/types.js';
export { worstExitCode, combineExitCodes } from './schedule/exit-status.js';
export { main } from './main.js';
