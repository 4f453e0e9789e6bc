import { describe, it, expect } from '@jest/globals';
import type { RunReport } from '@bzfs-ts/bzfs';
import { MONITOR_ACTIONS, type Action } from '../expand/actions.js';
import type { Invocation } from '../expand/types.js';
import type { Clock } from '../infra/clock.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import type { BzfsLauncher, LaunchOptions, LaunchResult } from '../launch/launcher.js';
import { runAll, type RunAllOptions } from './run-all.js';

/**
 * Virtual time for a discrete-event simulation: sleepers wake one per macrotask, earliest first, and
 * the clock jumps to their wake time — so tests never wait, yet concurrent sleeps keep their order.
 */
function fakeClock(): Clock {
  let t = 1000;
  const pending: { wake: number; resolve: () => void }[] = [];
  let scheduled = false;
  const pump = (): void => {
    scheduled = false;
    pending.sort((a, b) => a.wake - b.wake);
    const next = pending.shift();
    if (next === undefined) return;
    t = Math.max(t, next.wake);
    next.resolve();
    schedule();
  };
  const schedule = (): void => {
    if (!scheduled && pending.length > 0) {
      scheduled = true;
      setImmediate(pump);
    }
  };
  return {
    now: () => t,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        pending.push({ wake: t + Math.max(0, ms), resolve });
        schedule();
      }),
  };
}

function inv(id: string, after: string[] = [], action: Action = 'replicate'): Invocation {
  const [srcHost = id] = id.split('/');
  return { seq: 0, id, action, srcHost, after, options: { datasetPairs: [] } };
}

/** A launcher that answers with the given exit code per id and records what it saw. */
function scriptedLauncher(codes: Record<string, number> = {}, clock?: Clock) {
  const calls: { id: string; at: number | undefined; opts: LaunchOptions }[] = [];
  const launcher: BzfsLauncher = {
    launch: async (i, opts): Promise<LaunchResult> => {
      calls.push({ id: i.id, at: clock?.now(), opts });
      const exitCode = codes[i.id] ?? 0;
      // A monitor run's 1 or 2 is an alert as bzfs reports it (--run-report-file).
      const alert = MONITOR_ACTIONS.has(i.action) && (exitCode === 1 || exitCode === 2);
      return {
        exitCode,
        timedOut: false,
        stderrTail: ['last words'],
        ...(alert && { report: alertReport(exitCode) }),
      };
    },
  };
  return { launcher, calls };
}

const alertReport = (exitCode: number): RunReport => ({
  version: 1,
  exitCode,
  outcome: 'alert',
  startedAt: 0,
  finishedAt: 0,
  replication: [],
  monitor: [],
});

const opts: RunAllOptions = { workers: 4, workPeriodMs: 0, jitter: false, rng: () => 0 };

describe('runAll', () => {
  it('runs everything and reports success', async () => {
    const { launcher, calls } = scriptedLauncher();
    const s = await runAll([inv('a/x'), inv('a/y', ['a/x'])], opts, {
      launcher,
      clock: fakeClock(),
      logger: silentLogger,
    });
    expect(s.exitCode).toBe(0);
    expect(calls.map((c) => c.id)).toEqual(['a/x', 'a/y']);
    expect(s.records.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('skips the later steps of a failed source host only', async () => {
    const { launcher, calls } = scriptedLauncher({ 'a/replicate': 3 });
    const plan = [
      inv('a/create'),
      inv('a/replicate', ['a/create']),
      inv('a/prune', ['a/replicate']),
      inv('a/monitor', ['a/prune'], 'monitor-src-snapshots'),
      inv('b/create'),
      inv('b/replicate', ['b/create']),
    ];
    const s = await runAll(plan, opts, { launcher, clock: fakeClock(), logger: silentLogger });
    expect(calls.map((c) => c.id).sort()).toEqual(['a/create', 'a/replicate', 'b/create', 'b/replicate']);
    expect(s.records.map((r) => `${r.inv.id}:${r.status}`)).toEqual([
      'a/create:succeeded',
      'a/replicate:failed',
      'a/prune:skipped',
      'a/monitor:skipped',
      'b/create:succeeded',
      'b/replicate:succeeded',
    ]);
    expect(s.records[2]).toMatchObject({ reason: 'a/replicate did not succeed' });
    expect(s.exitCode).toBe(3);
  });

  it('waits for every run of the previous stage (a barrier)', async () => {
    const { launcher, calls } = scriptedLauncher({ 'a/replicate/d2': 255 });
    const plan = [
      inv('a/replicate/d1'),
      inv('a/replicate/d2'),
      inv('a/prune', ['a/replicate/d1', 'a/replicate/d2']),
    ];
    const s = await runAll(plan, opts, { launcher, clock: fakeClock(), logger: silentLogger });
    expect(calls.map((c) => c.id)).toEqual(['a/replicate/d1', 'a/replicate/d2']);
    expect(s.exitCode).toBe(255);
  });

  it('combines exit codes by precedence: a monitor alert beats still-running', async () => {
    const { launcher } = scriptedLauncher({ 'a/replicate': 4, 'b/monitor': 1 });
    const plan = [inv('a/replicate'), inv('b/monitor', [], 'monitor-dst-snapshots')];
    const s = await runAll(plan, opts, { launcher, clock: fakeClock(), logger: silentLogger });
    expect(s.exitCode).toBe(1);
  });

  it('starts runs on their slots of the work period', async () => {
    const clock = fakeClock();
    const { launcher, calls } = scriptedLauncher({}, clock);
    const plan = ['a', 'b', 'c', 'd'].map((h) => inv(`${h}/replicate`));
    await runAll(
      plan,
      { ...opts, workers: 2, workPeriodMs: 8000 },
      { launcher, clock, logger: silentLogger },
    );
    expect(calls.map((c) => c.at)).toEqual([1000, 3000, 5000, 7000]);
  });

  it('delays the first start by the injected random share of one interval with jitter', async () => {
    const clock = fakeClock();
    const { launcher, calls } = scriptedLauncher({}, clock);
    const plan = ['a', 'b', 'c'].map((h) => inv(`${h}/replicate`));
    await runAll(
      plan,
      { ...opts, workPeriodMs: 4000, jitter: true, rng: () => 0.5 },
      { launcher, clock, logger: silentLogger },
    );
    expect(calls.map((c) => c.at)).toEqual([1500, 2500, 3500]);
  });

  it('never has more than `workers` runs in flight', async () => {
    let running = 0;
    let peak = 0;
    const launcher: BzfsLauncher = {
      launch: async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return { exitCode: 0, timedOut: false, stderrTail: [] };
      },
    };
    const plan = Array.from({ length: 12 }, (_, i) => inv(`h${i}/replicate`));
    await runAll(plan, { ...opts, workers: 3 }, { launcher, clock: fakeClock(), logger: silentLogger });
    expect(peak).toBe(3);
  });

  it('passes the worker timeout to the launcher and counts a timeout as an error', async () => {
    const launcher: BzfsLauncher = {
      launch: async () => ({ timedOut: true, signal: 'SIGTERM', stderrTail: [] }),
    };
    const seen: (number | undefined)[] = [];
    const spy: BzfsLauncher = { launch: (i, o) => (seen.push(o.timeoutMs), launcher.launch(i, o)) };
    const s = await runAll(
      [inv('a/replicate')],
      { ...opts, timeoutMs: 1500 },
      { launcher: spy, clock: fakeClock(), logger: silentLogger },
    );
    expect(seen).toEqual([1500]);
    expect(s.exitCode).toBe(3);
  });

  it('survives a launcher that throws', async () => {
    const launcher: BzfsLauncher = {
      launch: async (i) => {
        if (i.id === 'a/replicate') throw new Error('boom');
        return { exitCode: 0, timedOut: false, stderrTail: [] };
      },
    };
    const s = await runAll([inv('a/replicate'), inv('b/replicate')], opts, {
      launcher,
      clock: fakeClock(),
      logger: silentLogger,
    });
    expect(s.records.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(s.exitCode).toBe(3);
  });

  it('skips what has not started once stopped, and exits with an error', async () => {
    const stop = new AbortController();
    const launcher: BzfsLauncher = {
      launch: async () => {
        stop.abort();
        return { signal: 'SIGTERM', timedOut: false, stderrTail: [] };
      },
    };
    const plan = [inv('a/replicate'), inv('b/replicate'), inv('c/replicate')];
    const s = await runAll(
      plan,
      { ...opts, workers: 1, signal: stop.signal },
      { launcher, clock: fakeClock(), logger: silentLogger },
    );
    expect(s.records.map((r) => r.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(s.exitCode).toBe(3);
  });

  it('logs the stderr tail and log file of a failed run', async () => {
    const lines: string[] = [];
    const logger = { ...silentLogger, error: (m: string) => lines.push(m) };
    const launcher: BzfsLauncher = {
      launch: async () => ({
        exitCode: 2,
        timedOut: false,
        stderrTail: ['Unknown argument: create-src-snapshots'],
        logFile: '/l/x.log',
      }),
    };
    await runAll([inv('a/create', [], 'create-src-snapshots')], opts, {
      launcher,
      clock: fakeClock(),
      logger,
    });
    expect(lines.join('\n')).toMatch(
      /a\/create failed \(exit code 2; counts as 3\) after .*\n {2}log: \/l\/x\.log\n {2}\| Unknown argument: create-src-snapshots/,
    );
    // Exit 2 without a report saying "alert": bzfs refused the arguments, and the log says so.
    expect(lines[0]).toMatch(/ s: bzfs refused its arguments: Unknown argument: create-src-snapshots\n/);
  });
});
