import type { JobSpec } from './types.js';

/**
 * Identity function that gives a spec written as a TypeScript/JavaScript module type checking and
 * completion. The value is validated like a YAML spec when the jobrunner loads it.
 */
export function defineSpec(spec: JobSpec): JobSpec {
  return spec;
}
