/**
 * Composition root: command line → spec → checks → expansion → dry-run output or runs → exit code.
 * `main` returns the exit code instead of exiting, so tests can call it; only `bin/` sets it.
 */
import { randomUUID } from 'node:crypto';
import { ExitCode, createLogger, type Logger } from '@bzfs-ts/bzfs';
import { availableParallelism, homedir } from 'node:os';
import { parseCommandLine, type CliArgs } from './cli/args.js';
import { resolveSettings, type RunSettings } from './cli/settings.js';
import { expand, type ExpandInput } from './expand/expand.js';
import type { Expansion } from './expand/types.js';
import { poolOf } from './expand/locate.js';
import { GuardedLauncher, type TreeLister } from './guard/guarded-launcher.js';
import { bzfsCommand } from './infra/bzfs-command.js';
import { systemClock } from './infra/clock.js';
import { detectLocalHost, localHostName } from './infra/local-host.js';
import { findMissingLocalPools } from './infra/pool-probe.js';
import { ZfsTreeLister } from './infra/snapshot-lister.js';
import { ChildProcessLauncher } from './launch/child-process.js';
import type { BzfsLauncher } from './launch/launcher.js';
import { PreflightLauncher } from './launch/preflight.js';
import {
  MAX_FILE_NAME_BYTES,
  UNIQUE_SUFFIX_BYTES,
  runLogNameBytes,
  type RunLogContext,
} from './launch/log-file.js';
import { planJson, planText, resultsJson, type PlanHeader } from './report/plan-output.js';
import { runAll, type RunSummary } from './schedule/run-all.js';
import { worstExitCode } from './schedule/exit-status.js';
import { rewriteMetricsFile } from './infra/metrics-file.js';
import { runFacts } from './metrics/facts.js';
import { metricsText } from './metrics/metrics.js';
import { SpecValidationError, formatSpecError } from './spec/errors.js';
import { placeProblems, readSpec } from './spec/load.js';
import { checkRequest } from './spec/request-checks.js';
import type { JobSpec } from './spec/types.js';

/** Exit code when no action was chosen, as the original's job-config scripts use. */
const NO_ACTION_EXIT_CODE = 5;

/** Effects main needs; tests replace some of them. */
export interface MainDeps {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Replaces the real launcher (tests). */
  readonly launcher?: (ctx: {
    args: CliArgs;
    jobId: string;
    jobRun: string;
    localhost: string;
    logDir: string;
  }) => BzfsLauncher;
  readonly signal?: AbortSignal;
  /** Replaces the prune guard's zfs listings (tests). */
  readonly treeLister?: TreeLister;
}

const defaultDeps: MainDeps = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

export async function main(argv: readonly string[], deps: MainDeps = defaultDeps): Promise<number> {
  const cmd = parseCommandLine(argv);
  if (cmd.kind === 'exit') {
    if (cmd.stdout !== undefined) deps.stdout(cmd.stdout);
    if (cmd.stderr !== undefined) deps.stderr(cmd.stderr);
    return cmd.code;
  }
  const args = cmd.args;
  // The original's layout, `2024-09-03 12:26:15 [I] [bzfs-jobrunner] msg`, by bzfs's own logger.
  const level = args.logLevel.toLowerCase() as Lowercase<typeof args.logLevel>;
  const logger = createLogger({ level, program: 'bzfs-jobrunner', stderr: deps.stderr, clock: systemClock });
  try {
    return await runJob(args, logger, deps);
  } catch (e) {
    if (e instanceof SpecValidationError) {
      deps.stderr(e.errors.map((x) => `${formatSpecError(x)}\n`).join(''));
      deps.stderr(`bzfs-jobrunner: ${e.errors.length} problem(s) in ${args.spec}; nothing was run\n`);
      return e.exitCode;
    }
    logger.error(`Unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return ExitCode.ERROR;
  } finally {
    await logger.close();
  }
}

async function runJob(args: CliArgs, logger: Logger, deps: MainDeps): Promise<number> {
  const { spec, loaded } = await readSpec(args.spec);
  const problems = checkRequest(spec, args);
  if (problems.length > 0) throw new SpecValidationError(placeProblems(loaded, problems));
  if (args.actions.length === 0) {
    deps.stderr(
      'bzfs-jobrunner: no action given; choose any of --create-src-snapshots, --replicate, ... (see --help)\n',
    );
    return NO_ACTION_EXIT_CODE;
  }
  const settings = resolveSettings(args, spec, { cpus: availableParallelism(), home: homedir() });
  const header: PlanHeader = {
    jobId: spec.jobId,
    jobRun: args.jobRun ?? randomUUID().replaceAll('-', ''),
    localhost: localHostName(args.localhost),
    totalSrcHosts: spec.srcHosts.length,
    totalDstHosts: Object.keys(spec.dstHosts).length,
  };
  const expansion = await expandHere(spec, args, settings, logger);
  const nameProblem = runLogNameProblem({ ...header, logDir: settings.logDir }, expansion);
  if (nameProblem !== undefined) {
    deps.stderr(`bzfs-jobrunner: ${nameProblem}; nothing was run\n`);
    return ExitCode.USAGE;
  }
  if (args.dryrun) {
    deps.stdout(args.json ? planJson(header, expansion) : planText(header, expansion));
    return ExitCode.OK;
  }
  return execute(expansion, { args, settings, header, logger, deps });
}

/** Expands for this machine: its names decide what is local, and missing local pools are left out. */
async function expandHere(
  spec: JobSpec,
  args: CliArgs,
  settings: RunSettings,
  logger: Logger,
): Promise<Expansion> {
  const input: ExpandInput = {
    spec,
    actions: args.actions,
    filters: args,
    local: detectLocalHost(args.localhost),
    extraArgs: args.passthrough,
    ...(args.daemonFrequencies && { daemonFrequencies: args.daemonFrequencies }),
    ...(settings.bzfsLogDir !== undefined && { logDir: settings.bzfsLogDir }),
    ...(settings.jitter && { rng: Math.random }),
  };
  const expansion = expand({ ...input, missingLocalPools: await missingPools(input, settings, logger) });
  for (const s of expansion.skipped)
    logger.warn(`Skipping ${[s.srcHost, s.action, s.dstHost ?? ''].join('/')}: ${s.reason}`);
  return expansion;
}

async function execute(
  expansion: Expansion,
  ctx: { args: CliArgs; settings: RunSettings; header: PlanHeader; logger: Logger; deps: MainDeps },
): Promise<number> {
  const { args, settings, header, logger, deps } = ctx;
  logger.info(
    `Ready to run ${expansion.invocations.length} bzfs runs using ` +
      `${expansion.srcHosts.length}/${header.totalSrcHosts} src hosts [${expansion.srcHosts.join(', ')}], ` +
      `${expansion.dstHosts.length}/${header.totalDstHosts} dst hosts [${expansion.dstHosts.join(', ')}]`,
  );
  const launcherCtx = { ...header, args, logDir: settings.logDir };
  // Every run, the tests' launchers too, passes bzfs's own argument check before it may start; source
  // prunes first keep every destination's latest common snapshot (guard/), so the check sees that filter too.
  const bzfs = new PreflightLauncher(
    deps.launcher?.(launcherCtx) ??
      new ChildProcessLauncher({ ...launcherCtx, command: bzfsCommand(args.bzfsProgram) }),
    logger,
  );
  const launcher = new GuardedLauncher(bzfs, deps.treeLister ?? new ZfsTreeLister(), logger);
  const summary = await runAll(
    expansion.invocations,
    {
      ...settings,
      rng: Math.random,
      ...(deps.signal !== undefined && { signal: deps.signal }),
    },
    { launcher, clock: systemClock, logger },
  );
  if (args.json) deps.stdout(resultsJson(header, summary));
  const exitCode =
    args.metricsFile === undefined
      ? summary.exitCode
      : worstExitCode(summary.exitCode, writeMetrics(args.metricsFile, header.jobId, summary, logger));
  if (exitCode === ExitCode.OK) logger.info('Succeeded. Bye!');
  else logger.error(`Exiting with status code ${exitCode}`);
  return exitCode;
}

/** --metrics-file after the runs; a file that cannot be written is an error of the jobrunner's run. */
function writeMetrics(path: string, job: string, summary: RunSummary, logger: Logger): number {
  const nowSecs = Math.floor(systemClock.wallMs() / 1000);
  try {
    rewriteMetricsFile(path, (previous) =>
      metricsText({ job, nowSecs, runs: runFacts(summary.records), previous }),
    );
    return ExitCode.OK;
  } catch (e) {
    logger.error(`Cannot write the metrics file ${path}: ${(e as Error).message}; check --metrics-file`);
    return ExitCode.ERROR;
  }
}

/**
 * The run-log file name holds the job id, the job run and three host names; checked for every run
 * up front, so no run fails with ENAMETOOLONG halfway through the job.
 */
function runLogNameProblem(ctx: RunLogContext, expansion: Expansion): string | undefined {
  const limit = MAX_FILE_NAME_BYTES - UNIQUE_SUFFIX_BYTES;
  const longest = Math.max(0, ...expansion.invocations.map((inv) => runLogNameBytes(ctx, inv)));
  if (longest <= limit) return undefined;
  return (
    `the run log file names would be up to ${longest} bytes long, more than the ${limit} allowed: ` +
    `shorten the jobId (${Buffer.byteLength(ctx.jobId)} bytes), --job-run (${Buffer.byteLength(ctx.jobRun)} bytes) ` +
    'or the host names'
  );
}

/** Local destination pools that are not imported; a failed probe is logged and treated as "all present". */
async function missingPools(input: ExpandInput, settings: RunSettings, logger: Logger): Promise<Set<string>> {
  const pools = new Set<string>();
  for (const inv of expand(input).invocations) {
    if (inv.dstHost === undefined) continue;
    for (const p of inv.options.datasetPairs) if (p.dst.startsWith('-:')) pools.add(poolOf(p.dst.slice(2)));
  }
  if (pools.size === 0) return new Set();
  try {
    return await findMissingLocalPools([...pools].sort(), settings.timeoutMs);
  } catch (e) {
    logger.warn(`${(e as Error).message}; assuming the local pools exist`);
    return new Set();
  }
}
