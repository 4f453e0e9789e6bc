import { describe, expect, it } from '@jest/globals';
import type { Clock } from '../infra/clock.js';
import { ExitCode } from '../model/exit-codes.js';
import { parsePeriod } from '../model/period.js';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { testConfig, type ConfigOverrides } from '../../test/support/test-config.js';
import { runJob } from './daemon.js';
import { RunRecorder } from './run-recorder.js';

/** 2025-01-10 12:00:03 UTC: 3 s after a 10secondly boundary. */
const START = Date.UTC(2025, 0, 10, 12, 0, 3);

/**
 * Virtual time: a sleep moves both clocks on by its length at once (or by nothing when aborted first), and
 * `cycleMs` passes during each cycle. Nothing waits, so every count below follows from the arithmetic alone.
 */
function virtualClock(): Clock & { sleeps: number[]; advance(ms: number): void } {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance: (ms) => void (t += ms),
    wallMs: () => START + t,
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) return;
      sleeps.push(ms);
      t += ms;
    },
  };
}

function setup(o: ConfigOverrides, codes: ExitCode[] = [], cycleMs = 500) {
  const clock = virtualClock();
  const log = memoryLogger();
  const abort = new AbortController();
  const recorder = new RunRecorder();
  const starts: number[] = [];
  const cycle = async () => {
    starts.push(clock.wallMs() - START);
    clock.advance(cycleMs);
    return codes[starts.length - 1] ?? ExitCode.OK;
  };
  const job = () => runJob(testConfig(o), { clock, log, signal: abort.signal, recorder }, cycle);
  return { clock, log, abort, starts, job };
}

const daemon = (lifetimeMs: number, frequency = '10secondly') => ({
  daemon: { lifetimeMs, frequency: parsePeriod(frequency)! },
});

describe('runJob: one cycle, or a daemon', () => {
  it('without --daemon-lifetime: one cycle, its exit code, a summary line, no sleep', async () => {
    const { clock, log, starts, job } = setup({}, [ExitCode.ERROR]);
    expect(await job()).toBe(ExitCode.ERROR);
    expect(starts).toEqual([0]);
    expect(clock.sleeps).toEqual([]);
    expect(log.lines).toEqual([
      'I Run summary: 0/0 datasets replicated, 0 send steps, 0 B estimated in 500ms (0 B/s)',
    ]);
  });

  it('10secondly for 25 s from :03: cycles at :03, :10, :20, then it sleeps out its lifetime and exits 0', async () => {
    const { clock, log, starts, job } = setup(daemon(25_000));
    expect(await job()).toBe(ExitCode.OK);
    expect(starts).toEqual([0, 7_000, 17_000]);
    // After :20.5 the next boundary (:30) lies beyond the end (:28): it sleeps 7.5 s and stops.
    expect(clock.sleeps).toEqual([6_500, 9_500, 7_500]);
    expect(clock.now()).toBe(25_000);
    expect(log.lines.filter((l) => l.startsWith('I Daemon cycle '))).toEqual([
      'I Daemon cycle 1 starts at 2025-01-10T12:00:03.000Z',
      'I Daemon cycle 2 starts at 2025-01-10T12:00:10.000Z',
      'I Daemon cycle 3 starts at 2025-01-10T12:00:20.000Z',
    ]);
    expect(log.lines.filter((l) => l.includes('Run summary'))).toHaveLength(3);
    expect(log.lines.at(-1)).toBe('I Daemon sleeping for 7.5s, then exits: its lifetime ends');
  });

  it('with --create-src-snapshots the create plan’s periods wake it, not --daemon-frequency', async () => {
    const create = {
      labels: [{ org: 'p', target: 'o', periodName: 'minutely', period: parsePeriod('minutely') }],
      timeFormat: undefined as never,
      zone: { kind: 'utc' } as never,
      anchors: (await import('../model/anchors.js')).DEFAULT_ANCHORS,
      evenIfNotDue: false,
    };
    const { starts, job } = setup({ ...daemon(130_000, '10secondly'), create });
    await job();
    // :03, then 12:01:00 and 12:02:00; the end is 12:02:13.
    expect(starts).toEqual([0, 57_000, 117_000]);
  });

  it('a failed cycle is logged and tolerated; the exit code is the last cycle’s', async () => {
    const first = setup(daemon(25_000), [ExitCode.ERROR, ExitCode.OK, ExitCode.OK]);
    expect(await first.job()).toBe(ExitCode.OK);
    expect(first.starts).toHaveLength(3);
    expect(first.log.lines).toContain(
      'E Daemon cycle 1 ended with exit code 3; the daemon goes on with the next cycle',
    );
    const last = setup(daemon(25_000), [ExitCode.OK, ExitCode.OK, ExitCode.WARNING]);
    expect(await last.job()).toBe(ExitCode.WARNING);
  });

  it('a cycle that overruns its period is followed at once', async () => {
    const { starts, job } = setup(daemon(30_000), [], 12_000);
    await job();
    // :03 runs to :15, so :10 is past: at once at :15 (to :27), then at once at :27 (to :39 > the end :33).
    expect(starts).toEqual([0, 12_000, 24_000]);
  });

  it('a signal during the sleep ends the daemon at once', async () => {
    const { clock, abort, starts, job } = setup(daemon(3_600_000));
    clock.sleep = async () => abort.abort();
    expect(await job()).toBe(ExitCode.OK);
    expect(starts).toEqual([0]);
  });

  it('--timeout bounds each cycle: a cycle that hangs is stopped, logged, and the next one runs', async () => {
    const clock = virtualClock();
    const log = memoryLogger();
    const starts: number[] = [];
    // Hangs until its signal aborts; the virtual timer of --timeout 1s fires at once and moves time by 1 s.
    const cycle = (signal: AbortSignal) =>
      new Promise<ExitCode>((resolve) => {
        starts.push(clock.wallMs() - START);
        signal.addEventListener('abort', () => resolve(ExitCode.OK));
      });
    const cfg = testConfig({ ...daemon(25_000), run: { timeoutMs: 1_000 } });
    const code = await runJob(
      cfg,
      { clock, log, signal: new AbortController().signal, recorder: new RunRecorder() },
      cycle,
    );
    expect(code).toBe(ExitCode.ERROR);
    // Cycles start at :03, :10, :20; each sees its timer's second already gone (the virtual sleep is instant).
    expect(starts).toEqual([1_000, 8_000, 18_000]);
    expect(log.lines.filter((l) => l === 'E Stopped: timed out after --timeout 1s')).toHaveLength(3);
  });

  it('a sleep longer than a Node timer can wait is taken in pieces', async () => {
    const { clock, job } = setup(daemon(40 * 86_400_000, 'yearly'));
    await job();
    expect(clock.sleeps.every((ms) => ms <= 2 ** 31 - 1)).toBe(true);
    expect(clock.sleeps.length).toBeGreaterThan(1);
  });
});
