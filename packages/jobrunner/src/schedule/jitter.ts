/**
 * When runs may start, spread over a work period — the original's maths, so a fleet behaves the same.
 *
 * n runs over a period P start `interval` apart, with interval = P / n. With jitter the period is cut
 * into n + 1 intervals and everything is shifted by a random delay in [0, interval], so hosts whose
 * cron fires at the same second do not all start together. Either way the last start is at most
 * n·P/(n+1) (jitter) or (n−1)·P/n (no jitter) after the first possible one: inside the period.
 * Example: n = 4, P = 60 s, no jitter → starts at 0, 15, 30, 45 s.
 */
export interface StartSchedule {
  readonly initialDelayMs: number;
  readonly intervalMs: number;
}

/** `rng` returns a number in [0, 1); it is only called with jitter. */
export function startSchedule(
  count: number,
  workPeriodMs: number,
  jitter: boolean,
  rng: () => number,
): StartSchedule {
  const intervals = jitter ? count + 1 : count;
  const intervalMs = count === 0 ? 0 : Math.max(0, workPeriodMs) / intervals;
  const initialDelayMs = jitter ? Math.min(intervalMs, rng() * intervalMs) : 0;
  return { initialDelayMs, intervalMs };
}

/** Earliest start of the k-th run to start (k from 0), relative to the start of the work period. */
export function startOffsetMs(schedule: StartSchedule, k: number): number {
  return schedule.initialDelayMs + k * schedule.intervalMs;
}
