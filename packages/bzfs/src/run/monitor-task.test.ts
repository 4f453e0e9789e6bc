import { describe, expect, it } from '@jest/globals';
import type { MonitorSettings } from '../config/lifecycle.js';
import { LOCAL } from '../exec/runner.js';
import type { Clock } from '../infra/clock.js';
import { ExitCode } from '../model/exit-codes.js';
import { parseMonitorRules } from '../plan/monitor/rules.js';
import { FakeZfs } from '../../test/support/fake-runner.js';
import { pair, run } from '../../test/support/run-world.js';
import type { ConfigOverrides } from '../../test/support/test-config.js';

const MIN = 60_000;
/** 2025-01-10 12:00:00 UTC: the run's clock. */
const NOW = Date.UTC(2025, 0, 10, 12, 0, 0);
const clock: Clock = { wallMs: () => NOW, now: () => 0, sleep: async () => {} };
const H10 = 'prod_onsite_2025-01-10_10:00:00_hourly';
const H1130 = 'prod_onsite_2025-01-10_11:30:00_hourly';

/** Hourly latest: warning after 30 + 60 = 90 minutes, critical after `critical` + 60. */
const monitor = (critical = '2 hours', o: Partial<MonitorSettings> = {}): MonitorSettings => ({
  rules: parseMonitorRules(
    `{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes','critical':'${critical}'}}}}}`,
    { noLatestCheck: false, noOldestCheck: false },
  ),
  dontWarn: false,
  dontCrit: false,
  ...o,
});

/** Snapshots made `minsAgo` minutes before NOW. */
function snapAt(fake: FakeZfs, ds: string, minsAgo: number, ...names: string[]): void {
  fake.clockSecs = (NOW - minsAgo * MIN) / 1000;
  fake.snapshot(LOCAL, ds, ...names);
}

/** pool/src: H10 (120 min old) and H1130 (30 min); pool/dst has only H10: src is OK, dst 120 minutes old. */
function world(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
  snapAt(fake, 'pool/src', 120, H10);
  fake.copySnapshots({ place: LOCAL, dataset: 'pool/src' }, { place: LOCAL, dataset: 'pool/dst' }, H10);
  snapAt(fake, 'pool/src', 30, H1130);
  return fake;
}

const monitoring = (o: ConfigOverrides = {}): ConfigOverrides => ({
  replication: { skip: true },
  monitor: monitor(),
  ...o,
});
const listings = (fake: FakeZfs) => fake.log().filter((l) => l.startsWith('zfs list -t snapshot -d 1'));
const WARN_DST = `W --monitor_snapshots: Latest snapshot for pool/dst@prod_onsite_<timestamp>_hourly is 2h old but should be at most 1.5h old: @${H10}`;

describe('the monitor task: exit codes', () => {
  it('the worst alert decides: dst 120 minutes old warns (exit 1); the OK line of src only at -v (debug)', async () => {
    const fake = world();
    const { code, log } = await run(fake, monitoring(), { clock });
    expect(code).toBe(ExitCode.WARNING);
    expect(log).toContain(WARN_DST);
    expect(log).toContain(
      `D --monitor_snapshots: OK. Latest snapshot for pool/src@prod_onsite_<timestamp>_hourly is 30m old: @${H1130}`,
    );
    expect(log).toContain(`E Exiting bzfs with status code 1. Cause: ${WARN_DST.slice(2)}`);
    expect(log).toContain(
      'I --monitor-snapshots done: pool/src --> pool/dst [2 datasets; 2 checks: 1 OK, 1 WARNING, 0 CRITICAL]',
    );
    expect(log.some((l) => l.includes('Success'))).toBe(false);
  });

  it('past the critical limit: exit 2, logged as an error', async () => {
    const { code, log } = await run(world(), monitoring({ monitor: monitor('50 minutes') }), { clock });
    expect(code).toBe(ExitCode.CRITICAL);
    expect(log).toContain(WARN_DST.replace('W ', 'E ').replace('1.5h', '1.83h'));
    expect(log.filter((l) => l.startsWith('E Exiting'))).toEqual([
      `E Exiting bzfs with status code 2. Cause: ${WARN_DST.slice(2).replace('1.5h', '1.83h')}`,
    ]);
  });

  it.each([
    ['--monitor-snapshots-dont-warn', '2 hours', { dontWarn: true }, 'W'],
    ['--monitor-snapshots-dont-crit', '50 minutes', { dontCrit: true }, 'E'],
  ])('%s: the alert is still logged, the exit code is 0', async (_name, critical, flags, level) => {
    const { code, log } = await run(world(), monitoring({ monitor: monitor(critical, flags) }), { clock });
    expect(code).toBe(ExitCode.OK);
    expect(log.some((l) => l.startsWith(`${level} --monitor_snapshots: Latest snapshot for pool/dst@`))).toBe(
      true,
    );
    expect(log.some((l) => l.startsWith('E Exiting'))).toBe(false);
  });

  it('across pairs the worst alert wins; an error wins over any alert (exit 3)', async () => {
    const fake = world();
    snapAt(fake, 'pool/src2', 150, H10);
    fake.copySnapshots({ place: LOCAL, dataset: 'pool/src2' }, { place: LOCAL, dataset: 'pool/dst2' }, H10);
    const two = [pair('pool/src', 'pool/dst'), pair('pool/src2', 'pool/dst2')];
    const critical = await run(fake, monitoring({ pairs: two, monitor: monitor('80 minutes') }), { clock });
    // pool/dst: 120 minutes > 90 warns; pool/src2 and pool/dst2: 150 > 140 are critical.
    expect(critical.code).toBe(ExitCode.CRITICAL);
    expect(critical.log.filter((l) => l.startsWith('E Exiting'))[0]).toContain('pool/src2@');
    const withError = await run(fake, monitoring({ pairs: [...two, pair('pool/src', 'pool/nope')] }), {
      clock,
    });
    expect(withError.code).toBe(ExitCode.ERROR);
    expect(withError.log).toContain('E Destination dataset does not exist: pool/nope');
  });
});

describe('the monitor task: what is checked, and how it is listed', () => {
  it('a dataset without a snapshot of the label: "No snapshot exists" (critical)', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/dst');
    snapAt(fake, 'pool/src', 10, H1130, 'other');
    const { code, log } = await run(fake, monitoring(), { clock });
    expect(code).toBe(ExitCode.CRITICAL);
    expect(log).toContain(
      'E --monitor_snapshots: No snapshot exists for pool/dst@prod_onsite_<timestamp>_hourly',
    );
  });

  it('a dummy side is not checked: `bzfs dummy DST` monitors DST alone, `bzfs SRC dummy` SRC alone', async () => {
    const fake = world();
    const dst = await run(fake, monitoring({ pairs: [pair('dummy', 'pool/dst')] }), { clock });
    expect(dst.code).toBe(ExitCode.WARNING);
    expect(listings(fake)).toEqual([
      'zfs list -t snapshot -d 1 -Hp -o name,guid,createtxg,creation,userrefs -s createtxg pool/dst',
    ]);
    expect(dst.log).toContain('D --monitor-snapshots: the src is dummy: not checked');
    const src = await run(world(), monitoring({ pairs: [pair('pool/src', 'dummy')] }), { clock });
    expect(src.code).toBe(ExitCode.OK);
  });

  it('one snapshot listing per side for the whole tree; the dataset filters select on each side', async () => {
    const fake = world();
    for (const ds of ['pool/src/a', 'pool/src/tmp', 'pool/dst/a', 'pool/dst/b']) snapAt(fake, ds, 5, H1130);
    const { code, log } = await run(
      fake,
      monitoring({ selection: { recursive: true, excludeDatasets: ['b'], excludeDatasetRegex: ['tmp'] } }),
      { clock },
    );
    expect(listings(fake).map((l) => l.split('createtxg ')[1])).toEqual([
      'pool/src pool/src/a',
      'pool/dst pool/dst/a',
    ]);
    expect(code).toBe(ExitCode.WARNING);
    expect(log.filter((l) => /^[DWE] --monitor_snapshots/.test(l)).length).toBe(4);
  });

  it('a missing real root is an error (exit 3), not an alert', async () => {
    const fake = world();
    const { code, log } = await run(fake, monitoring({ pairs: [pair('pool/src', 'pool/missing')] }), {
      clock,
    });
    expect(code).toBe(ExitCode.ERROR);
    expect(log).toContain('E Destination dataset does not exist: pool/missing');
  });

  it('oldest with holds: the held oldest is passed over with oldest_skip_holds', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/dst');
    snapAt(fake, 'pool/src', 26 * 60, 'prod_onsite_2025-01-09_10:00:00_hourly');
    snapAt(fake, 'pool/src', 60, H10);
    fake.hold(LOCAL, 'pool/src', 'prod_onsite_2025-01-09_10:00:00_hourly');
    const oldest = (skip: boolean): MonitorSettings => ({
      rules: parseMonitorRules(
        `{'prod':{'onsite':{'hourly':{'oldest':{'warning':'1 hours','cycles':24,'oldest_skip_holds':${skip ? 'True' : 'False'}}}}}}`,
        { noLatestCheck: false, noOldestCheck: false },
      ),
      dontWarn: false,
      dontCrit: false,
    });
    const pairs = [pair('pool/src', 'dummy')];
    expect((await run(fake, monitoring({ pairs, monitor: oldest(false) }), { clock })).code).toBe(
      ExitCode.WARNING,
    );
    expect((await run(fake, monitoring({ pairs, monitor: oldest(true) }), { clock })).code).toBe(ExitCode.OK);
  });

  it('runs after the other tasks of the pair: it sees what replication just sent', async () => {
    const fake = world();
    const { code, log } = await run(fake, { monitor: monitor() }, { clock });
    expect(code).toBe(ExitCode.OK);
    const replicated = log.findIndex((l) => l.startsWith('I Replication done'));
    expect(replicated).toBeGreaterThanOrEqual(0);
    expect(log.findIndex((l) => l.startsWith('I --monitor-snapshots done'))).toBeGreaterThan(replicated);
  });
});
