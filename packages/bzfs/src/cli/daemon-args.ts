import type { DaemonSettings } from '../config/types.js';
import { UsageError } from '../model/errors.js';
import { parsePeriod } from '../model/period.js';
import { showValue } from '../model/validate.js';
import { parseDurationMs } from './values.js';

type Parsed = Readonly<Record<string, unknown>>;

/**
 * --daemon-lifetime, --daemon-frequency and --daemon-remote-conf-cache-ttl. The lifetime may be 0 (off) and
 * longer than one Node timer can wait: the daemon never waits for it in one timer (run/daemon.ts).
 */
export function daemonSettings(a: Parsed): DaemonSettings {
  const lifetimeMs = parseDurationMs(String(a['daemon-lifetime']), '--daemon-lifetime', {
    minMs: 0,
    maxMs: Number.MAX_SAFE_INTEGER,
  });
  // The original also accepts a space between multiple and unit ('100 millisecondly').
  const text = String(a['daemon-frequency']);
  const frequency = parsePeriod(text.replace(/\s+/g, ''));
  if (frequency === undefined) {
    throw new UsageError(
      `--daemon-frequency ${showValue(text)}: expected a period such as 'minutely', '10secondly' or ` +
        "'100millisecondly' (an optional multiple without leading zero, then a unit ending in 'ly')",
    );
  }
  if (lifetimeMs > 0 && a['explain']) {
    throw new UsageError(
      '--explain plans once and prints one document; it cannot be combined with --daemon-lifetime',
    );
  }
  return {
    lifetimeMs,
    frequency,
    remoteConfCacheTtlMs: parseDurationMs(
      String(a['daemon-remote-conf-cache-ttl']),
      '--daemon-remote-conf-cache-ttl',
      { minMs: 0, maxMs: Number.MAX_SAFE_INTEGER },
    ),
  };
}
