/**
 * The job's cycles: one without --daemon-lifetime; with it, the whole job (all pairs, all tasks) again and again
 * in this process, sleeping until the next scheduled instant (plan/daemon-schedule.ts), until the lifetime ends.
 * The caller holds the lock and the runner for the whole time, so ssh masters (and caches) stay warm. --timeout
 * bounds each cycle, as the original bounds "the current task in daemon mode". A failed cycle is logged and
 * tolerated, as in the original; the exit code is the last cycle's (the original exits 0 whatever the cycles did:
 * ours tells cron or the jobrunner whether the daemon ended in a good state). A signal ends the sleep at once.
 */
import type { BzfsConfig } from '../config/types.js';
import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import { DEFAULT_ANCHORS } from '../model/anchors.js';
import { BzfsError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { humanDuration } from '../model/human-duration.js';
import { parseTimeZone } from '../model/time-zone.js';
import { MAX_TIMER_MS } from '../model/timer-limit.js';
import { nextDaemonStep, type DaemonSchedule } from '../plan/daemon-schedule.js';
import type { RunRecorder } from './run-recorder.js';
import { runSummaryLine } from './run-summary.js';

export interface JobDeps {
  readonly clock: Clock;
  readonly log: Logger;
  /** The run's signal: SIGINT or SIGTERM abort it. */
  readonly signal: AbortSignal;
  readonly recorder: RunRecorder;
}

/** One cycle of the job under the signal it must stop at (the run's, or its --timeout). */
export type Cycle = (signal: AbortSignal) => Promise<ExitCode>;

export async function runJob(cfg: BzfsConfig, deps: JobDeps, cycle: Cycle): Promise<ExitCode> {
  const { clock, log, signal } = deps;
  const lifetimeMs = cfg.daemon.lifetimeMs;
  const endMs = clock.now() + lifetimeMs;
  const schedule = daemonSchedule(cfg);
  for (let n = 1; ; n++) {
    if (n > 1) deps.recorder.beginCycle();
    const startWallMs = clock.wallMs();
    const startMs = clock.now();
    if (lifetimeMs > 0) log.info(`Daemon cycle ${n} starts at ${new Date(startWallMs).toISOString()}`);
    const code = await timedCycle(cfg, deps, cycle);
    if (!cfg.replication.skip && !cfg.run.explain)
      log.info(runSummaryLine(deps.recorder.totals(), clock.now() - startMs));
    if (lifetimeMs === 0 || signal.aborted) return code;
    if (code !== ExitCode.OK)
      log.error(`Daemon cycle ${n} ended with exit code ${code}; the daemon goes on with the next cycle`);
    const step = nextDaemonStep(schedule, {
      cycleStartWallMs: startWallMs,
      nowWallMs: clock.wallMs(),
      remainingMs: endMs - clock.now(),
    });
    const then = step.then === 'stop' ? ', then exits: its lifetime ends' : '';
    log.info(`Daemon sleeping for ${humanDuration(step.sleepMs)}${then}`);
    await sleepFor(clock, step.sleepMs, signal);
    if (step.then === 'stop' || signal.aborted) return code;
  }
}

/**
 * The periods that start cycles: the create plan's (a daemon that creates snapshots wakes when a label is due),
 * else --daemon-frequency's, on the local clock with the default anchors (bzfs-ts keeps the zone and anchors
 * only with --create-src-snapshots; the original reads them also without).
 */
function daemonSchedule(cfg: BzfsConfig): DaemonSchedule {
  const c = cfg.create;
  if (c === undefined)
    return { periods: [cfg.daemon.frequency], zone: parseTimeZone(''), anchors: DEFAULT_ANCHORS };
  return { periods: c.labels.flatMap((l) => (l.period ? [l.period] : [])), zone: c.zone, anchors: c.anchors };
}

/** A cycle whose own signal also aborts after --timeout; the timer is the clock's, so tests drive it. */
async function timedCycle(cfg: BzfsConfig, deps: JobDeps, cycle: Cycle): Promise<ExitCode> {
  const ms = cfg.run.timeoutMs;
  if (ms === undefined) return cycle(deps.signal);
  const why = `timed out after --timeout ${formatDuration(ms)}`;
  const timeout = new AbortController();
  const done = new AbortController();
  void deps.clock.sleep(ms, AbortSignal.any([done.signal, deps.signal])).then(() => {
    if (!done.signal.aborted && !deps.signal.aborted) timeout.abort(new BzfsError(why));
  });
  try {
    const code = await cycle(AbortSignal.any([deps.signal, timeout.signal]));
    if (!timeout.signal.aborted) return code;
    deps.log.error(`Stopped: ${why}`);
    return ExitCode.ERROR;
  } finally {
    // Ends the timer's sleep: a pending timer would keep the process alive until it fires.
    done.abort();
  }
}

/** Sleeps `ms` in pieces a Node timer can wait (a daemon may sleep for longer than 24.8 days). */
async function sleepFor(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  for (let left = ms; left > 0 && !signal.aborted; left -= MAX_TIMER_MS)
    await clock.sleep(Math.min(left, MAX_TIMER_MS), signal);
}

/** A --timeout value for messages, in the largest unit that divides it (e.g. 90000 → "90s"). */
function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
