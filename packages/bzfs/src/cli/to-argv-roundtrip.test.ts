import { describe, expect, it } from '@jest/globals';
import { parseCli } from './args.js';
import { bzfsCanonicalOption, bzfsOptionNames } from './option-table.js';
import { BZFS_FLAG, NEW_GROUP_FLAG, toArgv, type BzfsOptions } from './to-argv.js';

// toArgv is how the jobrunner speaks to bzfs: these check that what it writes is what bzfs reads,
// so a renamed bzfs flag or a changed value syntax fails here rather than in a fleet's cron mail.
const ENV = { home: '/home/u', cpus: 8 };
const pairs = [{ src: 'prod001:tank/data', dst: 'bak/prod001/data' }];
const plan = { prod: { onsite: { daily: 7 } } };

/** Every option toArgv renders that bzfs-ts implements, with a value differing from its default. */
const IMPLEMENTED: BzfsOptions = {
  datasetPairs: pairs,
  recursive: true,
  skipParent: true,
  dryrun: 'send',
  sshSrcUser: 'alice',
  sshSrcHost: 'prod001',
  sshSrcPort: 2222,
  sshSrcConfigFile: '/home/u/.ssh/bzfs/src_bzfs_ssh_config',
  sshDstUser: 'bob',
  sshDstHost: 'nas',
  sshDstPort: 2223,
  sshDstConfigFile: '/home/u/.ssh/bzfs/dst_bzfs_ssh_config',
  includeDatasetRegex: ['tank/data/a.*'],
  excludeDatasetRegex: ['.*/tmp'],
  skipReplication: true,
  includeSnapshotPlan: plan,
  createSrcSnapshots: true,
  createSrcSnapshotsPlan: { prod: { onsite: { hourly: 1 } } },
  deleteDstSnapshots: 'bookmarks',
  deleteDstSnapshotsExceptPlan: plan,
  keepSnapshotNames: ['prod_onsite_2024-01-01_00:00:00_daily'],
  monitorSnapshots: {
    prod: {
      onsite: {
        daily: {
          latest: { warning: '4 hours', critical: '8 hours' },
          oldest: { warning: '1 hours', cycles: 7, oldestSkipHolds: true },
        },
      },
    },
  },
  logDir: '/var/log/bzfs-logs',
  runReportFile: '/var/log/bzfs-logs/run.report.json',
  daemonFrequency: '10secondly',
};

describe('parseCli(toArgv(options))', () => {
  it('gives back the meaning of every implemented option', async () => {
    const { config } = await parseCli(toArgv(IMPLEMENTED), ENV);
    expect(config).toMatchObject({
      pairs: [
        {
          src: {
            dataset: 'tank/data',
            ssh: {
              host: 'prod001',
              user: 'alice',
              port: 2222,
              configFile: '/home/u/.ssh/bzfs/src_bzfs_ssh_config',
            },
          },
          dst: {
            dataset: 'bak/prod001/data',
            ssh: {
              host: 'nas',
              user: 'bob',
              port: 2223,
              configFile: '/home/u/.ssh/bzfs/dst_bzfs_ssh_config',
            },
          },
        },
      ],
      selection: {
        recursive: true,
        skipParent: true,
        includeDatasetRegex: ['tank/data/a.*'],
        excludeDatasetRegex: ['.*/tmp'],
      },
      run: { dryrun: 'send', logDir: '/var/log/bzfs-logs' },
      daemon: { lifetimeMs: 0, frequency: { unit: 'secondly', multiple: 10 } },
      replication: { skip: true },
      create: { labels: [{ org: 'prod', target: 'onsite', periodName: 'hourly' }] },
      retention: { kind: 'bookmark', except: true, crosscheck: true },
      monitor: {
        rules: [
          {
            label: { org: 'prod', target: 'onsite', periodName: 'daily' },
            latest: { warningMs: 28 * 3_600_000, criticalMs: 32 * 3_600_000 },
            oldest: { warningMs: (1 + 7 * 24) * 3_600_000 },
            oldestSkipHolds: true,
          },
        ],
        dontWarn: false,
        dontCrit: false,
      },
    });
    // The kept names' own group, then --include-snapshot-plan and --delete-dst-snapshots-except-plan: one group
    // each (regex, times and ranks).
    const groups = config?.selection.snapshotFilters ?? [];
    expect(groups.map((g) => g.map((f) => f.kind))).toEqual([
      ['regex'],
      ['regex', 'times-and-ranks'],
      ['regex', 'times-and-ranks'],
    ]);
  });

  it('bare --delete-dst-snapshots (true) means snapshots, and a bare flag before -- takes no value', async () => {
    const { config } = await parseCli(toArgv({ datasetPairs: pairs, deleteDstSnapshots: true }), ENV);
    expect(config?.retention?.kind).toBe('snapshot');
    expect(config?.pairs).toHaveLength(1);
  });

  it('an empty create plan (what a job spec without plan gives) means the default plan', async () => {
    const argv = toArgv({ datasetPairs: pairs, createSrcSnapshots: true, createSrcSnapshotsPlan: {} });
    const { config } = await parseCli(argv, ENV);
    expect(config?.create?.labels).toEqual([
      { org: 'bzfs', target: 'onsite', periodName: 'adhoc', period: undefined },
    ]);
  });

  it('bare --dryrun means a full dry run', async () => {
    const { config } = await parseCli(toArgv({ datasetPairs: pairs, dryrun: true }), ENV);
    expect(config?.run.dryrun).toBe('send');
  });
});

describe('toArgv', () => {
  const all: BzfsOptions = IMPLEMENTED;
  const flags = toArgv(all)
    .filter((a) => a.startsWith('--') && a !== '--')
    .map((a) => a.slice(2).replace(/=.*$/s, ''));

  it("emits only flags in bzfs's option table", () => {
    expect(flags.length).toBeGreaterThan(20);
    const known = new Set(bzfsOptionNames());
    expect(flags.filter((f) => !known.has(f))).toEqual([]);
  });

  it('emits the flag of every option field when all are set, and no other', () => {
    expect(new Set(flags)).toEqual(new Set([...Object.values(BZFS_FLAG), NEW_GROUP_FLAG]));
  });

  it('takes every flag from BZFS_FLAG, each a long name of the table (the type-check, at run time)', () => {
    for (const flag of Object.values(BZFS_FLAG)) expect(bzfsCanonicalOption(flag)).toBe(flag);
  });
});
