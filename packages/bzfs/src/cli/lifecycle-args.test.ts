import { describe, expect, it } from '@jest/globals';
import type { BzfsConfig } from '../config/types.js';
import { DEFAULT_ANCHORS } from '../model/anchors.js';
import { UsageError } from '../model/errors.js';
import { selectSnapshots } from '../filters/select-snapshots.js';
import type { SnapshotRef } from '../model/snapshot.js';
import { parseCli } from './args.js';

const ENV = { home: '/home/u', cpus: 8 };
const PAIR = ['--', 'pool/src', 'pool/dst'];

async function cfg(
  argv: string[],
  env: Partial<typeof ENV & { readArgumentFile: (p: string) => string }> = {},
) {
  const r = await parseCli([...argv, ...PAIR], { ...ENV, ...env });
  if (r.config === undefined) throw new Error('no config');
  return r.config;
}
const refusal = (argv: string[]) =>
  cfg(argv).then(
    () => {
      throw new Error(`accepted: ${argv.join(' ')}`);
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(UsageError);
      return (e as Error).message;
    },
  );

const HOUR = 3600;
/** Snapshots named by `names`, one per hour, the last created an hour before NOW. */
const NOW_MS = 1_750_000_000_000;
const snaps = (...names: string[]): SnapshotRef[] =>
  names.map((name, i) => ({
    kind: 'snapshot',
    dataset: 'pool/src',
    name,
    guid: String(i + 1),
    createtxg: BigInt(i + 1),
    creation: NOW_MS / 1000 - (names.length - i) * HOUR,
  }));
const picked = (c: BzfsConfig, all: SnapshotRef[]) =>
  selectSnapshots(all, c.selection.snapshotFilters, NOW_MS).map((s) => s.name);

describe('--create-src-snapshots and its options', () => {
  it('absent: no creation; given: the default plan, format, local zone and anchors', async () => {
    expect((await cfg([])).create).toBeUndefined();
    const c = (await cfg(['--create-src-snapshots'])).create!;
    expect(c.labels).toEqual([{ org: 'bzfs', target: 'onsite', periodName: 'adhoc', period: undefined }]);
    expect(c.zone).toEqual({ kind: 'local' });
    expect(c.anchors).toEqual(DEFAULT_ANCHORS);
    expect(c.evenIfNotDue).toBe(false);
  });

  it('reads the plan (longest period first, count 0 left out), zone, format and every anchor', async () => {
    const c = (
      await cfg([
        '--create-src-snapshots',
        "--create-src-snapshots-plan={'prod': {'onsite': {'5minutely': 1, 'hourly': 2, 'daily': 0}}}",
        '--create-src-snapshots-timezone=+05:30',
        '--create-src-snapshots-timeformat=%Y%m%d%H%M%S',
        '--create-src-snapshots-even-if-not-due',
        '--daily_hour=2',
        '--hourly_minute',
        '30',
        '--yearly_year=2020',
      ])
    ).create!;
    expect(c.labels.map((l) => l.periodName)).toEqual(['hourly', '5minutely']);
    expect(c.zone).toEqual({ kind: 'fixed', offsetMinutes: 330 });
    expect(c.evenIfNotDue).toBe(true);
    expect(c.anchors).toEqual({ ...DEFAULT_ANCHORS, dailyHour: 2, hourlyMinute: 30, yearlyYear: 2020 });
  });

  it.each([
    [['--create-src-snapshots', '--daily_hour=24'], /--daily_hour 24: expected an integer from 0 to 23/],
    [['--create-src-snapshots', '--weekly_weekday=x'], /--weekly_weekday "x": expected a decimal integer/],
    [
      ['--create-src-snapshots', "--create-src-snapshots-plan={'p': {'o': {'7hourly': 1}}}"],
      /must divide a day/,
    ],
    [['--create-src-snapshots', "--create-src-snapshots-plan={'p': {'o': {'5monthly': 1}}}"], /divide 12/],
    [['--create-src-snapshots', '--create-src-snapshots-timezone=Mars/Base'], /unknown IANA/],
    [['--create-src-snapshots', '--create-src-snapshots-timeformat=%Q'], /unsupported directive/],
  ])('refuses %j', async (argv, why) => {
    expect(await refusal(argv)).toMatch(why);
  });
});

describe('--delete-dst-snapshots and its options', () => {
  it('absent: no retention; bare or =snapshots: snapshots; =bookmarks: bookmarks', async () => {
    expect((await cfg([])).retention).toBeUndefined();
    expect((await cfg(['--delete-dst-snapshots'])).retention).toEqual({
      kind: 'snapshot',
      except: false,
      crosscheck: true,
      forceDeleteLatestCommonSnapshot: false,
    });
    expect((await cfg(['--delete-dst-snapshots=snapshots'])).retention?.kind).toBe('snapshot');
    expect((await cfg(['--delete-dst-snapshots', 'bookmarks'])).retention?.kind).toBe('bookmark');
  });

  it('-except, -except-plan (implies except), -no-crosscheck and --force-delete-latest-common-snapshot', async () => {
    const r = (
      await cfg([
        '--delete-dst-snapshots',
        "--delete-dst-snapshots-except-plan={'prod': {'onsite': {'hourly': 2}}}",
        '--delete-dst-snapshots-no-crosscheck',
        '--force-delete-latest-common-snapshot',
      ])
    ).retention;
    expect(r).toEqual({
      kind: 'snapshot',
      except: true,
      crosscheck: false,
      forceDeleteLatestCommonSnapshot: true,
    });
    expect((await cfg(['--delete-dst-snapshots', '--delete-dst-snapshots-except'])).retention?.except).toBe(
      true,
    );
  });

  it('refuses an empty except-plan, a bad kind, and the options without --delete-dst-snapshots', async () => {
    expect(await refusal(['--delete-dst-snapshots', '--delete-dst-snapshots-except-plan={}'])).toMatch(
      /refusing an empty plan/,
    );
    expect(await refusal(['--delete-dst-snapshots=all'])).toMatch(/expected 'snapshots' or 'bookmarks'/);
    for (const o of ['--delete-dst-snapshots-except', '--delete-dst-snapshots-no-crosscheck'])
      expect(await refusal([o])).toMatch(/only applies with --delete-dst-snapshots/);
  });
});

describe('--delete-dst-datasets and --delete-empty-dst-datasets', () => {
  it('absent: neither; --delete-dst-datasets is a flag', async () => {
    expect((await cfg([])).deleteDatasets).toEqual({ missingOnSource: false, empty: undefined });
    expect((await cfg(['--delete-dst-datasets'])).deleteDatasets.missingOnSource).toBe(true);
  });

  it("--delete-empty-dst-datasets: bare means snapshots+bookmarks (the original's const); both values", async () => {
    const empty = async (...argv: string[]) => (await cfg(argv)).deleteDatasets.empty;
    expect(await empty('--delete-empty-dst-datasets')).toBe('snapshots+bookmarks');
    expect(await empty('--delete-empty-dst-datasets=snapshots')).toBe('snapshots');
    expect(await empty('--delete-empty-dst-datasets', 'snapshots+bookmarks')).toBe('snapshots+bookmarks');
  });

  it('refuses another value, with the way to write a value before the datasets', async () => {
    expect(await refusal(['--delete-empty-dst-datasets=bookmarks'])).toMatch(
      /expected 'snapshots' or 'snapshots\+bookmarks'.*--delete-empty-dst-datasets=snapshots\+bookmarks/,
    );
  });

  it('a dataset right after the bare option is taken as its value (as argparse does) and refused', async () => {
    const e = await parseCli(['--delete-empty-dst-datasets', 'pool/src', 'pool/dst'], ENV).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toMatch(/--delete-empty-dst-datasets "pool\/src"/);
  });

  it('is part of the job: the lock key differs with either option', async () => {
    const base = (await cfg([])).lockKey;
    expect((await cfg(['--delete-dst-datasets'])).lockKey).not.toBe(base);
    expect((await cfg(['--delete-empty-dst-datasets'])).lockKey).not.toBe(base);
  });
});

describe('snapshot filters: ordered groups in cfg.selection.snapshotFilters', () => {
  const all = snaps('a_hourly', 'b_daily', 'c_hourly', 'd_daily', 'e_hourly');

  it('without filters, one empty group selects everything', async () => {
    const c = await cfg([]);
    expect(c.selection.snapshotFilters).toEqual([[]]);
    expect(picked(c, all)).toEqual(['a_hourly', 'b_daily', 'c_hourly', 'd_daily', 'e_hourly']);
  });

  it('regex options take several values (nargs=+) and narrow left to right with ranks', async () => {
    // The hourly ones, then the latest 2 of them.
    const c = await cfg([
      '--include-snapshot-regex',
      '.*_hourly',
      'x',
      '--include-snapshot-times-and-ranks',
      'notime',
      'latest 2',
    ]);
    expect(picked(c, all)).toEqual(['c_hourly', 'e_hourly']);
    // The other order: the latest 2 of all, then the hourly ones among them.
    const d = await cfg([
      '--include-snapshot-times-and-ranks',
      'notime',
      'latest2',
      '--include-snapshot-regex=.*_hourly',
    ]);
    expect(picked(d, all)).toEqual(['e_hourly']);
  });

  it('--new-snapshot-filter-group makes a union; a time range selects by creation', async () => {
    const c = await cfg([
      '--include-snapshot-regex=a_.*',
      '--new-snapshot-filter-group',
      // Created within the last 2.5 hours: d (2 h ago) and e (1 h ago).
      '--include-snapshot-times-and-ranks=150 minutes ago..anytime',
    ]);
    expect(picked(c, all)).toEqual(['a_hourly', 'd_daily', 'e_hourly']);
  });

  it('--include-snapshot-plan appends a group per clause after the command line filters', async () => {
    const plan = snaps(
      'prod_onsite_2025-01-01_00:00:00_hourly',
      'prod_onsite_2025-01-01_01:00:00_hourly',
      'prod_onsite_2025-01-01_02:00:00_hourly',
      'prod_onsite_2025-01-01_00:00:00_daily',
      'other',
    );
    const c = await cfg(["--include-snapshot-plan={'prod': {'onsite': {'hourly': 1, 'daily': 0}}}"]);
    expect(c.selection.snapshotFilters).toHaveLength(2);
    // hourly: the latest 1 (and those younger than 1 hour: none); daily 0 selects nothing.
    expect(picked(c, plan)).toEqual(['prod_onsite_2025-01-01_02:00:00_hourly']);
  });

  it('+file values read a regex list (one per line, # comments); the file name must say so', async () => {
    const read = (p: string) => (p === '/etc/bzfs_argument_file_snaps' ? '# keep\nb_.*\n\nd_.*\n' : '');
    const c = await cfg(['--include-snapshot-regex=+/etc/bzfs_argument_file_snaps'], {
      readArgumentFile: read,
    });
    expect(picked(c, all)).toEqual(['b_daily', 'd_daily']);
    expect(await refusal(['--include-snapshot-regex=+/etc/other'])).toMatch(/bzfs_argument_file/);
  });

  it('refuses a bad time range, a bad rank and a missing value', async () => {
    expect(await refusal(['--include-snapshot-times-and-ranks=yesterday'])).toMatch(/needs '\.\.'/);
    expect(await refusal(['--include-snapshot-times-and-ranks', 'notime', 'newest 2'])).toMatch(
      /is not a rank/,
    );
    expect(await refusal(['--include-snapshot-regex', '--recursive'])).toMatch(/expects at least one value/);
  });
});

describe('--monitor-snapshots and its flags', () => {
  const PLAN =
    "--monitor-snapshots={'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes','critical':'300 minutes'}}}}}";

  it('reads the plan into rules, with the dont-warn/dont-crit flags', async () => {
    const c = await cfg([PLAN, '--monitor-snapshots-dont-crit']);
    expect(c.monitor).toEqual({
      rules: [
        {
          label: {
            org: 'prod',
            target: 'onsite',
            periodName: 'hourly',
            period: { unit: 'hourly', multiple: 1 },
          },
          latest: { warningMs: 90 * 60_000, criticalMs: 360 * 60_000 },
          oldestSkipHolds: false,
        },
      ],
      dontWarn: false,
      dontCrit: true,
    });
    expect((await cfg([PLAN, '--monitor-snapshots-dont-warn'])).monitor?.dontWarn).toBe(true);
    expect((await cfg([])).monitor).toBeUndefined();
  });

  it('a plan that checks nothing (`{}`, what a job without monitor plan gives) monitors nothing', async () => {
    expect((await cfg(['--monitor-snapshots={}'])).monitor).toBeUndefined();
    expect((await cfg([PLAN, '--monitor-snapshots-no-latest-check'])).monitor).toBeUndefined();
  });

  it('refuses a bad plan, and a flag without --monitor-snapshots', async () => {
    expect(
      await refusal(["--monitor-snapshots={'prod':{'onsite':{'hourly':{'latest':{'warning':'2h'}}}}}"]),
    ).toMatch(/"latest"\."warning": must be a duration such as '30 minutes'/);
    expect(await refusal(['--monitor-snapshots-dont-warn'])).toBe(
      '--monitor-snapshots-dont-warn only applies with --monitor-snapshots DICT; add that option',
    );
    expect(await refusal(['--monitor-snapshots-no-oldest-check'])).toMatch(
      /only applies with --monitor-snapshots/,
    );
  });
});
