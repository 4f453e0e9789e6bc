/**
 * The execution settings of one run: the command line wins over the spec, the spec over the defaults.
 * Pure: the CPU count and home directory are passed in.
 */
import { resolveWorkers } from '../schedule/workers.js';
import type { JobSpec } from '../spec/types.js';
import type { CliArgs } from './args.js';

export interface RunSettings {
  readonly workers: number;
  readonly jitter: boolean;
  readonly workPeriodMs: number;
  readonly timeoutMs?: number;
  /** Where the per-run logs go. */
  readonly logDir: string;
  /** Passed to bzfs only when the spec or command line names it, so bzfs keeps its own default otherwise. */
  readonly bzfsLogDir?: string;
}

export const DEFAULT_LOG_DIR = '~/bzfs-logs';

export function resolveSettings(
  args: CliArgs,
  spec: JobSpec,
  env: { cpus: number; home: string },
): RunSettings {
  const timeoutSeconds = args.workerTimeoutSeconds ?? spec.workerTimeoutSeconds;
  const explicitLogDir = args.logDir ?? spec.logDir;
  return {
    workers: resolveWorkers(args.workers ?? spec.workers, env.cpus),
    jitter: args.jitter ?? spec.jitter ?? false,
    workPeriodMs: 1000 * (args.workPeriodSeconds ?? spec.workPeriodSeconds ?? 0),
    ...(timeoutSeconds !== undefined && { timeoutMs: 1000 * timeoutSeconds }),
    logDir: expandHome(explicitLogDir ?? DEFAULT_LOG_DIR, env.home),
    // bzfs gets no shell to expand `~`, so the jobrunner does it.
    ...(explicitLogDir !== undefined && { bzfsLogDir: expandHome(explicitLogDir, env.home) }),
  };
}

function expandHome(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? home + p.slice(1) : p;
}
