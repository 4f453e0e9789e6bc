/**
 * Time as bzfs and the jobrunner see it, injected so that tests fix it and nothing waits. The
 * lifecycle (due snapshots, snapshot ages, the daemon loop) asks this clock, never Date directly.
 */
export interface Clock {
  /** Wall-clock milliseconds since the epoch: what log names and snapshot ages are measured in. */
  wallMs(): number;
  /** Milliseconds on a monotonic scale: for durations and schedules (immune to clock steps). */
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  wallMs: () => Date.now(),
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (ms <= 0 || signal?.aborted === true) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
