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
 * process runs cycles at every 10-second boundary until its lifetime ends, exits 0, and a snapshot made on the
 * source while it sleeps reaches the destination in a later cycle of the same process.
 */
const S = 'bzdmn_src';
const D = 'bzdmn_dst';
const LIFETIME_MS = 25_000;
const PERIOD_MS = 10_000;
jest.setTimeout(300_000);

/**
 * How many cycles the schedule allows after a first cycle starting at `startMs`: one per 10 s boundary before
 * the lifetime's end, as long as no cycle overran its period. A boundary this close to the end may fall on
 * either side of it (the lifetime runs on the monotonic clock, the boundaries on the wall clock): both counts
 * are right then.
 */
function expectedCycles(startMs: number): number[] {
  const end = startMs + LIFETIME_MS;
  const counts = new Set<number>();
  for (const slack of [-250, 250]) {
    let n = 1;
    for (let b = Math.floor(startMs / PERIOD_MS + 1) * PERIOD_MS; b < end + slack; b += PERIOD_MS) n++;
    counts.add(n);
  }
  return [...counts];
}

describe('daemon mode (real ZFS, bzfs on this machine)', () => {
  freshPoolsForEachTest(S, D);

  it('10secondly for 25 s: the expected cycles in one process, exit 0, and a new snapshot reaches dst', async () => {
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
    // A cycle that overran its period (not expected: each takes a few seconds) is followed at once, off the grid;
    // otherwise every later cycle starts on a boundary (timers fire a little late, never early).
    const offGrid = starts.slice(1).filter((t) => t % PERIOD_MS >= 2_000);
    if (offGrid.length === 0) expect(expectedCycles(starts[0]!)).toContain(starts.length);
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
