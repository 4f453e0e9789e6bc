import { describe, it, expect } from '@jest/globals';
import { toArgv, type BzfsOptions } from './to-argv.js';

const pairs = [{ src: 'prod001:tank/data', dst: 'nas:bak/data' }];

describe('toArgv', () => {
  it('renders only the pairs, after --, when nothing else is set', () => {
    expect(toArgv({ datasetPairs: pairs })).toEqual(['--', 'prod001:tank/data', 'nas:bak/data']);
  });

  it('keeps local locators that look like options after --', () => {
    expect(toArgv({ datasetPairs: [{ src: 'dummy', dst: '-:tank/data' }] })).toEqual([
      '--',
      'dummy',
      '-:tank/data',
    ]);
  });

  it.each<[string, Partial<BzfsOptions>, string[]]>([
    ['recursive', { recursive: true }, ['--recursive']],
    ['recursive off', { recursive: false }, []],
    ['skip parent', { skipParent: true }, ['--skip-parent']],
    ['dryrun', { dryrun: true }, ['--dryrun']],
    ['dryrun send', { dryrun: 'send' }, ['--dryrun=send']],
    [
      'ssh src',
      { sshSrcUser: 'alice', sshSrcHost: 'h1', sshSrcPort: 2222, sshSrcConfigFile: '/etc/bzfs_ssh_config' },
      [
        '--ssh-src-user=alice',
        '--ssh-src-host=h1',
        '--ssh-src-port=2222',
        '--ssh-src-config-file=/etc/bzfs_ssh_config',
      ],
    ],
    ['ssh dst', { sshDstUser: 'bob', sshDstPort: 22 }, ['--ssh-dst-user=bob', '--ssh-dst-port=22']],
    ['empty ssh user is omitted', { sshSrcUser: '' }, []],
    [
      'dataset regexes repeat',
      { includeDatasetRegex: ['a.*', 'b'], excludeDatasetRegex: ['c'] },
      ['--include-dataset-regex=a.*', '--include-dataset-regex=b', '--exclude-dataset-regex=c'],
    ],
    ['skip replication', { skipReplication: true }, ['--skip-replication']],
    ['delete dst snapshots', { deleteDstSnapshots: true }, ['--delete-dst-snapshots']],
    ['delete dst bookmarks', { deleteDstSnapshots: 'bookmarks' }, ['--delete-dst-snapshots=bookmarks']],
    [
      'kept names: their own group, each name matched exactly',
      { keepSnapshotNames: ['p_a.b', '!x'] },
      ['--new-snapshot-filter-group', '--include-snapshot-regex=p_a\\.b', '--include-snapshot-regex=\\!x'],
    ],
    ['no kept names, no group', { keepSnapshotNames: [] }, []],
    ['log dir', { logDir: '/var/log/bzfs-logs' }, ['--log-dir=/var/log/bzfs-logs']],
    ['daemon frequency', { daemonFrequency: '10secondly' }, ['--daemon-frequency=10secondly']],
    ['extra args verbatim', { extraArgs: ['--threads', '4', '-v'] }, ['--threads', '4', '-v']],
  ])('%s', (_name, opts, expected) => {
    expect(toArgv({ datasetPairs: [], ...opts })).toEqual([...expected, '--']);
  });

  it('renders plans as JSON that a Python dict literal parser also accepts', () => {
    const plan = { prod: { onsite: { hourly: 36, '10minutely': 4 }, '': { daily: 0 } } };
    const argv = toArgv({
      datasetPairs: [],
      createSrcSnapshots: true,
      createSrcSnapshotsPlan: plan,
      deleteDstSnapshotsExceptPlan: plan,
      includeSnapshotPlan: plan,
    });
    const json = JSON.stringify(plan);
    expect(argv).toEqual([
      `--include-snapshot-plan=${json}`,
      '--create-src-snapshots',
      `--create-src-snapshots-plan=${json}`,
      `--delete-dst-snapshots-except-plan=${json}`,
      '--',
    ]);
    expect(JSON.parse(argv[0]!.slice('--include-snapshot-plan='.length))).toEqual(plan);
  });

  it('spells monitor alert keys like the original', () => {
    const argv = toArgv({
      datasetPairs: [],
      monitorSnapshots: {
        prod: {
          onsite: {
            hourly: {
              latest: { warning: '30 minutes', critical: '300 minutes' },
              oldest: { warning: '30 minutes', critical: '300 minutes', cycles: 36, oldestSkipHolds: true },
            },
          },
        },
      },
    });
    expect(argv[0]).toBe(
      '--monitor-snapshots={"prod":{"onsite":{"hourly":{' +
        '"latest":{"warning":"30 minutes","critical":"300 minutes"},' +
        '"oldest":{"warning":"30 minutes","critical":"300 minutes","cycles":36,"oldest_skip_holds":true}}}}}',
    );
  });

  it('puts typed options first, then extra args, then the pairs', () => {
    expect(toArgv({ datasetPairs: pairs, recursive: true, extraArgs: ['--threads=2'] })).toEqual([
      '--recursive',
      '--threads=2',
      '--',
      'prod001:tank/data',
      'nas:bak/data',
    ]);
  });
});
