import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import {
  CommandFailedError,
  type CommandResult,
  type CommandRunner,
  type Command,
  type Pipeline,
  type RunOptions,
} from './runner.js';
import { killGroup, releaseGroup, trackGroup } from './process-groups.js';
import { argvForGroup, groupStages, renderForLog, type SshSettings } from './ssh.js';
import { isRetryableFailure } from './retryable.js';
import type { SshLease, SshMasters } from './ssh-masters.js';
import { isStreamLeg } from './ssh-slots.js';

export interface ExecaRunnerDeps {
  readonly ssh: SshSettings;
  /** Called with the copy-pasteable command line before each process starts. */
  readonly onExec?: (commandLine: string) => void;
  /** The environment of every child (tests put fake programs first on PATH); process.env if absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Shared ssh connections; without them each ssh connects as its ssh config says. */
  readonly masters?: Pick<SshMasters, 'lease'>;
}

/** How long a stopped process group gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5_000;
/**
 * How long output may still arrive after a process exited. Something it left behind can hold its
 * pipes open for good: ssh -v's backgrounded ControlMaster keeps stderr open for ControlPersist
 * seconds, a wrapper's stray child forever. Whatever it writes later is not this command's output.
 */
const DRAIN_MS = 2_000;
/** The shell's exit code for a program that cannot be run: the same number whichever way it was started. */
const NOT_STARTED = 127;
/** The exit code reported for a command refused because the run was already stopped. */
const NOT_STARTED_STOPPED = 130;

/**
 * The only module that starts processes (the name is historical: single commands used to go
 * through execa). Every command is a pipeline of one or more stages, spawned with node's spawn,
 * which can hand one child's stdout pipe straight to the next child; each stage runs in a process
 * group of its own (see process-groups.ts), and the remote side watches its ssh (ssh.ts withWatchdog).
 */
export class ExecaRunner implements CommandRunner {
  constructor(private readonly deps: ExecaRunnerDeps) {}

  async run(cmd: Command, opts: RunOptions = {}): Promise<CommandResult> {
    return this.runPipeline({ stages: [cmd] }, opts);
  }

  async runPipeline(p: Pipeline, opts: RunOptions = {}): Promise<CommandResult> {
    const line = renderForLog(p, this.deps.ssh);
    // Nothing new is started once the run is stopped: a command killed at birth could still
    // have done part of its work.
    if (opts.signal?.aborted) {
      const why = stopReason(opts.signal.reason);
      throw new CommandFailedError(`${line} (not started: ${why})`, NOT_STARTED_STOPPED, '', false);
    }
    this.deps.onExec?.(line);
    const groups = groupStages(p);
    const leases = await Promise.all(
      groups.map((g) => leaseOrDedicated(this.deps.masters, g, groups.length)),
    );
    let outcome;
    try {
      const stages = groups.map((g, i): StageSpec => {
        // Only the first stage's stdin is free to serve as the remote side's lifeline.
        const watchdog = i === 0 && g[0]?.place.ssh !== undefined;
        const control = leases[i]?.control;
        const stderrFile = g.length === 1 && g[0]?.place.ssh === undefined ? g[0]?.stderrFile : undefined;
        return {
          argv: argvForGroup(g, this.deps.ssh, { watchdog, ...(control ? { control } : {}) }),
          holdStdin: watchdog,
          ...(stderrFile !== undefined && { stderrFile }),
        };
      });
      outcome = await runStages(stages, opts, this.deps.env);
    } finally {
      for (const l of leases) l?.release();
    }
    const { results, stopped } = outcome;
    // The most telling failure is the first stage that failed on its own, not one that only
    // died of a broken pipe because a later stage had already failed.
    const failed = results.filter((r) => r.exitCode !== 0);
    const primary = failed.find((r) => !r.brokenPipe) ?? failed[0];
    const stdout = results[results.length - 1]!.stdout;
    const stderr = results.map((r) => r.stderr).join('');
    if (primary === undefined) return { exitCode: 0, stdout, stderr };
    // A stopped command's failure is no answer to the caller's question, even with allowFailure.
    if (stopped !== undefined) {
      throw new CommandFailedError(`${line} (${stopped})`, primary.exitCode, primary.stderr || stderr, false);
    }
    if (opts.allowFailure) return { exitCode: primary.exitCode, stdout, stderr };
    throw new CommandFailedError(
      line,
      primary.exitCode,
      primary.stderr || stderr,
      isRetryableFailure(primary.exitCode, primary.stderr),
    );
  }
}

/** How a remote group connects: a stream leg on a connection of its own, anything else through a shared master. */
async function leaseOrDedicated(
  masters: Pick<SshMasters, 'lease'> | undefined,
  group: readonly Command[],
  groupCount: number,
): Promise<SshLease | undefined> {
  const target = group[0]?.place.ssh;
  if (target === undefined || masters === undefined) return undefined;
  if (isStreamLeg(groupCount)) return { control: 'dedicated', release: () => {} };
  return masters.lease(target);
}

/** What a stop says about itself: the abort reason's message (e.g. "timed out after --timeout 5m"). */
function stopReason(reason: unknown): string {
  return reason instanceof Error && reason.name !== 'AbortError' ? reason.message : 'cancelled';
}

interface StageSpec {
  readonly argv: readonly string[];
  /** Give the stage a stdin pipe that stays open, unwritten, until the stage is done. */
  readonly holdStdin: boolean;
  /** Append the stage's stderr to this file instead of capturing it (Command.stderrFile). */
  readonly stderrFile?: string;
}

interface StageResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly brokenPipe: boolean;
}

/**
 * Runs the stages with each one's stdout handed to the next as its stdin: a kernel pipe between
 * the two processes, so the data stream never passes through this process (no copy, no shell).
 * A stage that dies breaks the pipe for its neighbours, as in a shell pipeline. `stopped` says
 * why the stages were stopped, if they were.
 */
async function runStages(
  specs: readonly StageSpec[],
  opts: RunOptions,
  env: NodeJS.ProcessEnv | undefined,
): Promise<{ results: StageResult[]; stopped?: string }> {
  const children: ChildProcess[] = [];
  let upstream: Readable | null = null;
  for (const [i, spec] of specs.entries()) {
    const [file, ...args] = spec.argv;
    const errFd = spec.stderrFile === undefined ? undefined : openSync(spec.stderrFile, 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(file!, args, {
        stdio: [upstream ?? (spec.holdStdin ? 'pipe' : 'ignore'), 'pipe', errFd ?? 'pipe'],
        detached: true,
        ...(env ? { env } : {}),
      });
    } finally {
      // The child has its own copy of the descriptor.
      if (errFd !== undefined) closeSync(errFd);
    }
    if (child.pid !== undefined) trackGroup(child.pid);
    // Never written to; an EPIPE once the stage is gone means nothing.
    child.stdin?.on('error', () => {});
    // The child has its own copy of the pipe's read end; ours must not compete for the data.
    upstream?.destroy();
    upstream = i < specs.length - 1 ? child.stdout : null;
    children.push(child);
  }
  const finished = new Set<ChildProcess>();
  let stopped: string | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (why: string) => {
    if (stopped !== undefined) return;
    stopped = why;
    const running = () => children.filter((c) => !finished.has(c) && c.pid !== undefined);
    for (const c of running()) killGroup(c.pid!, 'SIGTERM');
    killTimer = setTimeout(() => {
      for (const c of running()) killGroup(c.pid!, 'SIGKILL');
    }, KILL_GRACE_MS);
  };
  const onAbort = () => stop(stopReason(opts.signal?.reason));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    opts.timeoutMs === undefined
      ? undefined
      : setTimeout(() => stop(`timed out after ${opts.timeoutMs} ms`), opts.timeoutMs);
  try {
    const results = await Promise.all(
      children.map(async (c, i) => {
        const r = await settle(c, i === children.length - 1);
        finished.add(c);
        if (c.pid !== undefined) {
          // What a stopped stage left behind goes with it.
          if (stopped !== undefined) killGroup(c.pid, 'SIGKILL');
          releaseGroup(c.pid);
        }
        const exitCode = r.spawnError
          ? NOT_STARTED
          : (r.code ?? (r.signal ? 128 + (constants.signals[r.signal] ?? 0) : 255));
        return {
          exitCode,
          stdout: r.stdout,
          stderr: r.stderr,
          // Node connects children through socket pairs: a producer whose consumer died
          // sees a reset connection rather than a broken pipe.
          brokenPipe:
            r.signal === 'SIGPIPE' ||
            (i < children.length - 1 && /broken pipe|connection reset by peer/i.test(r.stderr)),
        };
      }),
    );
    return stopped === undefined ? { results } : { results, stopped };
  } finally {
    clearTimeout(timer);
    clearTimeout(killTimer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

interface Settled {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly spawnError: boolean;
}

/**
 * Waits until the child has exited and its output is read: done at 'close', or at most DRAIN_MS
 * after 'exit' when something else still holds its pipes.
 */
function settle(c: ChildProcess, captureStdout: boolean): Promise<Settled> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    // Decoded as a stream: a UTF-8 character split across two reads stays intact.
    if (captureStdout) c.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    c.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let drain: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError = false) => {
      if (done) return;
      done = true;
      clearTimeout(drain);
      for (const s of [c.stdin, c.stdout, c.stderr]) s?.destroy();
      resolve({ code, signal, stdout, stderr, spawnError });
    };
    c.on('error', (e) => {
      stderr += `${e.message}\n`;
      if (c.pid === undefined) finish(null, null, true);
    });
    c.on('exit', (code, signal) => {
      drain = setTimeout(() => finish(code, signal), DRAIN_MS);
    });
    c.on('close', (code, signal) => finish(code, signal));
  });
}
