import { humanBytes, humanDuration } from '../model/human-units.js';
import type { RunTotals } from './run-recorder.js';

/**
 * The info line at the end of each run (each cycle of a daemon): datasets replicated of those gone through,
 * send steps, bytes and rate. The bytes are `zfs send -nvP` estimates (the stream never passes through bzfs);
 * a run that estimated none of its steps says so instead of printing a size it does not know, and one that
 * estimated only some prints "at least".
 */
export function runSummaryLine(t: RunTotals, elapsedMs: number): string {
  const secs = elapsedMs / 1000;
  const head =
    `Run summary: ${t.replicated}/${t.datasets} datasets replicated, ` +
    `${t.steps} send step${t.steps === 1 ? '' : 's'}`;
  const took = ` in ${humanDuration(secs)}`;
  if (t.steps > 0 && t.estimatedSteps === 0) return `${head} (sizes not estimated)${took}`;
  const size = `${t.estimatedSteps < t.steps ? 'at least ' : ''}${humanBytes(t.bytes)}`;
  const rate = humanBytes(secs > 0 ? Math.round(t.bytes / secs) : 0);
  return `${head}, ${size} estimated${took} (${rate}/s)`;
}
