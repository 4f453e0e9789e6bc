import { describe, expect, it } from '@jest/globals';
import { LOCAL } from '../exec/runner.js';
import type { Clock } from '../infra/clock.js';
import { ExitCode } from '../model/exit-codes.js';
import { parseMonitorRules } from '../plan/monitor/rules.js';
import { describeCall } from '../../test/support/fake-runner.js';
import { FAKE_BYTES_PER_SNAPSHOT } from '../../test/support/fake-zfs/queries.js';
import { isPipeline, run, simpleWorld, treeWorld } from '../../test/support/run-world.js';
import { RunRecorder } from './run-recorder.js';

// The run report's facts as the tasks record them over the fake ZFS: what main.ts writes at exit.

const REPORTING = { run: { runReportFile: '/reports/run.json' } };
/** Monotonic time advances 250 ms per reading, so that every duration is a known multiple of it. */
function steppingClock(): Clock {
  let t = 0;
  return { wallMs: () => 1_736_510_400_000, now: () => (t += 250), sleep: async () => {} };
}
const times = { startedAt: 100, finishedAt: 160 };

describe('the run recorder: replication', () => {
  it('a successful full send: one entry with the estimate, the duration and the newest common snapshot', async () => {
    const fake = simpleWorld();
    const recorder = new RunRecorder();
    const { code } = await run(fake, REPORTING, { recorder, clock: steppingClock() });
    expect(code).toBe(ExitCode.OK);
    // The estimate runs with the send's own arguments, before it.
    expect(fake.log()).toContain('zfs send -n -v -P --raw --compressed pool/src@s1');
    const report = recorder.report({ exitCode: code, ...times });
    expect(report).toEqual({
      version: 1,
      exitCode: 0,
      outcome: 'ok',
      ...times,
      replication: [
        {
          srcDataset: 'pool/src',
          dstDataset: 'pool/dst',
          ok: true,
          // A full send of s1, then -I s1 → s3 (s2 and s3): three snapshots streamed.
          bytes: 3 * FAKE_BYTES_PER_SNAPSHOT,
          durationSeconds: 0.25,
          newestSnapshot: {
            name: 's3',
            guid: fake.guid(LOCAL, 'pool/src', 's3'),
            creation: fake.dataset(LOCAL, 'pool/src')!.entries.find((e) => e.name === 's3')!.creation,
          },
        },
      ],
      monitor: [],
    });
  });

  it('an up-to-date destination: nothing sent, its latest common snapshot still reported', async () => {
    const fake = simpleWorld();
    await run(fake, REPORTING);
    const recorder = new RunRecorder();
    await run(fake, REPORTING, { recorder });
    const [entry] = recorder.report({ exitCode: 0, ...times }).replication;
    expect(entry).toMatchObject({ ok: true, bytes: 0, newestSnapshot: { name: 's3' } });
  });

  it('without --run-report-file no estimate runs', async () => {
    const fake = simpleWorld();
    await run(fake, {});
    expect(fake.log().filter((l) => l.includes('send -n -v -P'))).toEqual([]);
  });

  it('a recursive run: one entry per dataset; a failed one is not ok, and the run is an error', async () => {
    const fake = treeWorld();
    fake.failWhen((c) => isPipeline(c) && describeCall(c).endsWith(' pool/dst/c'), {
      exitCode: 1,
      stderr: 'cannot receive: out of space\n',
    });
    const recorder = new RunRecorder();
    const { code } = await run(
      fake,
      {
        ...REPORTING,
        selection: { recursive: true },
        run: {
          ...REPORTING.run,
          retry: { retries: 0, minSleepSecs: 0, initialMaxSleepSecs: 0, maxSleepSecs: 0, maxElapsedSecs: 0 },
        },
      },
      { recorder },
    );
    expect(code).toBe(ExitCode.ERROR);
    const report = recorder.report({ exitCode: code, ...times });
    expect(report.outcome).toBe('error');
    const byDst = Object.fromEntries(report.replication.map((e) => [e.dstDataset, e]));
    expect(Object.keys(byDst).sort()).toEqual(['pool/dst', 'pool/dst/a', 'pool/dst/a/b', 'pool/dst/c']);
    expect(byDst['pool/dst/a/b']).toMatchObject({
      srcDataset: 'pool/src/a/b',
      ok: true,
      newestSnapshot: { name: 's2' },
    });
    expect(byDst['pool/dst/c']).toMatchObject({ ok: false, newestSnapshot: null });
  });
});

describe('the run recorder: monitoring', () => {
  const NOW = Date.UTC(2025, 0, 10, 12, 0, 0);
  const clock: Clock = { wallMs: () => NOW, now: () => 0, sleep: async () => {} };
  const H10 = 'prod_onsite_2025-01-10_10:00:00_hourly';
  const H1130 = 'prod_onsite_2025-01-10_11:30:00_hourly';
  /** pool/src has H10 (2h old) and H1130 (30 min); pool/dst only H10. */
  function world() {
    const fake = simpleWorld();
    fake.clockSecs = (NOW - 120 * 60_000) / 1000;
    fake.snapshot(LOCAL, 'pool/src', H10);
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, { place: LOCAL, dataset: 'pool/dst' }, H10);
    fake.clockSecs = (NOW - 30 * 60_000) / 1000;
    fake.snapshot(LOCAL, 'pool/src', H1130);
    return fake;
  }
  const monitoring = (critical: string) => ({
    ...REPORTING,
    replication: { skip: true },
    monitor: {
      rules: parseMonitorRules(
        `{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes','critical':'${critical}'}}}}}`,
        { noLatestCheck: false, noOldestCheck: false },
      ),
      dontWarn: false,
      dontCrit: false,
    },
  });

  it.each<[string, number, number]>([
    ['2 hours', ExitCode.WARNING, 1],
    ['50 minutes', ExitCode.CRITICAL, 2],
  ])('critical after %s + 1h: exit %i, outcome alert, dst status %i', async (critical, exit, status) => {
    const recorder = new RunRecorder();
    const { code } = await run(world(), monitoring(critical), { recorder, clock });
    expect(code).toBe(exit);
    const report = recorder.report({ exitCode: code, ...times });
    expect(report.outcome).toBe('alert');
    expect(report.monitor).toEqual([
      { side: 'src', dataset: 'pool/src', status: 0 },
      { side: 'dst', dataset: 'pool/dst', status },
    ]);
  });

  it('exit 2 from a failure, not from an alert, is no alert', () => {
    const recorder = new RunRecorder();
    recorder.checked('dst', 'pool/dst', 1);
    expect(recorder.report({ exitCode: ExitCode.USAGE, ...times }).outcome).toBe('usage-error');
  });

  it("a dataset's entry keeps its worst check", () => {
    const recorder = new RunRecorder();
    for (const s of [1, 2, 0] as const) recorder.checked('src', 'tank/a', s);
    expect(recorder.report({ exitCode: 0, ...times }).monitor).toEqual([
      { side: 'src', dataset: 'tank/a', status: 2 },
    ]);
  });
});

describe('the run recorder: the totals of the run summary', () => {
  it('a full send then an incremental: one dataset, two steps, both estimated', async () => {
    const recorder = new RunRecorder();
    await run(simpleWorld(), REPORTING, { recorder });
    expect(recorder.totals()).toEqual({
      datasets: 1,
      replicated: 1,
      steps: 2,
      estimatedSteps: 2,
      bytes: 3 * FAKE_BYTES_PER_SNAPSHOT,
    });
  });

  it('without --run-report-file the steps count, unestimated', async () => {
    const recorder = new RunRecorder();
    await run(simpleWorld(), {}, { recorder });
    expect(recorder.totals()).toMatchObject({ replicated: 1, steps: 2, estimatedSteps: 0, bytes: 0 });
  });

  it('a dataset already in sync counts as gone through, not replicated', async () => {
    const fake = simpleWorld();
    await run(fake, {});
    const recorder = new RunRecorder();
    await run(fake, {}, { recorder });
    expect(recorder.totals()).toMatchObject({ datasets: 1, replicated: 0, steps: 0 });
  });

  it("beginCycle drops the last cycle's facts: the report and the totals tell the new cycle only", async () => {
    const recorder = new RunRecorder();
    await run(simpleWorld(), REPORTING, { recorder });
    recorder.checked('dst', 'pool/dst', 2);
    recorder.exitedOnAlert();
    recorder.beginCycle();
    expect(recorder.totals()).toMatchObject({ datasets: 0, steps: 0, bytes: 0 });
    expect(recorder.report({ exitCode: 0, ...times })).toMatchObject({
      outcome: 'ok',
      replication: [],
      monitor: [],
    });
  });
});
