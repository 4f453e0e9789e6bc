/**
 * The real launcher: one `bzfs` process per run, started from an argv array (never a shell string),
 * with its stdout and stderr written to the run's own log file.
 *
 * The process gets its own process group (`detached`), so a timeout or a stop request can kill the
 * whole tree — bzfs's `zfs send`, `ssh` and pipeline helpers included — with one signal to the group:
 * SIGTERM first so bzfs can clean up, SIGKILL after a grace period for whatever is left.
 */
import { closeSync, createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { readRunReport, shellJoin, toArgv, type RunReport } from '@bzfs-ts/bzfs';
import { execa } from 'execa';
import type { Invocation } from '../expand/types.js';
import type { BzfsLauncher, LaunchOptions, LaunchResult } from './launcher.js';
import { openRunLog, runLogPath, runReportPath, type RunLogContext } from './log-file.js';

export interface ChildProcessLauncherConfig extends RunLogContext {
  /** The bzfs command, e.g. `[process.execPath, '/…/bzfs/dist/bin/bzfs.js']` or `['bzfs']`. */
  readonly command: readonly [string, ...string[]];
  readonly now?: () => Date;
  /** Time between SIGTERM and SIGKILL. */
  readonly killGraceMs?: number;
  readonly tailLines?: number;
}

export class ChildProcessLauncher implements BzfsLauncher {
  constructor(private readonly config: ChildProcessLauncherConfig) {}

  async launch(inv: Invocation, opts: LaunchOptions): Promise<LaunchResult> {
    const { command, killGraceMs = 1000, tailLines = 20 } = this.config;
    // The log is opened before bzfs starts: a run whose output cannot be kept is not started, so no
    // child is ever left without a supervisor because its log failed.
    let opened: { fd: number; path: string };
    try {
      opened = openRunLog(runLogPath(this.config, inv, (this.config.now ?? (() => new Date()))()));
    } catch (e) {
      return { timedOut: false, error: `cannot create the run log: ${(e as Error).message}`, stderrTail: [] };
    }
    const logFile = opened.path;
    // Beside the log, so that it is as unique and as private as the log's name.
    const reportFile = runReportPath(logFile);
    const argv = [...command.slice(1), ...toArgv({ ...inv.options, runReportFile: reportFile })];
    const log = fdStream(opened.fd);
    log.write(`# ${shellJoin([command[0], ...argv])}\n`);

    const child = execa(command[0], argv, { detached: true, stdin: 'ignore', buffer: false, reject: false });
    const tail = new LineTail(tailLines);
    pipeTo(child.stdout, log);
    pipeTo(child.stderr, log, (chunk) => tail.push(chunk));

    let timedOut = false;
    const killTree = (): void => killGroup(child.pid, killGraceMs, () => child.exitCode === null);
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => ((timedOut = true), killTree()), opts.timeoutMs);
    opts.signal.addEventListener('abort', killTree, { once: true });
    try {
      const r = await child;
      const error = r.exitCode === undefined && r.signal === undefined ? r.shortMessage : undefined;
      if (error !== undefined) log.write(`# ${error}\n`);
      return {
        ...(r.exitCode !== undefined && { exitCode: r.exitCode }),
        ...(r.signal !== undefined && { signal: r.signal }),
        ...(error !== undefined && { error }),
        timedOut,
        stderrTail: tail.lines(),
        logFile,
        ...withReport(readRunReport(reportFile)),
      };
    } finally {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', killTree);
      await closeStream(log);
    }
  }
}

const withReport = (report: RunReport | undefined) => (report === undefined ? {} : { report });

function killGroup(pid: number | undefined, graceMs: number, stillRunning: () => boolean): void {
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  // Grandchildren may outlive a well-behaved bzfs that exits on SIGTERM, so the group gets SIGKILL
  // after the grace period even when bzfs itself is gone.
  setTimeout(() => signalGroup(pid, 'SIGKILL'), stillRunning() ? graceMs : 0).unref();
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is already gone
  }
}

function pipeTo(from: Readable | null, to: WriteStream, onChunk?: (chunk: string) => void): void {
  from?.on('data', (chunk: Buffer) => {
    if (!to.writableEnded) to.write(chunk);
    onChunk?.(chunk.toString('utf8'));
  });
}

/**
 * A write stream on an open fd. A write error (disk full) must not become an uncaught exception that
 * ends the jobrunner with exit 1 and orphans every running bzfs: it is noted and further output dropped.
 */
function fdStream(fd: number): WriteStream {
  let s: WriteStream;
  try {
    s = createWriteStream('', { fd, autoClose: true });
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  s.on('error', () => s.destroy());
  return s;
}

function closeStream(s: WriteStream): Promise<void> {
  if (s.destroyed) return Promise.resolve();
  return new Promise((resolve) => s.end(resolve));
}

/** Keeps the last `max` complete lines of a stream. */
class LineTail {
  private readonly kept: string[] = [];
  private partial = '';

  constructor(private readonly max: number) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.keep(p);
  }

  lines(): string[] {
    return this.partial === '' ? [...this.kept] : [...this.kept, this.partial].slice(-this.max);
  }

  private keep(line: string): void {
    this.kept.push(line);
    if (this.kept.length > this.max) this.kept.shift();
  }
}
