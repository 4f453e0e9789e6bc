import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { execa } from 'execa';
import {
  CommandFailedError,
  type Command,
  type CommandResult,
  type CommandRunner,
  type Pipeline,
  type RunOptions,
} from './runner.js';
import { argvForGroup, groupStages, renderForLog, type SshSettings } from './ssh.js';
import { isRetryableFailure } from './retryable.js';

export interface ExecaRunnerDeps {
  readonly ssh: SshSettings;
  /** Called with the copy-pasteable command line before each process starts. */
  readonly onExec?: (commandLine: string) => void;
}

const KILL_GRACE_MS = 5_000;
/** The shell's exit code for a program that cannot be run: the same number whichever way it was started. */
const NOT_STARTED = 127;

/**
 * The only module that starts processes: single commands through execa; multi-process pipelines
 * with node's spawn, which can hand one child's stdout pipe straight to the next child.
 */
export class ExecaRunner implements CommandRunner {
  constructor(private readonly deps: ExecaRunnerDeps) {}

  async run(cmd: Command, opts: RunOptions = {}): Promise<CommandResult> {
    return this.runPipeline({ stages: [cmd] }, opts);
  }

  async runPipeline(p: Pipeline, opts: RunOptions = {}): Promise<CommandResult> {
    const line = renderForLog(p, this.deps.ssh);
    this.deps.onExec?.(line);
    const groups = groupStages(p);
    const results =
      groups.length === 1
        ? [await this.runOne(argvForGroup(groups[0]!, this.deps.ssh), opts)]
        : await runConnected(
            groups.map((g) => argvForGroup(g, this.deps.ssh)),
            opts,
          );
    // The most telling failure is the first stage that failed on its own, not one that only
    // died of a broken pipe because a later stage had already failed.
    const failed = results.filter((r) => r.failed);
    const primary = failed.find((r) => !r.brokenPipe) ?? failed[0];
    const stdout = results[results.length - 1]!.stdout;
    const stderr = results.map((r) => r.stderr).join('');
    if (primary === undefined) return { exitCode: 0, stdout, stderr };
    if (opts.allowFailure) return { exitCode: primary.exitCode, stdout, stderr };
    const reason = primary.timedOut ? ' (timed out)' : primary.cancelled ? ' (cancelled)' : '';
    throw new CommandFailedError(
      line + reason,
      primary.exitCode,
      primary.stderr || stderr,
      !primary.cancelled && isRetryableFailure(primary.exitCode, primary.stderr),
    );
  }

  private async runOne(argv: readonly string[], opts: RunOptions): Promise<StageResult> {
    const [file, ...args] = argv;
    const r = await execa(file!, args, {
      stdin: 'ignore',
      reject: false,
      stripFinalNewline: false,
      cancelSignal: opts.signal,
      forceKillAfterDelay: KILL_GRACE_MS,
      ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
    });
    // No exit code and not stopped by us: the program could not be started (e.g. not installed).
    const notStarted = r.exitCode === undefined && r.signal === undefined && !r.isCanceled && !r.timedOut;
    const stderr = String(r.stderr ?? '') + (notStarted ? `${r.shortMessage}\n` : '');
    return {
      failed: r.failed,
      exitCode: r.exitCode ?? (notStarted ? NOT_STARTED : r.isCanceled ? 130 : 255),
      stdout: String(r.stdout ?? ''),
      stderr,
      brokenPipe: r.signal === 'SIGPIPE' || /broken pipe/i.test(stderr),
      timedOut: r.timedOut,
      cancelled: r.isCanceled,
    };
  }
}

interface StageResult {
  readonly failed: boolean;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly brokenPipe: boolean;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
}

/**
 * Runs the stages with each one's stdout handed to the next as its stdin: a kernel pipe between
 * the two processes, so the data stream never passes through this process (no copy, no shell).
 * A stage that dies breaks the pipe for its neighbours, as in a shell pipeline.
 */
async function runConnected(argvs: readonly (readonly string[])[], opts: RunOptions): Promise<StageResult[]> {
  const children: ChildProcess[] = [];
  let upstream: Readable | null = null;
  for (const [i, argv] of argvs.entries()) {
    const [file, ...args] = argv;
    const child: ChildProcess = spawn(file!, args, { stdio: [upstream ?? 'ignore', 'pipe', 'pipe'] });
    // The child has its own copy of the pipe's read end; ours must not compete for the data.
    upstream?.destroy();
    upstream = i < argvs.length - 1 ? child.stdout : null;
    children.push(child);
  }
  let cancelled = false;
  let timedOut = false;
  const killAll = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    setTimeout(() => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }, KILL_GRACE_MS).unref();
  };
  const onAbort = () => {
    cancelled = true;
    killAll();
  };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    opts.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          killAll();
        }, opts.timeoutMs);
  try {
    return await Promise.all(
      children.map(
        (c, i) =>
          new Promise<StageResult>((resolve) => {
            let stdout = '';
            let stderr = '';
            if (i === children.length - 1) c.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
            c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
            let spawnFailed = false;
            c.on('error', (e) => {
              spawnFailed = true;
              stderr += `${e.message}\n`;
            });
            c.on('close', (code, signal) => {
              const exitCode = spawnFailed
                ? NOT_STARTED
                : (code ?? (signal === 'SIGPIPE' ? 141 : cancelled ? 130 : 255));
              resolve({
                failed: exitCode !== 0,
                exitCode,
                stdout,
                stderr,
                // Node connects children through socket pairs: a producer whose consumer died
                // sees a reset connection rather than a broken pipe.
                brokenPipe:
                  signal === 'SIGPIPE' ||
                  (i < children.length - 1 && /broken pipe|connection reset by peer/i.test(stderr)),
                timedOut,
                cancelled,
              });
            });
          }),
      ),
    );
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
