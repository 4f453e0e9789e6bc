import { execa, type ResultPromise } from 'execa';
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

/** The only module that starts processes. */
export class ExecaRunner implements CommandRunner {
  constructor(private readonly deps: ExecaRunnerDeps) {}

  async run(cmd: Command, opts: RunOptions = {}): Promise<CommandResult> {
    return this.runPipeline({ stages: [cmd] }, opts);
  }

  async runPipeline(p: Pipeline, opts: RunOptions = {}): Promise<CommandResult> {
    const line = renderForLog(p, this.deps.ssh);
    this.deps.onExec?.(line);
    const groups = groupStages(p);
    const procs = groups.map((g, i) => {
      const [file, ...args] = argvForGroup(g, this.deps.ssh);
      const isLast = i === groups.length - 1;
      return execa(file!, args, {
        stdin: i === 0 ? 'ignore' : 'pipe',
        stdout: 'pipe',
        stderr: 'pipe',
        buffer: { stdout: isLast, stderr: true },
        reject: false,
        stripFinalNewline: false,
        cancelSignal: opts.signal,
        forceKillAfterDelay: KILL_GRACE_MS,
        ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
      });
    });
    connect(procs);
    const results = await Promise.all(procs);
    // The most telling failure is the first stage that failed on its own, not one that only
    // died of a broken pipe because a later stage had already failed.
    const failed = results.filter((r) => r.failed);
    const primary = failed.find((r) => !isBrokenPipe(r)) ?? failed[0];
    const last = results[results.length - 1]!;
    const stderr = results.map((r) => String(r.stderr ?? '')).join('');
    if (primary === undefined) return { exitCode: 0, stdout: String(last.stdout ?? ''), stderr };
    const exitCode = primary.exitCode ?? (primary.isCanceled ? 130 : 255);
    if (opts.allowFailure) return { exitCode, stdout: String(last.stdout ?? ''), stderr };
    const reason = primary.timedOut ? ' (timed out)' : primary.isCanceled ? ' (cancelled)' : '';
    throw new CommandFailedError(
      line + reason,
      exitCode,
      String(primary.stderr ?? '') || stderr,
      !primary.isCanceled && isRetryableFailure(exitCode, String(primary.stderr ?? '')),
    );
  }
}

function connect(procs: readonly ResultPromise[]): void {
  for (let i = 0; i + 1 < procs.length; i++) {
    const from = procs[i]!;
    const to = procs[i + 1]!;
    // A consumer that dies must stop its producer rather than crash this process with EPIPE.
    to.stdin?.on('error', () => from.kill());
    from.stdout?.pipe(to.stdin!);
    to.on('exit', (code) => {
      if (code !== 0) from.kill();
    });
  }
}

function isBrokenPipe(r: { signal?: string; stderr?: unknown }): boolean {
  return r.signal === 'SIGPIPE' || /broken pipe/i.test(String(r.stderr ?? ''));
}
