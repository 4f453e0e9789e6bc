/**
 * The scheduler against real processes: a stub `bzfs` (a small Node script in a temp dir) records when
 * each run starts and ends, so the bound on parallel runs, the spreading of starts and the killing of
 * a stuck run's whole process tree are observed from outside, not assumed.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Invocation } from '../expand/types.js';
import { systemClock } from '../infra/clock.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { ChildProcessLauncher } from '../launch/child-process.js';
import type { LaunchOptions } from '../launch/launcher.js';
import { runAll, type RunAllOptions } from './run-all.js';

const STUB = `#!/usr/bin/env node
// Stub bzfs: argv = <events file> <sleep ms> <exit code> <child?> then the bzfs arguments.
const fs = require('node:fs');
const [events, sleepMs, exitCode, child] = process.argv.slice(2);
const note = (event) => fs.appendFileSync(events, JSON.stringify({ event, pid: process.pid, t: Date.now() }) + '\\n');
note('start');
process.stdout.write('stub bzfs ' + process.argv.slice(6).join(' ') + '\\n');
process.stderr.write('working\\nstill working\\n');
if (child === 'child') {
  // A grandchild in the same process group, like bzfs's zfs send | ssh pipeline.
  const c = require('node:child_process').spawn('sleep', ['60'], { stdio: 'ignore' });
  fs.appendFileSync(events, JSON.stringify({ event: 'child', pid: c.pid, t: Date.now() }) + '\\n');
}
setTimeout(() => { note('end'); process.exit(Number(exitCode)); }, Number(sleepMs));
`;

let dir = '';
let stub = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobrunner-stub-'));
  stub = join(dir, 'bzfs');
  writeFileSync(stub, STUB);
  chmodSync(stub, 0o755);
});

interface Event {
  event: 'start' | 'end' | 'child';
  pid: number;
  t: number;
}

function plan(n: number): Invocation[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: i,
    id: `h${i}/replicate/nas`,
    action: 'replicate',
    srcHost: `h${i}`,
    dstHost: 'nas',
    after: [],
    options: { datasetPairs: [{ src: `h${i}:tank/a`, dst: 'nas:bak/a' }] },
  }));
}

async function runStubs(name: string, n: number, opts: Partial<RunAllOptions>, stubArgs: string[]) {
  const events = join(dir, `${name}.jsonl`);
  writeFileSync(events, '');
  const launcher = new ChildProcessLauncher({
    command: [stub, events, ...stubArgs],
    logDir: join(dir, name),
    jobId: 'job',
    jobRun: name,
    localhost: 'here',
    killGraceMs: 200,
  });
  // What the scheduler decided, seen at the launcher: when each launch began and how many were in
  // flight. Unlike the stubs' own timestamps, these do not depend on how fast Node.js starts.
  const launches: number[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  const counting = {
    launch: async (inv: Invocation, o: LaunchOptions) => {
      launches.push(Date.now());
      peakInFlight = Math.max(peakInFlight, ++inFlight);
      try {
        return await launcher.launch(inv, o);
      } finally {
        inFlight--;
      }
    },
  };
  const t0 = Date.now();
  const summary = await runAll(
    plan(n),
    { workers: n, workPeriodMs: 0, jitter: false, rng: Math.random, ...opts },
    { launcher: counting, clock: systemClock, logger: silentLogger },
  );
  const recorded = readFileSync(events, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Event);
  return { summary, recorded, t0, t1: Date.now(), launches, peakInFlight };
}

/** Highest number of runs between their recorded start and end at any moment. */
function peakOverlap(events: Event[]): number {
  let running = 0;
  let peak = 0;
  const sorted = events
    .filter((e) => e.event !== 'child')
    .sort((a, b) => a.t - b.t || (a.event === 'end' ? -1 : 1));
  for (const e of sorted) {
    running += e.event === 'start' ? 1 : -1;
    peak = Math.max(peak, running);
  }
  return peak;
}

describe('running real processes', () => {
  it('never runs more than --workers at once, and uses all of them', async () => {
    const { summary, recorded, peakInFlight } = await runStubs('bound', 10, { workers: 3 }, [
      '600',
      '0',
      '-',
    ]);
    expect(summary.exitCode).toBe(0);
    expect(recorded.filter((e) => e.event === 'start')).toHaveLength(10);
    // An upper bound holds whatever the machine's speed: no two runs beyond the bound overlap.
    expect(peakOverlap(recorded)).toBeLessThanOrEqual(3);
    // "Uses all of them" is the scheduler's decision, so it is read at the launcher: how much the
    // stubs' own lifetimes overlap depends on how fast Node.js starts on a busy machine.
    expect(peakInFlight).toBe(3);
  }, 20_000);

  it('starts every run within the work period, spread over it', async () => {
    const period = 3000; // six slots 500 ms apart
    const { summary, recorded, t0, launches } = await runStubs(
      'period',
      6,
      { workers: 2, workPeriodMs: period },
      ['50', '0', '-'],
    );
    expect(summary.exitCode).toBe(0);
    expect(recorded.filter((e) => e.event === 'start')).toHaveLength(6);
    // Lower bounds only: a run never starts before its slot, so the starts really are spread. That
    // the last slot lies inside the period is the schedule's arithmetic, proven with a fake clock in
    // run-all.test.ts; an upper bound on real start times would fail by timing on a busy machine.
    const offsets = launches.map((t) => t - t0).sort((a, b) => a - b);
    offsets.forEach((o, k) => expect(o).toBeGreaterThanOrEqual(k * 500 - 5));
    expect(peakOverlap(recorded)).toBeLessThanOrEqual(2);
  }, 20_000);

  it('kills the whole process tree of a run that exceeds --worker-timeout-seconds', async () => {
    // The tree can only be checked once the stub has spawned its grandchild. On a loaded machine node may not even
    // have started the stub when a short timeout fires (then there is no grandchild to check, which failed this
    // test by timing): each try with a longer timeout, until the grandchild was there before the kill.
    for (const timeoutMs of [500, 2_000, 8_000]) {
      const { summary, recorded, t0, t1 } = await runStubs(`timeout-${timeoutMs}`, 1, { timeoutMs }, [
        '60000',
        '0',
        'child',
      ]);
      expect(summary.exitCode).toBe(3);
      const record = summary.records[0]!;
      expect(record.status === 'failed' && record.result.timedOut).toBe(true);
      // Not the stub's 60 s: it was killed.
      expect(t1 - t0).toBeLessThan(60_000);
      const grandchild = recorded.find((e) => e.event === 'child');
      if (grandchild === undefined) continue;
      expect(await gone(grandchild.pid)).toBe(true);
      return;
    }
    throw new Error('the stub never spawned its grandchild before its timeout, even at 8 s');
  }, 60_000);

  it('passes exit codes through and keeps each run’s output in its own log file', async () => {
    const { summary } = await runStubs('exit', 2, {}, ['10', '4', '-']);
    expect(summary.exitCode).toBe(4);
    const r = summary.records[1]!;
    if (r.status === 'skipped') throw new Error('not run');
    expect(r.result.stderrTail).toEqual(['working', 'still working']);
    expect(r.result.logFile).toMatch(
      /bzfs-jobrunner,replicate,[\d-]+_[\d:]+,job,exit,000001,here,h1,nas\.log$/,
    );
    const log = readFileSync(r.result.logFile!, 'utf8');
    expect(log).toContain(
      `stub bzfs --run-report-file=${r.result.logFile!}.report.json -- h1:tank/a nas:bak/a`,
    );
    expect(log).toContain('still working');
  }, 20_000);

  it('reports a bzfs that cannot be started as an error of that run', async () => {
    const launcher = new ChildProcessLauncher({
      command: [join(dir, 'no-such-bzfs')],
      logDir: join(dir, 'missing'),
      jobId: 'job',
      jobRun: 'r',
      localhost: 'here',
    });
    const s = await runAll(
      plan(1),
      { workers: 1, workPeriodMs: 0, jitter: false, rng: Math.random },
      { launcher, clock: systemClock, logger: silentLogger },
    );
    expect(s.exitCode).toBe(3);
    const r = s.records[0]!;
    expect(r.status === 'failed' && r.result.error).toMatch(/ENOENT/);
    expect(r.status === 'failed' && existsSync(r.result.logFile!)).toBe(true);
  }, 20_000);
});

/** Polls until `pid` no longer exists (a killed process may linger briefly as a zombie). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 60; i++) {
    try {
      process.kill(pid, 0);
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z') return true;
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
