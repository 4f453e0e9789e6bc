/**
 * The command line. Jobrunner options are declared here; every other option is passed through to each
 * bzfs run, in order — except those the jobrunner sets per run, which are refused.
 */
import { createRequire } from 'node:module';
import { ExitCode, countOrPercentProblem, showValue, validateLogDirName } from '@bzfs-ts/bzfs';
import yargs from 'yargs';
import { ACTIONS, type Action } from '../expand/actions.js';
import type { DaemonFrequencies } from '../expand/daemon-frequency.js';
import { checkBzfsArgs } from '../spec/bzfs-args.js';
import { daemonFrequencies, withDaemonOptions } from './daemon-args.js';
import { unsafeCharProblem } from '../spec/names.js';
import {
  WORKER_TIMEOUT_SECONDS,
  WORK_PERIOD_SECONDS,
  describeSecondsRule,
  fitsSecondsRule,
} from './settings.js';

/** --jobrunner-log-level's choices, spelled as the original's; each is a level of bzfs's logger in lower case. */
const LOG_LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;
type JobrunnerLogLevel = (typeof LOG_LEVELS)[number];

export interface CliArgs {
  readonly spec: string;
  readonly actions: readonly Action[];
  readonly srcHosts: readonly string[];
  readonly dstHosts: readonly string[];
  readonly localhost?: string;
  readonly workers?: string;
  readonly jitter?: boolean;
  readonly workPeriodSeconds?: number;
  readonly workerTimeoutSeconds?: number;
  readonly jobRun?: string;
  readonly logDir?: string;
  readonly bzfsProgram?: string;
  /** --metrics-file: the Prometheus textfile rewritten after each run (metrics/). */
  readonly metricsFile?: string;
  readonly dryrun: boolean;
  readonly json: boolean;
  readonly logLevel: JobrunnerLogLevel;
  /** --daemon-*-frequency, over the spec's daemonFrequencies. */
  readonly daemonFrequencies?: DaemonFrequencies;
  /** Options for every bzfs run, verbatim. */
  readonly passthrough: readonly string[];
}

/** Either arguments to run with, or something to print and an exit code (help, version, usage error). */
export type ParsedCommandLine =
  | { readonly kind: 'run'; readonly args: CliArgs }
  | { readonly kind: 'exit'; readonly code: number; readonly stdout?: string; readonly stderr?: string };

const USAGE = `$0 --spec FILE [ACTION...] [--src-host H]... [--dst-host H]... [OPTION...] [BZFS OPTION...]

Runs bzfs for every source and destination host of a job spec (YAML, or a JS/TS module), with bounded
parallelism. Options it does not know are passed to every bzfs run, e.g. --dryrun, --threads=4.`;

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let outcome: ParsedCommandLine | undefined;
  const parser = buildParser();
  parser.parse([...argv], {}, (err, parsed, output) => {
    if (err) outcome = usageError(err.message);
    else if (output !== '') outcome = { kind: 'exit', code: ExitCode.OK, stdout: output + '\n' };
    else outcome = toCliArgs(parsed as unknown as Record<string, unknown>);
  });
  return outcome ?? usageError('cannot parse the command line');
}

let ownOptions: string[] | undefined;

/** The jobrunner's option names (without dashes), for "did you mean" suggestions. */
function jobrunnerOptionNames(): string[] {
  // getOptions() is public in yargs but missing from its type declarations.
  ownOptions ??= Object.keys(
    (buildParser() as unknown as { getOptions(): { key: object } }).getOptions().key,
  );
  return ownOptions;
}

function buildParser() {
  let p = yargs()
    .scriptName('bzfs-jobrunner')
    .usage(USAGE)
    .parserConfiguration({
      'unknown-options-as-args': true,
      'populate--': true,
      'parse-positional-numbers': false,
    })
    .option('spec', {
      type: 'string',
      requiresArg: true,
      describe: 'Job spec: .yaml/.yml/.json, or .js/.mjs/.ts module',
    })
    .group(ACTIONS.map(String), 'Actions (any combination; they run in this order per source host):');
  for (const action of ACTIONS) p = p.option(action, { type: 'boolean', describe: ACTION_HELP[action] });
  return withDaemonOptions(p)
    .option('src-host', {
      type: 'string',
      requiresArg: true,
      describe: 'Only this source host of the spec (repeatable)',
    })
    .option('dst-host', {
      type: 'string',
      requiresArg: true,
      describe: 'Only this destination host of the spec (repeatable)',
    })
    .option('localhost', {
      type: 'string',
      requiresArg: true,
      describe: "This machine's name in the spec; such a host runs without ssh",
    })
    .option('workers', {
      type: 'string',
      requiresArg: true,
      describe: 'bzfs runs at once: N or N% of the CPU cores (default: spec, else 100%)',
    })
    .option('jitter', { type: 'boolean', describe: 'Shuffle host order and delay the first start randomly' })
    .option('work-period-seconds', {
      type: 'number',
      requiresArg: true,
      describe: 'Spread the starts over this many seconds',
    })
    .option('worker-timeout-seconds', {
      type: 'number',
      requiresArg: true,
      describe: 'Kill a run and its child processes after this long',
    })
    .option('job-run', {
      type: 'string',
      requiresArg: true,
      describe: 'Id of this run in log file names (default: random)',
    })
    .option('log-dir', {
      type: 'string',
      requiresArg: true,
      describe: 'Directory of the per-run logs; also passed to bzfs',
    })
    .option('bzfs-program', {
      type: 'string',
      requiresArg: true,
      describe: 'The bzfs executable (default: the one installed with the jobrunner)',
    })
    .option('metrics-file', {
      type: 'string',
      requiresArg: true,
      describe:
        'After the runs, rewrite this Prometheus textfile (atomically, 0644): RPO lag, bytes, duration and exit ' +
        'code per source dataset and destination, monitor status (see README_jobrunner.md, Metrics)',
    })
    .option('jobrunner-dryrun', { type: 'boolean', describe: 'Print the runs instead of running them' })
    .option('json', {
      type: 'boolean',
      describe: 'Print the plan (dry run) or the results as JSON on stdout',
    })
    .option('jobrunner-log-level', {
      choices: LOG_LEVELS as unknown as string[],
      default: 'INFO',
      describe: 'Jobrunner log level',
    })
    .version(packageVersion())
    .help()
    .strict(false)
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 110));
}

const ACTION_HELP: Record<Action, string> = {
  'create-src-snapshots': 'Take the snapshots srcSnapshotPlan says are due, on each source host',
  replicate: 'Replicate each source host to each destination host (targets per dstSnapshotPlan)',
  'prune-src-snapshots': 'Delete source snapshots that srcSnapshotPlan does not keep',
  'prune-src-bookmarks': 'Delete source bookmarks that srcBookmarkPlan does not keep',
  'prune-dst-snapshots':
    "Delete destination snapshots that dstSnapshotPlan does not keep for the host's retained targets",
  'monitor-src-snapshots': 'Alert (exit 1/2) when source snapshots are too old',
  'monitor-dst-snapshots': 'Alert (exit 1/2) when destination snapshots are too old',
};

function toCliArgs(a: Record<string, unknown>): ParsedCommandLine {
  const spec = a['spec'];
  if (typeof spec !== 'string' || spec === '') return usageError('missing --spec FILE');
  const passthrough = [
    ...(a['_'] as unknown[]).map(String),
    ...((a['--'] as unknown[] | undefined) ?? []).map(String),
  ];
  // yargs hands every token it does not know to `_`, so this is the one place that decides what
  // reaches bzfs: by bzfs's option table, with the jobrunner's own options offered as spellings too.
  const refused = checkBzfsArgs(passthrough, { alsoKnown: jobrunnerOptionNames() });
  if (refused.length > 0) return usageError(refused.map((r) => r.message).join('\n'));
  const jobRun = a['job-run'];
  const jobRunProblem = typeof jobRun === 'string' ? unsafeCharProblem(jobRun) : undefined;
  if (jobRunProblem !== undefined)
    return usageError(`--job-run ${showValue(String(jobRun))}: ${jobRunProblem}`);
  const workers = a['workers'] as string | undefined;
  const workersProblem = workers === undefined ? undefined : countOrPercentProblem(workers);
  if (workersProblem !== undefined) return usageError(`--workers '${workers}': ${workersProblem}`);
  const logDir = a['log-dir'];
  if (typeof logDir === 'string') {
    // bzfs's own rule: the jobrunner passes this directory to every bzfs run.
    const problem = problemOf(() => validateLogDirName(logDir));
    if (problem !== undefined) return usageError(problem);
  }

  for (const [key, rule] of [
    ['work-period-seconds', WORK_PERIOD_SECONDS],
    ['worker-timeout-seconds', WORKER_TIMEOUT_SECONDS],
  ] as const) {
    const v = a[key];
    if (v !== undefined && !fitsSecondsRule(rule, v)) {
      return usageError(`--${key}: expected ${describeSecondsRule(rule)}, got ${String(v)}`);
    }
  }
  const frequencies = daemonFrequencies(a);
  if (typeof frequencies === 'string') return usageError(frequencies);
  return {
    kind: 'run',
    args: {
      spec,
      actions: ACTIONS.filter((x) => a[x] === true),
      srcHosts: list(a['src-host']),
      dstHosts: list(a['dst-host']),
      localhost: a['localhost'] as string | undefined,
      workers,
      jitter: a['jitter'] as boolean | undefined,
      workPeriodSeconds: a['work-period-seconds'] as number | undefined,
      workerTimeoutSeconds: a['worker-timeout-seconds'] as number | undefined,
      jobRun: a['job-run'] as string | undefined,
      logDir: a['log-dir'] as string | undefined,
      bzfsProgram: a['bzfs-program'] as string | undefined,
      metricsFile: a['metrics-file'] as string | undefined,
      dryrun: a['jobrunner-dryrun'] === true,
      json: a['json'] === true,
      logLevel: a['jobrunner-log-level'] as JobrunnerLogLevel,
      daemonFrequencies: frequencies,
      passthrough,
    },
  };
}

function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function usageError(message: string): ParsedCommandLine {
  return {
    kind: 'exit',
    code: ExitCode.USAGE,
    stderr: `bzfs-jobrunner: ${message}\nRun bzfs-jobrunner --help for usage.\n`,
  };
}

function packageVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The message of the error `check` throws, or undefined when it passes. */
function problemOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
