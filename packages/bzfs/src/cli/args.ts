import { createHash } from 'node:crypto';
import yargs from 'yargs';
import type {
  BzfsConfig,
  CreateBookmarks,
  DatasetPair,
  Endpoint,
  SkipMissingSnapshots,
  SkipOnError,
} from '../config/types.js';
import { UsageError } from '../model/errors.js';
import { parseLocator } from '../model/locator.js';
import { validateHost, validateOptionString, validatePort, validateUser } from '../model/validate.js';
import { splitOpts } from '../zfs/commands.js';

export const VERSION = '0.1.0';

/** Options of the original bzfs that this version does not implement yet: refused loudly, never ignored. */
export const NOT_YET_IMPLEMENTED = [
  'create-src-snapshots',
  'create-src-snapshots-plan',
  'delete-dst-snapshots',
  'delete-dst-snapshots-except-plan',
  'delete-dst-datasets',
  'delete-empty-dst-datasets',
  'compare-snapshot-lists',
  'monitor-snapshots',
  'include-snapshot-times-and-ranks',
  'daemon-lifetime',
  'r2r',
  'cache-snapshots',
  'include-snapshot-plan',
  'include-dataset-regex',
  'exclude-dataset-regex',
  'exclude-dataset-property',
  'daemon-frequency',
  'preserve-properties',
  'bwlimit',
  'compression-program',
  'mbuffer-program',
  'pv-program',
  'create-src-snapshots-timeformat',
  'create-src-snapshots-timezone',
  'delete-dst-snapshots-no-crosscheck',
  'monitor-snapshots-dont-warn',
  'monitor-snapshots-dont-crit',
] as const;

export interface ParsedCli {
  readonly config?: BzfsConfig;
  /** Set for --help / --version: print and exit 0. */
  readonly output?: string;
}

function buildParser(argv: readonly string[]) {
  return yargs([...argv])
    .scriptName('bzfs')
    .usage(
      'Usage: $0 [options] SRC_DATASET DST_DATASET [SRC_DATASET DST_DATASET ...]\n\n' +
        'Replicates ZFS snapshots from each SRC to its DST, locally or over ssh. A dataset is\n' +
        'written [[user@]host:]pool/dataset; no host means this machine.',
    )
    .parserConfiguration({
      'boolean-negation': false,
      'camel-case-expansion': true,
      'strip-dashed': false,
      'duplicate-arguments-array': true,
    })
    .strictOptions()
    .exitProcess(false)
    .version(false)
    .help(false)
    .option('help', { alias: 'h', type: 'boolean', describe: 'Show this help and exit' })
    .option('version', { type: 'boolean', describe: 'Show the version and exit' })
    .option('recursive', {
      alias: 'r',
      type: 'boolean',
      default: false,
      describe: 'Also replicate all descendants of each SRC dataset',
    })
    .option('skip-parent', {
      type: 'boolean',
      default: false,
      describe: 'With --recursive, replicate only the descendants, not SRC itself',
    })
    .option('dryrun', {
      alias: 'n',
      type: 'boolean',
      default: false,
      describe: 'Change nothing: print the commands that would change ZFS state (same as --dryrun=send)',
    })
    .option('dryrun-mode', { type: 'string', choices: ['send', 'recv'], hidden: true })
    .option('verbose', {
      alias: 'v',
      type: 'count',
      describe: 'More output; repeat for more (-v -v adds -v to zfs send/receive)',
    })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Only log errors' })
    .option('log-dir', {
      type: 'string',
      describe: 'Directory of log files (its name must contain "bzfs-logs"); default $HOME/bzfs-logs',
    })
    .option('zfs-send-program-opts', {
      type: 'string',
      default: '--raw --compressed',
      describe: 'Extra options for zfs send',
    })
    .option('zfs-recv-program-opts', {
      type: 'string',
      default: '-u',
      describe: 'Extra options for zfs receive',
    })
    .option('zfs-recv-program-opt', {
      type: 'string',
      default: [],
      describe: 'One extra zfs receive argument, not split on spaces (repeatable)',
    })
    .option('force-rollback-to-latest-snapshot', {
      type: 'boolean',
      default: false,
      describe: 'Roll the destination back to its newest snapshot before replicating',
    })
    .option('force-rollback-to-latest-common-snapshot', {
      type: 'boolean',
      default: false,
      describe: 'Destroy destination snapshots newer than the latest common one',
    })
    .option('force', {
      type: 'boolean',
      default: false,
      describe: 'As above, and if nothing is in common destroy all destination snapshots and send in full',
    })
    .option('force-destroy-dependents', {
      type: 'boolean',
      default: false,
      describe: 'Add -R to rollback/destroy (also removes clones)',
    })
    .option('force-hard', { type: 'boolean', default: false, hidden: true })
    .option('force-unmount', { type: 'boolean', default: false, describe: 'Add -f to rollback/destroy' })
    .option('force-once', {
      alias: 'f1',
      type: 'boolean',
      default: false,
      describe: 'Use --force* at most once, then fail on the next conflict',
    })
    .option('no-resume-recv', {
      type: 'boolean',
      default: false,
      describe: 'Do not use resumable receives (zfs receive -s / zfs send -t)',
    })
    .option('create-bookmarks', {
      type: 'string',
      choices: ['all', 'hourly', 'minutely', 'secondly', 'none'],
      default: 'all',
      describe: 'Which sent source snapshots get a bookmark',
    })
    .option('no-create-bookmark', { type: 'boolean', default: false, hidden: true })
    .option('no-use-bookmark', {
      type: 'boolean',
      default: false,
      describe: 'Never use source bookmarks as incremental base',
    })
    .option('no-stream', {
      type: 'boolean',
      default: false,
      describe: 'Send only the newest selected snapshot, skipping intermediates',
    })
    .option('no-privilege-elevation', {
      alias: 'p',
      type: 'boolean',
      default: false,
      describe: 'Never use sudo; rely on zfs allow delegation',
    })
    .option('threads', {
      type: 'string',
      default: '100%',
      describe: 'Datasets replicated in parallel: N or N% of CPU cores',
    })
    .option('retries', {
      type: 'number',
      default: 2,
      describe: 'Retries of an operation that failed transiently',
    })
    .option('retry-min-sleep-secs', { type: 'number', default: 0 })
    .option('retry-initial-max-sleep-secs', { type: 'number', default: 0.125 })
    .option('retry-max-sleep-secs', { type: 'number', default: 300 })
    .option('retry-max-elapsed-secs', { type: 'number', default: 3600 })
    .option('skip-on-error', {
      type: 'string',
      choices: ['fail', 'tree', 'dataset'],
      default: 'dataset',
      describe: 'After a failure: abort, skip the subtree, or skip the dataset',
    })
    .option('skip-missing-snapshots', {
      type: 'string',
      choices: ['fail', 'dataset', 'continue'],
      default: 'dataset',
      describe: 'What to do with a source dataset that has no selected snapshot',
    })
    .option('skip-replication', { type: 'boolean', default: false, describe: 'Do not replicate' })
    .option('include-snapshot-regex', {
      type: 'string',
      default: [],
      describe: 'Only snapshots whose name matches (repeatable)',
    })
    .option('exclude-snapshot-regex', {
      type: 'string',
      default: [],
      describe: 'No snapshots whose name matches (repeatable)',
    })
    .option('include-dataset', {
      type: 'string',
      default: [],
      describe: 'Only these datasets (relative or absolute names)',
    })
    .option('exclude-dataset', {
      type: 'string',
      default: [],
      describe: 'Not these datasets (and their descendants)',
    })
    .option('ssh-src-user', { type: 'string' })
    .option('ssh-dst-user', { type: 'string' })
    .option('ssh-src-host', { type: 'string' })
    .option('ssh-dst-host', { type: 'string' })
    .option('ssh-src-port', { type: 'number' })
    .option('ssh-dst-port', { type: 'number' })
    .option('ssh-src-config-file', { type: 'string' })
    .option('ssh-dst-config-file', { type: 'string' })
    .option('ssh-control-persist-secs', { type: 'number', default: 600 })
    .option('timeout', { type: 'string', hidden: true })
    .option('no-argument-file', { type: 'boolean', hidden: true })
    .options(
      Object.fromEntries(NOT_YET_IMPLEMENTED.map((o) => [o, { type: 'string' as const, hidden: true }])),
    );
}

export function helpText(): Promise<string> {
  return buildParser([]).getHelp();
}

/** `--dryrun=recv` selects a mode; a bare `--dryrun`/`-n` never eats the next positional. */
function normalizeDryrun(argv: readonly string[]): string[] {
  return argv.flatMap((a) => {
    const m = /^--dryrun=(.*)$/.exec(a);
    return m ? ['--dryrun', '--dryrun-mode', m[1]!] : [a];
  });
}

export async function parseCli(
  rawArgv: readonly string[],
  env: { home: string; cpus: number },
): Promise<ParsedCli> {
  const argv = normalizeDryrun(rawArgv);
  let a: Record<string, unknown>;
  try {
    a = (await buildParser(argv)
      .fail((msg, err) => {
        throw new UsageError(msg ?? err?.message ?? 'invalid arguments');
      })
      .parse()) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  a = lastOfRepeated(a);
  if (a.help) return { output: await helpText() };
  if (a.version) return { output: `bzfs-ts ${VERSION}` };
  for (const o of NOT_YET_IMPLEMENTED) {
    if (a[o] !== undefined)
      throw new UsageError(`--${o} is an option of bzfs that bzfs-ts does not implement yet`);
  }
  const positional = (a._ as unknown[]).map(String);
  if (positional.length === 0 || positional.length % 2 !== 0) {
    throw new UsageError(
      `expected SRC_DATASET DST_DATASET pairs, got ${positional.length} dataset argument(s)`,
    );
  }
  const side = (prefix: 'src' | 'dst', text: string): Endpoint => {
    const loc = parseLocator(text);
    const host = (a[`ssh-${prefix}-host`] as string | undefined) ?? loc.host;
    const user = (a[`ssh-${prefix}-user`] as string | undefined) ?? loc.user;
    const port = a[`ssh-${prefix}-port`] as number | undefined;
    const configFile = a[`ssh-${prefix}-config-file`] as string | undefined;
    // Checked whenever given, as in the original, even for a side that turns out to be local.
    if (configFile !== undefined) validateConfigFile(configFile);
    if (host === undefined || host === '-') return { dataset: loc.dataset };
    validateHost(host);
    if (user !== undefined) validateUser(user);
    if (port !== undefined) validatePort(port);
    return {
      dataset: loc.dataset,
      ssh: {
        host,
        ...(user ? { user } : {}),
        ...(port ? { port } : {}),
        ...(configFile ? { configFile } : {}),
      },
    };
  };
  const pairs: DatasetPair[] = [];
  for (let i = 0; i < positional.length; i += 2) {
    pairs.push({ src: side('src', positional[i]!), dst: side('dst', positional[i + 1]!) });
  }
  const recursive = Boolean(a.recursive);
  rejectOverlaps(pairs, recursive);

  const sendOptsText = String(a['zfs-send-program-opts']);
  const recvOptsText = String(a['zfs-recv-program-opts']);
  validateOptionString(sendOptsText, '--zfs-send-program-opts');
  validateOptionString(recvOptsText, '--zfs-recv-program-opts');
  const recvOpt = list(a['zfs-recv-program-opt']);
  recvOpt.forEach((o) => validateOptionString(o, '--zfs-recv-program-opt'));
  validateRecvOptPairs(recvOpt);

  const logDir = (a['log-dir'] as string | undefined) ?? `${env.home}/bzfs-logs`;
  if (!/bzfs-logs/.test(logDir.split('/').filter(Boolean).pop() ?? '')) {
    throw new UsageError(
      `--log-dir ${logDir}: its last component must contain "bzfs-logs" (guards against writing into a wrong directory)`,
    );
  }
  const force = Boolean(a.force);
  const dryrun = a.dryrun ? ((a['dryrun-mode'] as 'send' | 'recv' | undefined) ?? 'send') : undefined;
  const config: BzfsConfig = {
    pairs,
    recursive,
    skipParent: Boolean(a['skip-parent']),
    dryrun,
    verbose: Number(a.verbose ?? 0),
    quiet: Boolean(a.quiet),
    logDir,
    sendOpts: splitOpts(sendOptsText),
    recvOpts: [...splitOpts(recvOptsText), ...recvOpt],
    force: {
      rollbackToLatestSnapshot: Boolean(a['force-rollback-to-latest-snapshot']),
      rollbackToLatestCommon: force || Boolean(a['force-rollback-to-latest-common-snapshot']),
      destroyAllIfNoCommon: force,
    },
    forceOnce: Boolean(a['force-once']),
    forceDestroyDependents: Boolean(a['force-destroy-dependents'] || a['force-hard']),
    forceUnmount: Boolean(a['force-unmount']),
    resumeRecv: !a['no-resume-recv'],
    createBookmarks: (a['no-create-bookmark'] ? 'none' : a['create-bookmarks']) as CreateBookmarks,
    useBookmarks: !a['no-use-bookmark'],
    noStream: Boolean(a['no-stream']),
    noPrivilegeElevation: Boolean(a['no-privilege-elevation']),
    threads: a['force-once'] ? 1 : parseThreads(String(a.threads), env.cpus),
    retry: {
      retries: nonNegative(a.retries, '--retries'),
      minSleepSecs: nonNegative(a['retry-min-sleep-secs'], '--retry-min-sleep-secs'),
      initialMaxSleepSecs: nonNegative(a['retry-initial-max-sleep-secs'], '--retry-initial-max-sleep-secs'),
      maxSleepSecs: nonNegative(a['retry-max-sleep-secs'], '--retry-max-sleep-secs'),
      maxElapsedSecs: nonNegative(a['retry-max-elapsed-secs'], '--retry-max-elapsed-secs'),
    },
    skipOnError: a['skip-on-error'] as SkipOnError,
    skipMissingSnapshots: a['skip-missing-snapshots'] as SkipMissingSnapshots,
    skipReplication: Boolean(a['skip-replication']),
    includeSnapshotRegex: regexes(a['include-snapshot-regex'], '--include-snapshot-regex'),
    excludeSnapshotRegex: regexes(a['exclude-snapshot-regex'], '--exclude-snapshot-regex'),
    includeDatasets: list(a['include-dataset']),
    excludeDatasets: list(a['exclude-dataset']),
    sshControlPersistSecs: nonNegative(a['ssh-control-persist-secs'], '--ssh-control-persist-secs'),
    timeoutMs: a.timeout === undefined ? undefined : parseDurationMs(String(a.timeout)),
    lockKey: '',
  };
  return { config: { ...config, lockKey: lockKeyOf(config) } };
}

/** Options that take one value per occurrence and may be given several times (argparse `append`). */
const REPEATABLE = [
  'include-dataset',
  'exclude-dataset',
  'include-snapshot-regex',
  'exclude-snapshot-regex',
  'zfs-recv-program-opt',
] as const;
const REPEATABLE_KEYS = new Set<string>([
  ...REPEATABLE,
  ...REPEATABLE.map((o) => o.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())),
]);

/**
 * `duplicate-arguments-array` turns every option given twice into an array. Only the repeatable
 * options keep all values; for any other option the last occurrence wins, as with argparse.
 */
function lastOfRepeated(a: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(a).map(([k, v]) => [
      k,
      k !== '_' && !REPEATABLE_KEYS.has(k) && Array.isArray(v) ? (v as unknown[])[v.length - 1] : v,
    ]),
  );
}

/** A repeatable option arrives as undefined, one string, or an array of them: always a list here. */
function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? (v as unknown[]) : [v]).map(String);
}

function validateConfigFile(path: string): void {
  if (path === 'none') return;
  if (!/bzfs_ssh_config/.test(path.split('/').pop() ?? '')) {
    throw new UsageError(`ssh config file ${path}: its file name must contain "bzfs_ssh_config"`);
  }
}

function validateRecvOptPairs(opts: readonly string[]): void {
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i];
    if (o === '-o' && !/^[^=\s]+=/.test(opts[i + 1] ?? ''))
      throw new UsageError(`--zfs-recv-program-opt -o must be followed by name=value`);
    if (o === '-x' && !/^[^=\s]+$/.test(opts[i + 1] ?? ''))
      throw new UsageError(`--zfs-recv-program-opt -x must be followed by a property name`);
  }
}

/**
 * The same dataset on the same host, or nested trees under --recursive, would replicate into itself.
 * A machine is identified by host (and port) only: two ssh users on one host still reach the same
 * pools (the original compares `src.ssh_host == dst.ssh_host`).
 */
function rejectOverlaps(pairs: readonly DatasetPair[], recursive: boolean): void {
  const key = (e: Endpoint) => `${e.ssh?.host ?? '-'}:${e.ssh?.port ?? ''}`;
  for (const { src, dst } of pairs) {
    if (key(src) !== key(dst)) continue;
    const nested = (a: string, b: string) =>
      a === b || (recursive && (b.startsWith(`${a}/`) || a.startsWith(`${b}/`)));
    if (nested(src.dataset, dst.dataset)) {
      throw new UsageError(`source ${src.dataset} and destination ${dst.dataset} overlap on the same host`);
    }
  }
}

function parseThreads(text: string, cpus: number): number {
  const m = /^(\d+)(%?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--threads ${text}: expected N or N%`);
  const n = m[2] ? Math.floor((Number(m[1]) * cpus) / 100) : Number(m[1]);
  return Math.min(1600, Math.max(1, n));
}

function nonNegative(v: unknown, name: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} ${String(v)}: expected a number >= 0`);
  return n;
}

function regexes(v: unknown, name: string): RegExp[] {
  return list(v).map((s) => {
    try {
      return new RegExp(`^(?:${s})$`);
    } catch (e) {
      throw new UsageError(`${name} ${s}: ${(e as Error).message}`);
    }
  });
}

const DURATION_UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(ms|milliseconds?)$/, 1],
  [/^(|s|secs?|seconds?)$/, 1000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
];

/** "90", "90s", "5 minutes", "2h", "1d" → milliseconds. */
export function parseDurationMs(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/.exec(text);
  const unit = m ? DURATION_UNITS.find(([re]) => re.test(m[2]!)) : undefined;
  if (!m || !unit) throw new UsageError(`invalid duration: ${text} (examples: 90s, 5 minutes, 2h)`);
  return Number(m[1]) * unit[1];
}

/**
 * Two runs are "the same job" when they would do the same work to ZFS: the same pairs (with their
 * ssh targets), recursion, filters, force, send/receive and bookmark/resume settings, however the
 * options were ordered or spelled. What only changes how the job runs or reports is left out, so
 * that e.g. a --dryrun started while the real job is running exits 4, as in the original.
 */
function lockKeyOf(cfg: BzfsConfig): string {
  const {
    verbose: _verbose,
    quiet: _quiet,
    dryrun: _dryrun,
    threads: _threads,
    retry: _retry,
    logDir: _logDir,
    timeoutMs: _timeoutMs,
    sshControlPersistSecs: _sshControlPersistSecs,
    lockKey: _lockKey,
    ...work
  } = cfg;
  // Filters are sets: their order on the command line does not change what is selected.
  const sorted = (xs: readonly string[]) => [...xs].sort();
  const normalized = {
    ...work,
    includeDatasets: sorted(work.includeDatasets),
    excludeDatasets: sorted(work.excludeDatasets),
    includeSnapshotRegex: sorted(work.includeSnapshotRegex.map((r) => r.source)),
    excludeSnapshotRegex: sorted(work.excludeSnapshotRegex.map((r) => r.source)),
  };
  const json = JSON.stringify(normalized, (_key, value: unknown) =>
    value instanceof RegExp ? value.source : value,
  );
  return createHash('sha256').update(json).digest('hex');
}
