/**
 * Runs the expanded invocations: each waits for the runs it comes `after`, at most `workers` run at
 * once, starts are spread over the work period, and a failure skips everything that depends on it.
 *
 * The k-th run to start (in start order) waits for its slot `startOffsetMs(k)`. It waits while holding
 * a worker, which costs nothing: slots are global and increasing, so no other run could start sooner.
 */
import { setMaxListeners } from 'node:events';
import { ExitCode, type Logger } from '@bzfs-ts/bzfs';
import pLimit from 'p-limit';
import type { Invocation } from '../expand/types.js';
import type { Clock } from '../infra/clock.js';
import type { BzfsLauncher, LaunchResult } from '../launch/launcher.js';
import { combineExitCodes, isUsageError, runExitCode } from './exit-status.js';
import { startOffsetMs, startSchedule } from './jitter.js';
import { Progress } from './progress.js';

export interface RunAllOptions {
  readonly workers: number;
  readonly workPeriodMs: number;
  readonly jitter: boolean;
  readonly rng: () => number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface RunAllDeps {
  readonly launcher: BzfsLauncher;
  readonly clock: Clock;
  readonly logger: Logger;
}

type RunRecord =
  | {
      readonly inv: Invocation;
      readonly status: 'succeeded' | 'failed';
      readonly exitCode: number;
      readonly durationMs: number;
      readonly result: LaunchResult;
    }
  | { readonly inv: Invocation; readonly status: 'skipped'; readonly reason: string };

export interface RunSummary {
  readonly exitCode: number;
  readonly records: readonly RunRecord[];
}

export async function runAll(
  invocations: readonly Invocation[],
  opts: RunAllOptions,
  deps: RunAllDeps,
): Promise<RunSummary> {
  const { clock, logger } = deps;
  const signal = opts.signal ?? new AbortController().signal;
  const workers = Math.max(1, opts.workers);
  // Each running run listens for the stop request while it waits for its slot and while bzfs runs.
  setMaxListeners(2 * workers + 10, signal);
  const limit = pLimit(workers);
  const schedule = startSchedule(invocations.length, opts.workPeriodMs, opts.jitter, opts.rng);
  if (opts.jitter)
    logger.info(`Jitter: delaying the first start by ${Math.round(schedule.initialDelayMs)} ms`);
  const t0 = clock.now();
  const progress = new Progress(invocations.length, logger);
  const records = new Map<string, RunRecord>();
  const succeeded = new Map<string, Promise<boolean>>();
  let nextSlot = 0;

  const skip = (inv: Invocation, reason: string): boolean => {
    records.set(inv.id, { inv, status: 'skipped', reason });
    logger.debug(`Skipping ${inv.id}: ${reason}`);
    return false;
  };

  const runOne = async (inv: Invocation): Promise<boolean> => {
    if (signal.aborted) return skip(inv, 'the jobrunner was asked to stop');
    const slot = t0 + startOffsetMs(schedule, nextSlot++);
    await clock.sleep(slot - clock.now(), signal);
    if (signal.aborted) return skip(inv, 'the jobrunner was asked to stop');
    progress.started(inv.id);
    const begin = clock.now();
    const result = await launchSafely(deps.launcher, inv, {
      signal,
      ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
    });
    const durationMs = clock.now() - begin;
    const exitCode = runExitCode(inv.action, result);
    const status = exitCode === ExitCode.OK ? 'succeeded' : 'failed';
    records.set(inv.id, { inv, status, exitCode, durationMs, result });
    progress.completed(status === 'failed');
    if (status === 'failed') logger.error(failureMessage(inv, exitCode, durationMs, result));
    return status === 'succeeded';
  };

  for (const inv of invocations) {
    const before = inv.after.map((id) => succeeded.get(id) ?? Promise.resolve(false));
    succeeded.set(
      inv.id,
      Promise.all(before).then((oks) => {
        const failedDep = inv.after.find((_id, i) => !oks[i]);
        return failedDep === undefined ? limit(() => runOne(inv)) : skip(inv, `${failedDep} did not succeed`);
      }),
    );
  }
  await Promise.all(succeeded.values());
  progress.finished();
  const ordered = invocations.map((inv) => records.get(inv.id)!);
  const codes = ordered.flatMap((r) => (r.status === 'skipped' ? [] : [r.exitCode]));
  return {
    exitCode: combineExitCodes(signal.aborted ? [...codes, ExitCode.ERROR] : codes),
    records: ordered,
  };
}

/** A launcher that throws is a bug, but it must not take the other runs down with it. */
async function launchSafely(
  launcher: BzfsLauncher,
  inv: Invocation,
  opts: { signal: AbortSignal; timeoutMs?: number },
): Promise<LaunchResult> {
  try {
    return await launcher.launch(inv, opts);
  } catch (e) {
    return { timedOut: false, error: e instanceof Error ? e.message : String(e), stderrTail: [] };
  }
}

function failureMessage(inv: Invocation, exitCode: number, durationMs: number, r: LaunchResult): string {
  const why =
    r.error ??
    (r.timedOut
      ? 'timed out and was killed'
      : r.signal
        ? `killed by ${r.signal}`
        : `exit code ${String(r.exitCode)}`);
  const refused = isUsageError(r)
    ? `: bzfs refused its arguments: ${r.stderrTail.filter((l) => l.trim() !== '').at(-1) ?? '(no stderr)'}`
    : '';
  const lines = [
    `${inv.id} failed (${why}; counts as ${exitCode}) after ${(durationMs / 1000).toFixed(1)} s${refused}`,
  ];
  if (r.logFile !== undefined) lines.push(`  log: ${r.logFile}`);
  for (const l of r.stderrTail) lines.push(`  | ${l}`);
  return lines.join('\n');
}
