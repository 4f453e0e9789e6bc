/**
 * When a daemon (--daemon-lifetime) starts its next cycle, or that it stops: the original's rule. The next
 * cycle starts at the earliest scheduled time after the finished cycle's start, over the periods of the
 * create plan (--create-src-snapshots) or else of --daemon-frequency, in the create plan's zone and
 * anchors; a cycle that overran its period is followed at once. When the lifetime ends first, the daemon
 * sleeps out its lifetime and stops, so that it holds its lock (and cron's next start exits 4) until then.
 * Pure: the clock values come in.
 */
import type { PeriodAnchors } from '../model/anchors.js';
import type { Period } from '../model/period.js';
import { instantOf, type TimeZone } from '../model/time-zone.js';
import { scheduledAfter } from './create/due.js';

export interface DaemonSchedule {
  /** Empty when the create plan has no periodic label (only adhoc): no cycle after the first. */
  readonly periods: readonly Period[];
  readonly zone: TimeZone;
  readonly anchors: PeriodAnchors;
}

export interface DaemonInstants {
  /** Wall-clock ms at which the finished cycle started (its "now"). */
  readonly cycleStartWallMs: number;
  readonly nowWallMs: number;
  /** What is left of the lifetime, on the monotonic clock. */
  readonly remainingMs: number;
}

/** Sleep this long, then run a cycle or stop. */
export interface DaemonStep {
  readonly then: 'cycle' | 'stop';
  readonly sleepMs: number;
}

export function nextDaemonStep(s: DaemonSchedule, t: DaemonInstants): DaemonStep {
  if (t.remainingMs <= 0) return { then: 'stop', sleepMs: 0 };
  let next = Infinity;
  for (const p of s.periods) {
    next = Math.min(next, instantOf(scheduledAfter(p, t.cycleStartWallMs, s), s.zone));
  }
  const untilNext = Math.max(0, next - t.nowWallMs);
  // Equal is a stop: the original runs another cycle only while the lifetime has not ended.
  return untilNext < t.remainingMs
    ? { then: 'cycle', sleepMs: untilNext }
    : { then: 'stop', sleepMs: t.remainingMs };
}
