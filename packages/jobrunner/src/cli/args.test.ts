import { describe, it, expect } from '@jest/globals';
import { parseCommandLine, type CliArgs } from './args.js';

function args(argv: string[]): CliArgs {
  const r = parseCommandLine(argv);
  if (r.kind !== 'run') throw new Error(`expected arguments, got exit ${r.code}: ${r.stderr ?? ''}`);
  return r.args;
}

function exitOf(argv: string[]) {
  const r = parseCommandLine(argv);
  if (r.kind !== 'exit') throw new Error('expected an exit');
  return r;
}

describe('command line', () => {
  it('reads actions, repeatable host filters and jobrunner options', () => {
    const a = args([
      '--spec=jobs.yaml',
      '--src-host',
      'prod001',
      '--replicate',
      '--src-host=prod002',
      '--prune-dst-snapshots',
      '--dst-host',
      'nas',
      '--workers',
      '50%',
      '--jitter',
      '--work-period-seconds',
      '60',
      '--worker-timeout-seconds=3600',
      '--localhost',
      'nas',
      '--jobrunner-dryrun',
      '--json',
    ]);
    expect(a).toMatchObject({
      spec: 'jobs.yaml',
      actions: ['replicate', 'prune-dst-snapshots'],
      srcHosts: ['prod001', 'prod002'],
      dstHosts: ['nas'],
      workers: '50%',
      jitter: true,
      workPeriodSeconds: 60,
      workerTimeoutSeconds: 3600,
      localhost: 'nas',
      dryrun: true,
      json: true,
      logLevel: 'INFO',
      passthrough: [],
    });
  });

  it('puts actions in their run order, whatever the order given', () => {
    expect(args(['--spec', 's.yaml', '--monitor-dst-snapshots', '--create-src-snapshots']).actions).toEqual([
      'create-src-snapshots',
      'monitor-dst-snapshots',
    ]);
  });

  it('passes unknown options through to bzfs, in order', () => {
    const a = args([
      '--spec',
      's.yaml',
      '--dryrun',
      '--replicate',
      '--threads',
      '4',
      '--no-resume-recv',
      '-v',
      '--',
      '--f1',
    ]);
    expect(a.actions).toEqual(['replicate']);
    expect(a.passthrough).toEqual(['--dryrun', '--threads', '4', '--no-resume-recv', '-v', '--f1']);
  });

  it('keeps passed-through values verbatim, numbers included', () => {
    expect(
      args(['--spec', 's.yaml', '--bwlimit', '007', '--retries=1e3', '--threads', '0x10']).passthrough,
    ).toEqual(['--bwlimit', '007', '--retries=1e3', '--threads', '0x10']);
  });

  it.each([
    ['--delete-dst-snapshots'],
    ['--delete-dst-snapshots=bookmarks'],
    ['--ssh-src-host=evil'],
    ['--include-snapshot-plan={}'],
    ['--timeout=1s'],
  ])('refuses the protected bzfs option %s', (opt) => {
    const r = exitOf(['--spec', 's.yaml', '--replicate', opt]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is set by the jobrunner for each run and may not be overridden/);
  });

  it.each<[string[], RegExp]>([
    [['--replicate'], /missing --spec FILE/],
    [
      ['--spec', 's.yaml', '--workers', 'lots'],
      /--workers 'lots': expected a count like 4 or a percentage like 75%/,
    ],
    [
      ['--spec', 's.yaml', '--work-period-seconds', '-3'],
      /--work-period-seconds: expected a number of seconds/,
    ],
    [['--spec', 's.yaml', 'tank/a', 'tank/b'], /unexpected argument 'tank\/a'/],
    [
      ['--spec', 's.yaml', '--log-dir', '/var/log/backups'],
      /--log-dir "\/var\/log\/backups": its last component must contain "bzfs-logs"/,
    ],
  ])('reports usage errors with exit code 2: %j', (argv, message) => {
    const r = exitOf(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('prints help and version on stdout', () => {
    const help = exitOf(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--prune-src-bookmarks/);
    expect(exitOf(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
