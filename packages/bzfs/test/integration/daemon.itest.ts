import { describe, expect, it, jest } from '@jest/globals';
import { execa } from 'execa';
import {
  BZFS_BIN,
  freshPoolsForEachTest,
  hostSshArgs,
  logDirFor,
  snapshot,
  snapshotRows,
  writeData,
} from './harness.js';

/*
 * Daemon mode on real ZFS, bzfs on this machine and both sides reached over the testbed's ssh aliases: one
 * process runs cycles at every 10-second boundary (or at once after a cycle that overran one) until its lifetime ends, exits 0, and a snapshot made on the
 * source while it sleeps reaches the destination in a later cycle of the same process.
 */
const S = 'bzdmn_src';
const D = 'bzdmn_dst';
// Long enough for several cycles on a loaded machine, where the first (which opens the ssh masters) took 43 s.
const LIFETIME_MS = 90_000;
const PERIOD_MS = 10_000;
jest.setTimeout(600_000);

/** A duration as the run summary prints it (`500ms`, `43.3s`, `1.5m`), in ms. */
function durationMs(text: string): number {
  const m = /^([\d.]+)(ms|s|m|h)$/.exec(text);
  if (m === null) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

/**
 * The cycle starts the schedule prescribes, given where the first one started and how long each took (from the
 * log): the next cycle starts at the first 10 s boundary after the previous start, or when the previous cycle
 * ended if it overran that boundary, as long as that is before the lifetime's end. A wake-up this close to the
 * end may fall on either side of it (the lifetime runs on the monotonic clock, the boundaries on the wall
 * clock): `undefined` then, so that both counts are accepted.
 */
function prescribedCount(starts: readonly number[], tookMs: readonly number[]): number | undefined {
  const end = starts[0]! + LIFETIME_MS;
  for (let i = 0; i < starts.length; i++) {
    const boundary = Math.floor(starts[i]! / PERIOD_MS + 1) * PERIOD_MS;
    const wake = Math.max(boundary, starts[i]! + tookMs[i]!);
    if (Math.abs(wake - end) < 500) return undefined;
    if (wake >= end) return i + 1;
    // Timers fire a little late, never early.
    if (i + 1 < starts.length) {
      expect(starts[i + 1]!).toBeGreaterThanOrEqual(wake - 100);
      expect(starts[i + 1]! - wake).toBeLessThan(3_000);
    }
  }
  return starts.length + 1;
}

describe('daemon mode (real ZFS, bzfs on this machine)', () => {
  freshPoolsForEachTest(S, D);

  it('10secondly for 90 s: the expected cycles in one process, exit 0, and a new snapshot reaches dst', async () => {
    await writeData(`${S}/data`, 'f', 64);
    await snapshot(`${S}/data@s1`);
    const run = execa(
      'node',
      [
        BZFS_BIN,
        '--log-dir',
        logDirFor('host'),
        ...hostSshArgs(),
        `--daemon-lifetime=${LIFETIME_MS / 1000}seconds`,
        '--daemon-frequency=10secondly',
        `bzfs-src:${S}/data`,
        `bzfs-dst:${D}/data`,
      ],
      { reject: false, all: true },
    );
    // While the first sleep runs, a new snapshot on the source: no new bzfs process may be needed for it.
    let made: Promise<void> | undefined;
    run.stderr?.on('data', (chunk: Buffer) => {
      if (made === undefined && chunk.toString().includes('Daemon sleeping for'))
        made = (async () => {
          await writeData(`${S}/data`, 'g', 64);
          await snapshot(`${S}/data@s2`);
        })();
    });
    const r = await run;
    await made;
    process.stderr.write(`${r.all}\n`);
    expect(r.exitCode).toBe(0);
    const starts = [...r.all.matchAll(/Daemon cycle (\d+) starts at (\S+)/g)].map((m) => Date.parse(m[2]!));
    expect(starts.length).toBeGreaterThan(0);
    const summaries = r.all.match(/Run summary: /g) ?? [];
    expect(summaries).toHaveLength(starts.length);
    const tookMs = [...r.all.matchAll(/Run summary: .* in (\S+)/g)].map((m) => durationMs(m[1]!));
    const prescribed = prescribedCount(starts, tookMs);
    if (prescribed !== undefined) expect(starts.length).toBe(prescribed);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(r.all).toMatch(/Daemon sleeping for [^\n]*, then exits: its lifetime ends/);
    expect(made).toBeDefined();
    const dst = (await snapshotRows(`${D}/data`)).map((row) => row.name);
    expect(dst).toEqual(['@s1', '@s2']);
    // The first cycle sent s1; a later one s2, in this process.
    expect(r.all).toMatch(
      /Run summary: 1\/1 datasets replicated, 1 send step[\s\S]*Run summary: 1\/1 datasets replicated, 1 send step/,
    );
  });
});
