import { beforeEach, describe, expect, it } from '@jest/globals';
import { bzfsAt, freshPoolsForEachTest, zfs, type Result } from './harness.js';

// --monitor-snapshots on real ZFS: the ages are measured from the snapshots' real ZFS creation time to bzfs's
// clock, which bzfsAt fixes (test/support/bzfs-at.ts), so every run below is at a chosen age, never a waited one.
const S = 'bzmo_src';
const D = 'bzmo_dst';
const SRC = `${S}/data`;
const DST = `${D}/data`;
const MIN = 60_000;
/** The clock of the run that makes the snapshots (their names); ZFS records the machine's real time. */
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);
const HOURLY = 'prod_onsite_20260101T100000_hourly';
/** Hourly latest: WARNING over 30 + 60 = 90 minutes, CRITICAL over 300 + 60 = 360 minutes. */
const PLAN = "{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes','critical':'300 minutes'}}}}}";
const MONITOR = ['--skip-replication', `--monitor-snapshots=${PLAN}`];

/** The snapshot's ZFS creation time, in ms since the epoch. */
async function createdMs(snap: string): Promise<number> {
  return Number((await zfs('get', '-Hp', '-o', 'value', 'creation', snap)).trim()) * 1000;
}

const expectCode = (r: Result, code: number) => {
  if (r.exitCode !== code) throw new Error(`bzfs exited ${r.exitCode}, expected ${code}\n${r.stderr}`);
};

describe('--monitor-snapshots on real ZFS', () => {
  freshPoolsForEachTest(S, D);
  /** When the hourly snapshot was really made (the same on both sides: a received snapshot keeps it). */
  let made = 0;

  beforeEach(async () => {
    const create = [
      '--create-src-snapshots',
      "--create-src-snapshots-plan={'prod':{'onsite':{'hourly':1}}}",
      '--create-src-snapshots-timezone=UTC',
      '--create-src-snapshots-timeformat=%Y%m%dT%H%M%S',
    ];
    expectCode(await bzfsAt(T0, [...create, SRC, DST]), 0);
    made = await createdMs(`${SRC}@${HOURLY}`);
    expect(await createdMs(`${DST}@${HOURLY}`)).toBe(made);
  });

  it('exit 0 before the warning limit, 1 past it, 2 past the critical limit; OK lines only with -v', async () => {
    const ok = await bzfsAt(made + 60 * MIN, [...MONITOR, SRC, DST]);
    expectCode(ok, 0);
    expect(ok.stderr).not.toMatch(/--monitor_snapshots: OK/);
    const verbose = await bzfsAt(made + 60 * MIN, ['-v', ...MONITOR, SRC, DST]);
    expectCode(verbose, 0);
    for (const ds of [SRC, DST])
      expect(verbose.stderr).toContain(
        `--monitor_snapshots: OK. Latest snapshot for ${ds}@prod_onsite_<timestamp>_hourly is 1h old: @${HOURLY}`,
      );

    const warning = await bzfsAt(made + 91 * MIN, [...MONITOR, SRC, DST]);
    expectCode(warning, 1);
    expect(warning.stderr).toContain(
      `--monitor_snapshots: Latest snapshot for ${DST}@prod_onsite_<timestamp>_hourly is 1.52h old but should be at most 1.5h old: @${HOURLY}`,
    );
    expect(warning.stderr).toMatch(/Exiting bzfs with status code 1\. Cause: --monitor_snapshots: /);

    const critical = await bzfsAt(made + 361 * MIN, [...MONITOR, SRC, DST]);
    expectCode(critical, 2);
    expect(critical.stderr).toContain('but should be at most 6h old');
    expect(critical.stderr).toMatch(/Exiting bzfs with status code 2\. Cause: /);
  });

  it('--monitor-snapshots-dont-crit and -dont-warn log the alert and exit 0', async () => {
    const crit = await bzfsAt(made + 361 * MIN, [...MONITOR, '--monitor-snapshots-dont-crit', SRC, DST]);
    expectCode(crit, 0);
    expect(crit.stderr).toContain('but should be at most 6h old');
    const warn = await bzfsAt(made + 91 * MIN, [...MONITOR, '--monitor-snapshots-dont-warn', SRC, DST]);
    expectCode(warn, 0);
    expect(warn.stderr).toContain('but should be at most 1.5h old');
  });

  it('a dummy side is skipped: only the real one is listed and checked', async () => {
    for (const [args, real, other] of [
      [['dummy', DST], DST, SRC],
      [[SRC, 'dummy'], SRC, DST],
    ] as const) {
      const r = await bzfsAt(made + 91 * MIN, [...MONITOR, ...args]);
      expectCode(r, 1);
      expect(r.stderr).toContain(`--monitor_snapshots: Latest snapshot for ${real}@`);
      expect(r.stderr).not.toContain(`snapshot for ${other}@`);
    }
  });

  it('a dataset without a snapshot of the label is critical; a missing destination root is an error (exit 3)', async () => {
    await zfs('create', `${SRC}/child`);
    const r = await bzfsAt(made + 10 * MIN, ['--recursive', ...MONITOR, SRC, 'dummy']);
    expectCode(r, 2);
    expect(r.stderr).toContain(
      `--monitor_snapshots: No snapshot exists for ${SRC}/child@prod_onsite_<timestamp>_hourly`,
    );
    const missing = await bzfsAt(made + 10 * MIN, [...MONITOR, SRC, `${D}/nope`]);
    expectCode(missing, 3);
    expect(missing.stderr).toContain(`Destination dataset does not exist: ${D}/nope`);
  });

  it('--explain lists the checks with their verdicts and exits 0', async () => {
    const r = await bzfsAt(made + 91 * MIN, ['--explain', ...MONITOR, SRC, DST]);
    expectCode(r, 0);
    const doc = JSON.parse(r.stdout) as {
      pairs: { tasks: { monitor: { checks: Record<string, unknown>[] } } }[];
    };
    expect(doc.pairs[0]!.tasks.monitor.checks.map((c) => [c['side'], c['dataset'], c['severity']])).toEqual([
      ['src', SRC, 'WARNING'],
      ['dst', DST, 'WARNING'],
    ]);
  });
});
