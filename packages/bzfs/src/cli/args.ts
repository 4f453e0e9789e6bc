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
import {
  validateLogDirName,
  validateOutputFileName,
  validateSshConfigFileName,
} from '../model/path-rules.js';
import { validateHost, validateOptionString, validateUser } from '../model/validate.js';
import { splitOpts } from '../zfs/managed-opts.js';
import { compileDatasetRegex, DEFAULT_EXCLUDE_DATASET_REGEX } from '../filters/dataset-filter.js';
import { compareSettings } from './compare-args.js';
import { daemonSettings } from './daemon-args.js';
import {
  createSettings,
  datasetDeletionSettings,
  monitorSettings,
  retentionSettings,
} from './lifecycle-args.js';
import { lockKeyOf } from './lock-key.js';
import { transferSettings } from './transfer-args.js';
import { joinDisableValues } from './transfer-options.js';
import { expandArgumentFiles, expandPairFiles } from './argument-file.js';
import { takeMultiValueOptions } from './nargs.js';
import { bzfsOptionNames } from './option-table.js';
import { SNAPSHOT_FILTER_ARITY, snapshotFilterGroups } from './snapshot-filter-args.js';
import { rejectOverlaps } from './overlap.js';
import { sshSettings } from './ssh-args.js';
import { RECV_ARGS, SEND_ARGS, validateProgramOpts } from './program-opts.js';
import { buildParser, helpText, NOT_YET_IMPLEMENTED, VERSION } from './options.js';
import { lastOfRepeated, list, normalizeDryrun, protectLocalMark, restoreLocalMark } from './argv-shape.js';
import {
  integerAtLeast,
  nonNegative,
  parseDurationMs,
  parsePort,
  parseThreads,
  reasonOf,
  regexes,
} from './values.js';

export { NOT_YET_IMPLEMENTED, VERSION } from './options.js';
export { parseDurationMs } from './values.js';

export interface ParsedCli {
  readonly config?: BzfsConfig;
  /** Set for --help / --version: print and exit 0. */
  readonly output?: string;
}

export async function parseCli(
  rawArgv: readonly string[],
  /** readArgumentFile: how `+file` values are read (main.ts passes the trusted-file reader of infra/). */
  env: { home: string; cpus: number; readArgumentFile?: (path: string) => string },
): Promise<ParsedCli> {
  // The snapshot filters' order matters and yargs does not keep it across options: taken out first.
  const { taken, rest } = takeMultiValueOptions(
    normalizeDryrun(rawArgv),
    SNAPSHOT_FILTER_ARITY,
    bzfsOptionNames(),
  );
  const argv = protectLocalMark(joinDisableValues(rest));
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
  a = lastOfRepeated(restoreLocalMark(a));
  if (a.help) return { output: await helpText() };
  if (a.version) return { output: `bzfs-ts ${VERSION}` };
  for (const o of NOT_YET_IMPLEMENTED) {
    if (a[o] !== undefined)
      throw new UsageError(`--${o} is an option of bzfs that bzfs-ts does not implement yet`);
  }
  const deleteExceptPlans = list(a['delete-dst-snapshots-except-plan']);
  // Before the pairs are counted: `--delete-dst-snapshots pool/a pool/b` took pool/a as its value
  // (so does --compare-snapshot-lists).
  const retention = retentionSettings(a, deleteExceptPlans.length > 0);
  const deleteDatasets = datasetDeletionSettings(a);
  const compare = compareSettings(a['compare-snapshot-lists']);
  const files = {
    readText: env.readArgumentFile ?? refuseArgumentFile,
    disabled: Boolean(a['no-argument-file']),
  };
  /** The values of a list option, `+file` values replaced by the file's lines (as the original). */
  const values = (name: string): string[] => expandArgumentFiles(list(a[name]), `--${name}`, files);
  const positional = expandPairFiles((a._ as unknown[]).map(String), files);
  if (positional.length === 0 || positional.length % 2 !== 0) {
    throw new UsageError(
      `expected SRC_DATASET DST_DATASET pairs, got ${positional.length} dataset argument(s)`,
    );
  }
  const side = (prefix: 'src' | 'dst', text: string): Endpoint => {
    const loc = parseLocator(text);
    const host = (a[`ssh-${prefix}-host`] as string | undefined) ?? loc.host;
    const user = (a[`ssh-${prefix}-user`] as string | undefined) ?? loc.user;
    const portText = a[`ssh-${prefix}-port`] as string | undefined;
    const port = portText === undefined ? undefined : parsePort(portText, `--ssh-${prefix}-port`);
    const configFile = a[`ssh-${prefix}-config-file`] as string | undefined;
    // Checked whenever given, as in the original, even for a side that turns out to be local.
    if (configFile !== undefined) validateSshConfigFileName(configFile);
    if (host === undefined || host === '-') return { dataset: loc.dataset };
    validateHost(host);
    if (user !== undefined) validateUser(user);
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
  validateProgramOpts(splitOpts(sendOptsText), '--zfs-send-program-opts', SEND_ARGS);
  validateProgramOpts(splitOpts(recvOptsText), '--zfs-recv-program-opts', RECV_ARGS);
  validateProgramOpts(recvOpt, '--zfs-recv-program-opt', RECV_ARGS);

  const logDir = validateLogDirName((a['log-dir'] as string | undefined) ?? `${env.home}/bzfs-logs`);
  const force = Boolean(a.force);
  const snapshotFilters = snapshotFilterGroups({
    taken,
    includePlans: list(a['include-snapshot-plan']),
    deleteExceptPlans,
    files,
  });
  const dryrun = a.dryrun ? ((a['dryrun-mode'] as 'send' | 'recv' | undefined) ?? 'send') : undefined;
  const config: BzfsConfig = {
    pairs,
    run: {
      dryrun,
      explain: Boolean(a.explain),
      verbose: Number(a.verbose ?? 0),
      quiet: Boolean(a.quiet),
      logDir,
      threads: a['force-once'] ? 1 : parseThreads(String(a.threads), env.cpus),
      retry: {
        retries: integerAtLeast(a.retries, '--retries', 0),
        minSleepSecs: nonNegative(a['retry-min-sleep-secs'], '--retry-min-sleep-secs'),
        initialMaxSleepSecs: nonNegative(a['retry-initial-max-sleep-secs'], '--retry-initial-max-sleep-secs'),
        maxSleepSecs: nonNegative(a['retry-max-sleep-secs'], '--retry-max-sleep-secs'),
        maxElapsedSecs: nonNegative(a['retry-max-elapsed-secs'], '--retry-max-elapsed-secs'),
      },
      runReportFile:
        a['run-report-file'] === undefined
          ? undefined
          : validateOutputFileName(String(a['run-report-file']), '--run-report-file'),
      timeoutMs: a.timeout === undefined ? undefined : parseDurationMs(String(a.timeout), '--timeout'),
      // 0 would make ssh masters never exit (ControlPersist=0 means forever); the original wants >= 1.
      sshControlPersistSecs: integerAtLeast(a['ssh-control-persist-secs'], '--ssh-control-persist-secs', 1),
      envVars: {
        exclude: regexes(values('exclude-envvar-regex'), '--exclude-envvar-regex'),
        include: regexes(values('include-envvar-regex'), '--include-envvar-regex'),
      },
    },
    daemon: daemonSettings(a),
    ssh: sshSettings(a, pairs),
    selection: {
      recursive,
      skipParent: Boolean(a['skip-parent']),
      includeDatasets: values('include-dataset'),
      excludeDatasets: values('exclude-dataset'),
      includeDatasetRegex: datasetRegexes(values('include-dataset-regex'), '--include-dataset-regex'),
      excludeDatasetRegex:
        a['exclude-dataset-regex'] === undefined
          ? [DEFAULT_EXCLUDE_DATASET_REGEX]
          : datasetRegexes(values('exclude-dataset-regex'), '--exclude-dataset-regex'),
      snapshotFilters,
    },
    replication: {
      skip: Boolean(a['skip-replication']),
      sendOpts: splitOpts(sendOptsText),
      recvOpts: [...splitOpts(recvOptsText), ...recvOpt],
      resumeRecv: !a['no-resume-recv'],
      createBookmarks: (a['no-create-bookmark'] ? 'none' : a['create-bookmarks']) as CreateBookmarks,
      useBookmarks: !a['no-use-bookmark'],
      noStream: Boolean(a['no-stream']),
      skipMissingSnapshots: a['skip-missing-snapshots'] as SkipMissingSnapshots,
    },
    force: {
      rollbackToLatestSnapshot: Boolean(a['force-rollback-to-latest-snapshot']),
      rollbackToLatestCommon: force || Boolean(a['force-rollback-to-latest-common-snapshot']),
      destroyAllIfNoCommon: force,
      once: Boolean(a['force-once']),
      destroyDependents: Boolean(a['force-destroy-dependents'] || a['force-hard']),
      unmount: Boolean(a['force-unmount']),
    },
    transfer: transferSettings(a, Boolean(a.quiet)),
    create: createSettings(a),
    retention,
    monitor: monitorSettings(a),
    deleteDatasets,
    compare,
    cache: { snapshots: Boolean(a['cache-snapshots']) },
    skipOnError: a['skip-on-error'] as SkipOnError,
    noPrivilegeElevation: Boolean(a['no-privilege-elevation']),
    lockKey: '',
  };
  return { config: { ...config, lockKey: lockKeyOf(config) } };
}

/** Empty values are dropped (so `--exclude-dataset-regex ''` turns the default off); each must compile. */
function datasetRegexes(values: readonly string[], option: string): string[] {
  const kept = values.filter((v) => v !== '');
  for (const v of kept) {
    try {
      compileDatasetRegex(v);
    } catch (e) {
      throw new UsageError(`${option} ${v}: ${reasonOf(e)} (expected an RE2 regular expression)`);
    }
  }
  return kept;
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

function refuseArgumentFile(): never {
  throw new Error('this caller reads no argument files');
}
