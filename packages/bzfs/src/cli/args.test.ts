import { describe, expect, it } from '@jest/globals';
import type { BzfsConfig } from '../config/types.js';
import { UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { NOT_YET_IMPLEMENTED, parseCli, parseDurationMs, VERSION } from './args.js';

const ENV = { home: '/home/u', cpus: 8 };

async function cfg(...argv: string[]): Promise<BzfsConfig> {
  const r = await parseCli(argv, ENV);
  if (r.config === undefined) throw new Error(`no config for ${argv.join(' ')}`);
  return r.config;
}

/** parseCli must refuse argv with a UsageError (exit 2) whose message matches `why`. */
async function refused(argv: string[], why?: RegExp): Promise<void> {
  const err = await parseCli(argv, ENV).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(ExitCode.USAGE);
  if (why) expect((err as Error).message).toMatch(why);
}

/** The first filter of the first snapshot filter group, which must be a regex filter. */
function regexOf(c: BzfsConfig) {
  const f = c.selection.snapshotFilters[0]?.[0];
  if (f?.kind !== 'regex') throw new Error('expected a regex filter');
  return f;
}

describe('parseCli: pairs and locators', () => {
  it('one local pair with every default', async () => {
    const c = await cfg('pool/src', 'pool/dst');
    expect(c.pairs).toEqual([{ src: { dataset: 'pool/src' }, dst: { dataset: 'pool/dst' } }]);
    expect(c).toMatchObject({
      noPrivilegeElevation: false,
      skipOnError: 'dataset',
      selection: {
        recursive: false,
        skipParent: false,
        snapshotFilters: [[]],
        includeDatasets: [],
        excludeDatasets: [],
      },
      run: {
        dryrun: undefined,
        explain: false,
        verbose: 0,
        quiet: false,
        logDir: '/home/u/bzfs-logs',
        threads: 8,
        sshControlPersistSecs: 600,
        timeoutMs: undefined,
      },
      replication: {
        sendOpts: ['--raw', '--compressed'],
        recvOpts: ['-u'],
        resumeRecv: true,
        createBookmarks: 'all',
        useBookmarks: true,
        noStream: false,
        skipMissingSnapshots: 'dataset',
        skip: false,
      },
      force: {
        rollbackToLatestSnapshot: false,
        rollbackToLatestCommon: false,
        destroyAllIfNoCommon: false,
        once: false,
        destroyDependents: false,
        unmount: false,
      },
    });
    expect(c.run.retry).toEqual({
      retries: 2,
      minSleepSecs: 0,
      initialMaxSleepSecs: 0.125,
      maxSleepSecs: 300,
      maxElapsedSecs: 3600,
    });
    expect(c.lockKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('several pairs keep their order', async () => {
    const c = await cfg('pool/a', 'bak/a', 'pool/b', 'bak/b');
    expect(c.pairs.map((p) => [p.src.dataset, p.dst.dataset])).toEqual([
      ['pool/a', 'bak/a'],
      ['pool/b', 'bak/b'],
    ]);
  });

  it('locators with hosts and users (push, pull, pull-push), IPv6 and the local mark', async () => {
    // `-:` looks like an option, so the pairs go after `--` (as toArgv writes them).
    const c = await cfg('--', 'alice@prod:tank/a', 'backup:pool/a', 'u@||1:tank/x', '-:pool/x:y');
    expect(c.pairs[0]).toEqual({
      src: { dataset: 'tank/a', ssh: { host: 'prod', user: 'alice' } },
      dst: { dataset: 'pool/a', ssh: { host: 'backup' } },
    });
    expect(c.pairs[1]).toEqual({
      src: { dataset: 'tank/x', ssh: { host: '::1', user: 'u' } },
      dst: { dataset: 'pool/x:y' },
    });
  });

  it('a `-:` locator before `--` is the local dataset, not misread as options', async () => {
    expect((await cfg('pool/a', '-:pool/x:y')).pairs).toEqual([
      { src: { dataset: 'pool/a' }, dst: { dataset: 'pool/x:y' } },
    ]);
  });

  it('--ssh-{src,dst}-{host,user,port,config-file} override or complete the locator', async () => {
    const c = await cfg(
      '--ssh-src-host=prod2',
      '--ssh-src-user=carol',
      '--ssh-src-port=2222',
      '--ssh-dst-user=dave',
      '--ssh-dst-config-file=/etc/bzfs/bzfs_ssh_config',
      'alice@prod:tank/a',
      'backup:pool/a',
    );
    expect(c.pairs[0]).toEqual({
      src: { dataset: 'tank/a', ssh: { host: 'prod2', user: 'carol', port: 2222 } },
      dst: {
        dataset: 'pool/a',
        ssh: { host: 'backup', user: 'dave', configFile: '/etc/bzfs/bzfs_ssh_config' },
      },
    });
  });

  it('--ssh-dst-host makes a local locator remote; `-` makes a remote one local', async () => {
    const c = await cfg('--ssh-dst-host=backup', '--ssh-src-host=-', 'prod:tank/a', 'pool/a');
    expect(c.pairs[0]).toEqual({
      src: { dataset: 'tank/a' },
      dst: { dataset: 'pool/a', ssh: { host: 'backup' } },
    });
  });

  it('an odd number of datasets, or none, is a usage error', async () => {
    await refused(['pool/a'], /pairs/);
    await refused(['pool/a', 'pool/b', 'pool/c'], /3 dataset/);
    await refused([], /pairs/);
  });

  it('the same dataset on the same host is refused', async () => {
    await refused(['pool/a', 'pool/a'], /overlap/);
    await refused(['h:pool/a', 'h:pool/a'], /overlap/);
    await refused(['bob@h:pool/a', 'bob@h:pool/a'], /overlap/);
  });

  it('nested trees on the same host are refused with --recursive only', async () => {
    expect((await cfg('pool/a', 'pool/a/b')).pairs).toHaveLength(1);
    await refused(['-r', 'pool/a', 'pool/a/b'], /overlap/);
    await refused(['-r', 'pool/a/b', 'pool/a'], /overlap/);
    await refused(['-r', 'h:pool/a', 'h:pool/a/b/c'], /overlap/);
    // Only a prefix, not a descendant.
    expect((await cfg('-r', 'pool/a', 'pool/ab')).selection.recursive).toBe(true);
  });

  it('the same dataset on different hosts is fine', async () => {
    expect((await cfg('pool/a', 'h:pool/a')).pairs).toHaveLength(1);
    expect((await cfg('-r', 'h1:pool/a', 'h2:pool/a/b')).pairs).toHaveLength(1);
  });

  it('the overlap check sees the --ssh-*-host overrides', async () => {
    await refused(['--ssh-src-host=-', 'h:pool/a', 'pool/a'], /overlap/);
    await refused(['--ssh-src-host=h', 'pool/a', 'h:pool/a'], /overlap/);
  });

  it('the same host with different ssh users still overlaps', async () => {
    await refused(['alice@h:pool/a', 'bob@h:pool/a'], /overlap/);
    await refused(['alice@h:pool/a', 'h:pool/a'], /overlap/);
    await refused(['-r', 'alice@h:pool/a', 'bob@h:pool/a/b'], /overlap/);
    await refused(['--ssh-src-user=alice', '--ssh-dst-user=bob', 'h:pool/a', 'h:pool/a'], /overlap/);
    // The port does not tell machines apart either (spelling out --ssh-dst-port=22 must not
    // bypass the check); a forwarded port to another machine gets its own ssh config alias.
    await refused(['--ssh-dst-port=2222', 'h:pool/a', 'h:pool/a'], /overlap/);
  });
});

describe('parseCli: hostile input', () => {
  it.each([
    ['pool/a;rm -rf /', 'pool/b'],
    ['pool/$(touch x)', 'pool/b'],
    ['pool/a', 'pool/`id`'],
    ['pool/a', "pool/b'c"],
    ['pool/a', 'pool/b|c'],
    ['pool/a', 'pool/b\nc'],
    ['pool/a', 'pool/b@snap'],
    ['-pool/a', 'pool/b'],
    ['pool/a', 'pool/../b'],
  ])('dataset names: %j %j', async (src, dst) => {
    // `--` so that yargs hands names starting with '-' over as positionals.
    await refused(['--', src, dst], /Invalid/);
  });

  it.each([
    ['h;x:pool/a', 'pool/b'],
    ['$(x):pool/a', 'pool/b'],
    ['a b@h:pool/a', 'pool/b'],
    ['u@-oProxyCommand=x:pool/a', 'pool/b'],
  ])('hosts and users in locators: %j', async (src, dst) => {
    await refused(['--', src, dst], /Invalid/);
  });

  it('hostile --ssh-* values', async () => {
    await refused(['--ssh-src-host=-oProxyCommand=sh', 'pool/a', 'h:pool/b'], /Invalid host/);
    await refused(['--ssh-dst-host=h;id', 'pool/a', 'pool/b'], /Invalid host/);
    await refused(['--ssh-dst-user=x$(id)', 'pool/a', 'h:pool/b'], /Invalid user/);
    await refused(['--ssh-dst-port=0', 'pool/a', 'h:pool/b'], /port/);
    await refused(['--ssh-dst-port=65536', 'pool/a', 'h:pool/b'], /port/);
    await refused(['--ssh-dst-port=abc', 'pool/a', 'h:pool/b'], /port/);
  });

  it('option strings with shell syntax', async () => {
    await refused(['--zfs-send-program-opts=--raw;id', 'pool/a', 'pool/b'], /zfs-send-program-opts/);
    await refused(['--zfs-recv-program-opts=-u $(id)', 'pool/a', 'pool/b'], /zfs-recv-program-opts/);
    await refused(['--zfs-recv-program-opt=`id`', '--', 'pool/a', 'pool/b'], /zfs-recv-program-opt/);
  });
});

describe('parseCli: options', () => {
  it('--force implies rollback to the latest common snapshot', async () => {
    expect((await cfg('--force', 'pool/a', 'pool/b')).force).toEqual({
      rollbackToLatestSnapshot: false,
      rollbackToLatestCommon: true,
      destroyAllIfNoCommon: true,
      once: false,
      destroyDependents: false,
      unmount: false,
    });
    expect((await cfg('--force-rollback-to-latest-common-snapshot', 'pool/a', 'pool/b')).force).toMatchObject(
      {
        rollbackToLatestSnapshot: false,
        rollbackToLatestCommon: true,
        destroyAllIfNoCommon: false,
      },
    );
    expect(
      (await cfg('--force-rollback-to-latest-snapshot', 'pool/a', 'pool/b')).force.rollbackToLatestSnapshot,
    ).toBe(true);
  });

  it('--force-hard is --force-destroy-dependents; --force-unmount', async () => {
    expect((await cfg('--force-hard', 'pool/a', 'pool/b')).force.destroyDependents).toBe(true);
    expect((await cfg('--force-destroy-dependents', 'pool/a', 'pool/b')).force.destroyDependents).toBe(true);
    expect((await cfg('--force-unmount', 'pool/a', 'pool/b')).force.unmount).toBe(true);
  });

  it('--dryrun, -n and --dryrun=send mean send; --dryrun=recv means recv', async () => {
    expect((await cfg('--dryrun', 'pool/a', 'pool/b')).run.dryrun).toBe('send');
    expect((await cfg('--dryrun=send', 'pool/a', 'pool/b')).run.dryrun).toBe('send');
    expect((await cfg('--dryrun=recv', 'pool/a', 'pool/b')).run.dryrun).toBe('recv');
    await refused(['--dryrun=bogus', 'pool/a', 'pool/b']);
  });

  it('-n / --dryrun does not eat the following positional', async () => {
    const c = await cfg('-n', 'pool/a', 'pool/b');
    expect(c.run.dryrun).toBe('send');
    expect(c.pairs).toEqual([{ src: { dataset: 'pool/a' }, dst: { dataset: 'pool/b' } }]);
    expect((await cfg('--dryrun', 'pool/a', 'pool/b')).pairs).toHaveLength(1);
  });

  it('--threads N and N% (of the CPU count), at least 1; --force-once forces one thread', async () => {
    expect((await cfg('--threads=3', 'pool/a', 'pool/b')).run.threads).toBe(3);
    expect((await cfg('--threads=50%', 'pool/a', 'pool/b')).run.threads).toBe(4);
    expect((await cfg('--threads=200%', 'pool/a', 'pool/b')).run.threads).toBe(16);
    expect((await cfg('--threads=1%', 'pool/a', 'pool/b')).run.threads).toBe(1);
    // A literal 0 is a mistake, not a request for the minimum (a share rounding to 0 is 1, above).
    await refused(['--threads=0', 'pool/a', 'pool/b'], /--threads 0: expected at least 1/);
    expect((await cfg('--threads=99999', 'pool/a', 'pool/b')).run.threads).toBe(1600);
    await refused(['--threads=abc', 'pool/a', 'pool/b'], /threads/);
    await refused(['--threads=-2', 'pool/a', 'pool/b'], /threads/);
    const once = await cfg('--force-once', '--threads=8', 'pool/a', 'pool/b');
    expect(once.force.once).toBe(true);
    expect(once.run.threads).toBe(1);
    expect((await cfg('--f1', 'pool/a', 'pool/b')).force.once).toBe(true);
  });

  it('--retries and the retry timings; negative values are refused', async () => {
    const c = await cfg('--retries=5', '--retry-max-sleep-secs=7', 'pool/a', 'pool/b');
    expect(c.run.retry.retries).toBe(5);
    expect(c.run.retry.maxSleepSecs).toBe(7);
    await refused(['--retries=-1', 'pool/a', 'pool/b'], /retries/);
  });

  it('--skip-on-error, --skip-missing-snapshots, --create-bookmarks choices', async () => {
    expect((await cfg('--skip-on-error=tree', 'pool/a', 'pool/b')).skipOnError).toBe('tree');
    expect((await cfg('--skip-on-error=fail', 'pool/a', 'pool/b')).skipOnError).toBe('fail');
    await refused(['--skip-on-error=never', 'pool/a', 'pool/b']);
    expect(
      (await cfg('--skip-missing-snapshots=fail', 'pool/a', 'pool/b')).replication.skipMissingSnapshots,
    ).toBe('fail');
    expect((await cfg('--create-bookmarks=hourly', 'pool/a', 'pool/b')).replication.createBookmarks).toBe(
      'hourly',
    );
    expect((await cfg('--no-create-bookmark', 'pool/a', 'pool/b')).replication.createBookmarks).toBe('none');
    await refused(['--create-bookmarks=daily', 'pool/a', 'pool/b']);
  });

  it('boolean negations are options of their own', async () => {
    const c = await cfg(
      '--no-resume-recv',
      '--no-use-bookmark',
      '--no-privilege-elevation',
      '--no-stream',
      'pool/a',
      'pool/b',
    );
    expect(c).toMatchObject({
      noPrivilegeElevation: true,
      replication: { resumeRecv: false, useBookmarks: false, noStream: true },
    });
    expect((await cfg('-p', 'pool/a', 'pool/b')).noPrivilegeElevation).toBe(true);
  });

  it('send/receive option strings are split on whitespace; --zfs-recv-program-opt is not', async () => {
    const c = await cfg(
      '--zfs-send-program-opts=--raw  -v',
      '--zfs-recv-program-opts=-u -o compression=on',
      '--zfs-recv-program-opt=-o',
      '--zfs-recv-program-opt=org.x:note=a b',
      '--',
      'pool/a',
      'pool/b',
    );
    expect(c.replication.sendOpts).toEqual(['--raw', '-v']);
    expect(c.replication.recvOpts).toEqual(['-u', '-o', 'compression=on', '-o', 'org.x:note=a b']);
    expect((await cfg('--zfs-send-program-opts=', 'pool/a', 'pool/b')).replication.sendOpts).toEqual([]);
  });

  it('--zfs-recv-program-opt: -o needs name=value, -x needs a name', async () => {
    await refused(
      ['--zfs-recv-program-opt=-o', '--zfs-recv-program-opt=novalue', '--', 'pool/a', 'pool/b'],
      /-o/,
    );
    await refused(
      ['--zfs-recv-program-opt=-x', '--zfs-recv-program-opt=a=b', '--', 'pool/a', 'pool/b'],
      /-x/,
    );
    await refused(['--zfs-recv-program-opt=-o', '--', 'pool/a', 'pool/b'], /-o/);
  });

  it('snapshot regexes match whole names; a bad regex is a usage error', async () => {
    const c = await cfg(
      '--include-snapshot-regex=s.*',
      '--exclude-snapshot-regex=s9',
      '--',
      'pool/a',
      'pool/b',
    );
    const f = regexOf(c);
    expect(f.include.map((r) => r.test('s1'))).toEqual([true]);
    expect(f.include.map((r) => r.test('xs1'))).toEqual([false]);
    expect(f.exclude.map((r) => r.test('s99'))).toEqual([false]);
    await refused(['--include-snapshot-regex=(', '--', 'pool/a', 'pool/b'], /include-snapshot-regex/);
  });

  it('repeatable dataset filters', async () => {
    const c = await cfg(
      '--include-dataset=a',
      '--include-dataset=b/c',
      '--exclude-dataset=tmp',
      '--',
      'pool/a',
      'pool/b',
    );
    expect(c.selection.includeDatasets).toEqual(['a', 'b/c']);
    expect(c.selection.excludeDatasets).toEqual(['tmp']);
    expect(c.pairs).toHaveLength(1);
  });

  it('a repeatable option does not swallow the dataset pairs after it', async () => {
    const c = await cfg('--exclude-dataset=tmp', 'pool/a', 'pool/b');
    expect(c.selection.excludeDatasets).toEqual(['tmp']);
    expect(c.pairs).toHaveLength(1);
  });

  it('a repeatable option between pairs does not silently drop the next pair', async () => {
    const c = await cfg('pool/a', 'pool/b', '--include-dataset=x', 'pool/c', 'pool/d');
    expect(c.pairs).toHaveLength(2);
    expect(c.selection.includeDatasets).toEqual(['x']);
  });

  it.each([
    ['include-dataset', (c: BzfsConfig) => c.selection.includeDatasets],
    ['exclude-dataset', (c: BzfsConfig) => c.selection.excludeDatasets],
    // --zfs-recv-program-opt has the same test with real zfs words in program-opts.test.ts.
  ])('--%s takes one value per occurrence (=value or separate), repeatable', async (o, got) => {
    const one = await cfg(`--${o}=x1`, 'pool/a', 'pool/b', 'pool/c', 'pool/d');
    expect(one.pairs).toHaveLength(2);
    const two = await cfg('pool/a', 'pool/b', `--${o}`, 'x1', 'pool/c', 'pool/d', `--${o}=x2`);
    expect(two.pairs.map((p) => p.src.dataset)).toEqual(['pool/a', 'pool/c']);
    const values = got(two);
    expect(values).toEqual(['x1', 'x2']);
  });

  it('a non-repeatable option given twice: the last one wins (as with argparse)', async () => {
    const c = await cfg(
      '--log-dir=/a/bzfs-logs',
      '--log-dir=/b/bzfs-logs',
      '--dryrun=recv',
      '--dryrun=send',
      '--ssh-dst-host=h1',
      '--ssh-dst-host=h2',
      'pool/a',
      'pool/b',
    );
    expect(c.run.logDir).toBe('/b/bzfs-logs');
    expect(c.run.dryrun).toBe('send');
    expect(c.pairs[0]!.dst.ssh).toEqual({ host: 'h2' });
  });

  it('--log-dir: the last component must contain "bzfs-logs"', async () => {
    expect((await cfg('--log-dir=/var/log/bzfs-logs', 'pool/a', 'pool/b')).run.logDir).toBe(
      '/var/log/bzfs-logs',
    );
    expect((await cfg('--log-dir=/var/log/my-bzfs-logs-1/', 'pool/a', 'pool/b')).run.logDir).toBe(
      '/var/log/my-bzfs-logs-1/',
    );
    await refused(['--log-dir=/var/log', 'pool/a', 'pool/b'], /bzfs-logs/);
    await refused(['--log-dir=/var/bzfs-logs/x', 'pool/a', 'pool/b'], /bzfs-logs/);
    await refused(['--log-dir=/var/bzfs-logs/..', 'pool/a', 'pool/b'], /bzfs-logs/);
    await refused(['--log-dir=/', 'pool/a', 'pool/b'], /bzfs-logs/);
  });

  it('ssh config file: its file name must contain "bzfs_ssh_config" (or be `none`)', async () => {
    expect(
      (await cfg('--ssh-dst-config-file=none', 'pool/a', 'h:pool/b')).pairs[0]!.dst.ssh?.configFile,
    ).toBe('none');
    expect(
      (await cfg('--ssh-src-config-file=/x/my_bzfs_ssh_config.conf', 'h:pool/a', 'pool/b')).pairs[0]!.src.ssh
        ?.configFile,
    ).toBe('/x/my_bzfs_ssh_config.conf');
    await refused(['--ssh-dst-config-file=/home/u/.ssh/config', 'pool/a', 'h:pool/b'], /bzfs_ssh_config/);
    await refused(
      ['--ssh-dst-config-file=/etc/bzfs_ssh_config/evil', 'pool/a', 'h:pool/b'],
      /bzfs_ssh_config/,
    );
  });

  it('ssh config file rule applies even when the side is local', async () => {
    await refused(['--ssh-dst-config-file=/home/u/.ssh/config', 'pool/a', 'pool/b'], /bzfs_ssh_config/);
    await refused(['--ssh-src-config-file=/home/u/.ssh/config', 'pool/a', 'h:pool/b'], /bzfs_ssh_config/);
    await refused(
      ['--ssh-src-host=-', '--ssh-src-config-file=/x/config', 'h:pool/a', 'pool/b'],
      /bzfs_ssh_config/,
    );
    expect((await cfg('--ssh-src-config-file=none', 'pool/a', 'pool/b')).pairs[0]!.src).toEqual({
      dataset: 'pool/a',
    });
  });

  it('--timeout takes a duration', async () => {
    expect((await cfg('--timeout=2h', 'pool/a', 'pool/b')).run.timeoutMs).toBe(7_200_000);
    await refused(['--timeout=soon', 'pool/a', 'pool/b'], /duration/);
  });

  it('dataset regexes: tmp datasets are excluded unless --exclude-dataset-regex is given', async () => {
    expect((await cfg('pool/a', 'pool/b')).selection.excludeDatasetRegex).toEqual([
      '(?:.*/)?[Tt][Ee]?[Mm][Pp][-_]?[0-9]*',
    ]);
    const c = await cfg(
      '--exclude-dataset-regex=!.*',
      '--include-dataset-regex',
      'x/.*',
      '--include-dataset-regex=y',
      'pool/a',
      'pool/b',
    );
    expect(c.selection.excludeDatasetRegex).toEqual(['!.*']);
    expect(c.selection.includeDatasetRegex).toEqual(['x/.*', 'y']);
    expect((await cfg('--exclude-dataset-regex=', 'pool/a', 'pool/b')).selection.excludeDatasetRegex).toEqual(
      [],
    );
    await refused(['--include-dataset-regex=(', 'pool/a', 'pool/b'], /--include-dataset-regex \(/);
  });

  it('snapshot regexes match whole names; a leading ! negates', async () => {
    const c = await cfg(
      '--include-snapshot-regex=!hourly_.*',
      '--exclude-snapshot-regex',
      'daily_2',
      '--',
      'pool/a',
      'pool/b',
    );
    const [inc] = regexOf(c).include;
    const [exc] = regexOf(c).exclude;
    expect(['hourly_1', 'daily_1', 'xhourly_1'].map((n) => inc!.test(n))).toEqual([false, true, true]);
    expect(['daily_2', 'daily_22', 'xdaily_2'].map((n) => exc!.test(n))).toEqual([true, false, false]);
  });

  it('unknown options are refused', async () => {
    await refused(['--bogus', 'pool/a', 'pool/b']);
    await refused(['-Z', 'pool/a', 'pool/b']);
  });

  it.each(NOT_YET_IMPLEMENTED.map((o) => [o]))('--%s is refused, never ignored', async (o) => {
    await refused([`--${o}=x`, 'pool/a', 'pool/b'], new RegExp(`--${o} .*not implement`));
  });

  it('--delete-dst-snapshots takes an optional value (nargs=?): bare means snapshots; a dataset is no value', async () => {
    expect((await cfg('pool/a', 'pool/b', '--delete-dst-snapshots')).retention?.kind).toBe('snapshot');
    // As with argparse the next token is taken as its value: a dataset there is refused, with the way out.
    await refused(['--delete-dst-snapshots', 'pool/a', 'pool/b'], /--delete-dst-snapshots=snapshots/);
  });

  it('--help and --version print and configure nothing', async () => {
    const help = await parseCli(['--help'], ENV);
    expect(help.config).toBeUndefined();
    expect(help.output).toMatch(/Usage: bzfs .*SRC_DATASET DST_DATASET/);
    expect(help.output).toMatch(/--compare-snapshot-lists/);
    expect(help.output).toMatch(/--delete-dst-datasets/);
    expect(help.output).toMatch(/--create-src-snapshots-plan/);
    expect(help.output).toMatch(/--monitor-snapshots-dont-crit/);
    expect(help.output).toMatch(
      /^Exit codes:\n {2}0 {2}success\n[^]* {2}4 {2}another run of the same job still holds the lock$/m,
    );
    expect(help.output).not.toMatch(/--monitor-snapshots-no-latest-check/);
    expect(await parseCli(['--version'], ENV)).toEqual({ output: `bzfs-ts ${VERSION}` });
  });
});

describe('parseCli: lockKey', () => {
  const key = async (...argv: string[]) => (await cfg(...argv)).lockKey;

  it('is the same for -v / -vv / --verbose / -q variants', async () => {
    const base = await key('pool/a', 'pool/b');
    for (const v of [['-v'], ['-vv'], ['-v', '-v', '-v'], ['--verbose'], ['-q'], ['--quiet']])
      expect(await key(...v, 'pool/a', 'pool/b')).toBe(base);
  });

  it('differs for different datasets, hosts, users and actions', async () => {
    const base = await key('pool/a', 'pool/b');
    const others = await Promise.all([
      key('pool/a', 'pool/c'),
      key('pool/x', 'pool/b'),
      key('pool/a', 'h:pool/b'),
      key('pool/a', 'u@h:pool/b'),
      key('-r', 'pool/a', 'pool/b'),
      key('--exclude-dataset=x', '--', 'pool/a', 'pool/b'),
      key('pool/a', 'pool/b', 'pool/c', 'pool/d'),
    ]);
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('does not depend on the order of the options', async () => {
    expect(await key('-r', '--exclude-dataset=x', '--', 'pool/a', 'pool/b')).toBe(
      await key('pool/a', 'pool/b', '-r', '--exclude-dataset=x'),
    );
    expect(
      await key(
        '--exclude-dataset=x',
        '--exclude-dataset=y',
        '--include-snapshot-regex=a',
        'pool/a',
        'pool/b',
      ),
    ).toBe(
      await key(
        '--include-snapshot-regex=a',
        '--exclude-dataset=y',
        'pool/a',
        'pool/b',
        '--exclude-dataset=x',
      ),
    );
  });

  it('a dry run and a real run of the same job share the key (so the dry run exits 4 meanwhile)', async () => {
    const base = await key('-r', 'pool/a', 'h:pool/b');
    for (const v of [['--dryrun'], ['-n'], ['--dryrun=send'], ['--dryrun=recv']])
      expect(await key(...v, '-r', 'pool/a', 'h:pool/b')).toBe(base);
  });

  it('ignores what only changes how the job runs: threads, retries, log dir, timeout, ssh persistence', async () => {
    const base = await key('pool/a', 'pool/b');
    for (const v of [
      ['--threads=3'],
      ['--retries=9', '--retry-max-sleep-secs=1', '--retry-min-sleep-secs=1'],
      ['--retry-initial-max-sleep-secs=2', '--retry-max-elapsed-secs=5'],
      ['--log-dir=/var/log/bzfs-logs'],
      ['--timeout=1h'],
      ['--ssh-control-persist-secs=5'],
    ])
      expect(await key(...v, 'pool/a', 'pool/b')).toBe(base);
  });

  it('differs for options that change what is done to ZFS', async () => {
    const base = await key('pool/a', 'pool/b');
    const others = await Promise.all([
      key('--skip-parent', 'pool/a', 'pool/b'),
      key('--include-dataset=x', 'pool/a', 'pool/b'),
      key('--include-snapshot-regex=s.*', 'pool/a', 'pool/b'),
      key('--exclude-snapshot-regex=s.*', 'pool/a', 'pool/b'),
      key('--force', 'pool/a', 'pool/b'),
      key('--force-rollback-to-latest-snapshot', 'pool/a', 'pool/b'),
      key('--force-destroy-dependents', 'pool/a', 'pool/b'),
      key('--zfs-send-program-opts=--raw', 'pool/a', 'pool/b'),
      key('--zfs-recv-program-opts=-u -v', 'pool/a', 'pool/b'),
      key('--zfs-recv-program-opt=-x', '--zfs-recv-program-opt=mountpoint', 'pool/a', 'pool/b'),
      key('--no-resume-recv', 'pool/a', 'pool/b'),
      key('--create-bookmarks=none', 'pool/a', 'pool/b'),
      key('--no-use-bookmark', 'pool/a', 'pool/b'),
      key('--no-stream', 'pool/a', 'pool/b'),
      key('--skip-replication', 'pool/a', 'pool/b'),
      key('pool/a', 'h:pool/b'),
      key('--ssh-dst-port=2222', 'pool/a', 'h:pool/b'),
      key('--ssh-dst-config-file=/x/bzfs_ssh_config', 'pool/a', 'h:pool/b'),
    ]);
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['90 seconds', 90_000],
    ['100ms', 100],
    ['5m', 300_000],
    ['5 minutes', 300_000],
    ['2h', 7_200_000],
    ['1.5 hours', 5_400_000],
    ['1d', 86_400_000],
    [' 3 days ', 259_200_000],
  ])('%j → %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', 'x', 's', '-5s', '5 parsecs', '5 5s', '1e3s'])('%j is refused', (text) => {
    expect(() => parseDurationMs(text)).toThrow(UsageError);
  });
});
