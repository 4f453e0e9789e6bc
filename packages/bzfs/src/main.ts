import { homedir, availableParallelism } from 'node:os';
import { parseCli } from './cli/args.js';
import { DryRunRunner } from './exec/dry-run-runner.js';
import { ExecaRunner } from './exec/execa-runner.js';
import { envVarsToUnset } from './filters/env-vars.js';
import { killLiveGroups } from './exec/process-groups.js';
import { renderForLog, type SshSettings } from './exec/ssh.js';
import { SshMasters } from './exec/ssh-masters.js';
import { systemClock, type Clock } from './infra/clock.js';
import { acquireLock } from './infra/lock.js';
import { openRunLog } from './infra/log-dir.js';
import { createLogger, type LogLevel } from './infra/logger.js';
import { ensurePrivateDir } from './infra/private-dir.js';
import { reportFilesBeside } from './infra/report-files.js';
import { writeRunReport } from './infra/run-report-file.js';
import { readTrustedTextFile } from './infra/trusted-file.js';
import { BzfsError } from './model/errors.js';
import { ExitCode } from './model/exit-codes.js';
import type { Pipeline } from './exec/runner.js';
import { stateChangePolicy } from './run/context.js';
import { explainAll } from './run/explain.js';
import { runJob } from './run/daemon.js';
import { runAll } from './run/run.js';
import { RunRecorder } from './run/run-recorder.js';
import type { BzfsConfig } from './config/types.js';

export interface MainIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

const defaultIO: MainIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** The composition root of the bzfs CLI: parse, lock, wire the real adapters, run; returns the exit code. */
export async function main(
  argv: readonly string[],
  io: MainIO = defaultIO,
  clock: Clock = systemClock,
): Promise<ExitCode> {
  let parsed;
  try {
    parsed = await parseCli(argv, {
      home: homedir(),
      cpus: availableParallelism(),
      readArgumentFile: (path) => readTrustedTextFile(path),
    });
  } catch (e) {
    io.stderr(`bzfs: error: ${(e as Error).message}\nTry 'bzfs --help'.\n`);
    return e instanceof BzfsError ? e.exitCode : ExitCode.USAGE;
  }
  if (parsed.output !== undefined) {
    io.stdout(`${parsed.output}\n`);
    return ExitCode.OK;
  }
  const cfg = parsed.config!;
  const recorder = new RunRecorder();
  const startedAt = unixSecs(clock);
  const code = await runConfigured(cfg, argv, io, clock, recorder);
  if (cfg.run.runReportFile === undefined) return code;
  // Written last, on every path: also a failed run or an alert is what its reader wants to know about.
  try {
    writeRunReport(
      cfg.run.runReportFile,
      recorder.report({ exitCode: code, startedAt, finishedAt: unixSecs(clock) }),
    );
  } catch (e) {
    io.stderr(`bzfs: error: ${(e as Error).message}\n`);
    return code === ExitCode.OK ? ExitCode.ERROR : code;
  }
  return code;
}

const unixSecs = (clock: Clock) => Math.floor(clock.wallMs() / 1000);

/** The run of a parsed command line: log, lock, the real adapters, the tasks; returns the exit code. */
async function runConfigured(
  cfg: BzfsConfig,
  argv: readonly string[],
  io: MainIO,
  clock: Clock,
  recorder: RunRecorder,
): Promise<ExitCode> {
  let files;
  try {
    files = openRunLog(cfg.run.logDir, new Date(clock.wallMs()));
  } catch (e) {
    // Nothing to log into yet: report like a bad option, never as a stack trace.
    io.stderr(`bzfs: error: ${(e as Error).message}\n`);
    return e instanceof BzfsError ? e.exitCode : ExitCode.ERROR;
  }
  const { logFile, lockDir } = files;
  const log = createLogger({ level: stderrLevel(cfg.run), fileFd: files.fd, clock });
  log.debug(`Log file is: ${logFile}`);
  log.debug(`CLI arguments: ${argv.join(' ')} [uid ${process.getuid?.() ?? '?'}]`);
  // Before any child process starts: they inherit what is left.
  for (const name of envVarsToUnset(
    Object.keys(process.env),
    cfg.run.envVars.exclude,
    cfg.run.envVars.include,
  )) {
    log.debug(`Unsetting environment variable ${name} (--exclude-envvar-regex)`);
    delete process.env[name];
  }
  if (cfg.run.explain)
    log.info('Explaining (--explain): only commands that change nothing run; the plans go to stdout');
  else if (cfg.run.dryrun)
    log.info(`Dry run (--dryrun=${cfg.run.dryrun}): nothing that changes ZFS state is executed`);

  let release: (() => void) | undefined;
  let masters: SshMasters | undefined;
  const abort = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (abort.signal.aborted) {
      // Asked twice: whatever still runs is killed now, not after its grace period.
      log.error(`Received ${sig} again: killing all child processes and exiting`);
      killLiveGroups('SIGKILL');
      process.exit(ExitCode.ERROR);
    }
    log.error(`Received ${sig}: stopping all child processes`);
    abort.abort(new BzfsError(`terminated by ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    release = acquireLock(lockDir, cfg.lockKey);
    const controlDir = `${homedir()}/.ssh/bzfs`;
    ensurePrivateDir(controlDir, {
      what: 'ssh control directory',
      orElse: 'remove it so bzfs recreates it',
      parents: true,
      exitCode: ExitCode.ERROR,
    });
    const ssh: SshSettings = {
      ...(cfg.ssh.program !== undefined ? { program: cfg.ssh.program } : {}),
      ...(cfg.ssh.cipher !== undefined ? { cipher: cfg.ssh.cipher } : {}),
      controlPersistSecs: cfg.run.sshControlPersistSecs,
      verbose: cfg.run.verbose >= 3,
    };
    const render = (p: Pipeline) => renderForLog(p, ssh);
    const onExec = (line: string) => log.trace(`run: ${line}`);
    masters = new SshMasters({
      runner: new ExecaRunner({ ssh, onExec }),
      settings: ssh,
      dir: controlDir,
      maxSessions: cfg.ssh.maxSessionsPerConnection,
      clock,
      debug: (line) => log.debug(line),
    });
    // The one choke point of --dryrun and --explain: every command passes the decorator.
    const runner = new DryRunRunner(new ExecaRunner({ ssh, onExec, masters }), {
      policy: stateChangePolicy(cfg.run),
      log,
      render,
    });
    const deps = {
      runner,
      log,
      signal: abort.signal,
      render,
      localIsRoot: process.getuid?.() === 0,
      clock,
      // The original's place for --compare-snapshot-lists' TSV files: `<log file>.cmp/`.
      reports: reportFilesBeside(logFile, '.cmp'),
      // The original's place for pv's progress lines: tail -f it to watch a transfer.
      pvLog: `${logFile}.pv`,
      recorder,
    };
    const cycle = async (signal: AbortSignal): Promise<ExitCode> => {
      if (!cfg.run.explain) return runAll(cfg, { ...deps, signal });
      const explained = await explainAll(cfg, { ...deps, signal });
      // The JSON document is the only thing on stdout; the log goes to stderr as always.
      if (!signal.aborted) io.stdout(`${JSON.stringify(explained.doc, null, 2)}\n`);
      return explained.code;
    };
    // One cycle, or a daemon's many (--daemon-lifetime), each bounded by --timeout.
    const code = await runJob(cfg, deps, cycle);
    if (abort.signal.aborted) {
      log.error(`Stopped: ${(abort.signal.reason as Error).message}`);
      return ExitCode.ERROR;
    }
    if (code === ExitCode.OK) log.info('Success. Goodbye!');
    return code;
  } catch (e) {
    log.error((e as Error).message);
    return e instanceof BzfsError ? e.exitCode : ExitCode.ERROR;
  } finally {
    if (cfg.ssh.exitOnShutdown) await masters?.exitAll();
    release?.();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await log.close();
  }
}

/** -q shows only errors; each -v shows one level more (debug, then trace). */
function stderrLevel(o: { quiet: boolean; verbose: number }): LogLevel {
  return o.quiet ? 'error' : o.verbose >= 2 ? 'trace' : o.verbose === 1 ? 'debug' : 'info';
}
