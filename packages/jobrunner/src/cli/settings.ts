/**
 * The execution settings of one run: the command line wins over the spec, the spec over the defaults.
 * Pure: the CPU count and home directory are passed in.
 */
import { MAX_TIMER_MS } from '@bzfs-ts/bzfs';
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

const DEFAULT_LOG_DIR = '~/bzfs-logs';

/**
 * Node's timer limit (bzfs's MAX_TIMER_MS): setTimeout with a longer delay fires at once, so a 30-day
 * worker timeout would kill every run immediately. Timeouts and work periods stay below it.
 */
export const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** The one rule for each timing setting, used by the command line and (as JSON Schema) by the spec. */
export interface SecondsRule {
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum: number;
}
export const WORK_PERIOD_SECONDS: SecondsRule = { minimum: 0, maximum: MAX_TIMER_SECONDS };
export const WORKER_TIMEOUT_SECONDS: SecondsRule = { exclusiveMinimum: 0, maximum: MAX_TIMER_SECONDS };

export function fitsSecondsRule(rule: SecondsRule, v: unknown): boolean {
  if (typeof v !== 'number' || !Number.isFinite(v) || v > rule.maximum) return false;
  return rule.exclusiveMinimum !== undefined ? v > rule.exclusiveMinimum : v >= (rule.minimum ?? 0);
}

export function describeSecondsRule(rule: SecondsRule): string {
  const low =
    rule.exclusiveMinimum !== undefined
      ? `greater than ${rule.exclusiveMinimum}`
      : `at least ${rule.minimum ?? 0}`;
  return `a number of seconds ${low} and at most ${rule.maximum} (Node's timer limit)`;
}

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
