import pRetry, { AbortError } from 'p-retry';
import type { RetryPolicy } from '../config/types.js';
import { BzfsError } from '../model/errors.js';
import type { Logger } from '../infra/logger.js';

/**
 * Retries `op` only for errors marked retryable (ssh drops, busy datasets, interrupted streams),
 * with jittered exponential backoff. Everything else fails at once: a conflict or a refused
 * command must never be retried into data loss.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  log: Logger,
  what: string,
  op: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (policy.retries === 0) return op();
  return pRetry(
    async () => {
      try {
        return await op();
      } catch (e) {
        if (e instanceof BzfsError && e.retryable) throw e;
        throw new AbortError(e instanceof Error ? e : new Error(String(e)));
      }
    },
    {
      retries: policy.retries,
      factor: 2,
      // p-retry sleeps minTimeout × (1..2) × 2^attempt, capped: never less than --retry-min-sleep-secs.
      minTimeout: Math.max(1, policy.minSleepSecs * 1000, policy.initialMaxSleepSecs * 1000),
      maxTimeout: policy.maxSleepSecs * 1000,
      randomize: true,
      maxRetryTime: policy.maxElapsedSecs * 1000,
      ...(signal ? { signal } : {}),
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0)
          log.warn(
            `Retrying ${what} (attempt ${attemptNumber} failed, ${retriesLeft} left): ${error.message.split('\n')[0]}`,
          );
      },
    },
  );
}
