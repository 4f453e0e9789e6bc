/**
 * Test support (no jest import, never used by production code): an in-memory ZFS world behind the
 * CommandRunner port. It answers the zfs commands bzfs runs with ZFS's own rules (see queries.ts,
 * admin.ts, receive.ts), and records every argv and pipeline so tests can assert exactly what
 * would have run. Nothing is ever spawned. test/support/contract/ checks it against real ZFS.
 */
import { isRetryableFailure } from '../../../src/exec/retryable.js';
import {
  CommandFailedError,
  type Command,
  type CommandResult,
  type CommandRunner,
  type Pipeline,
  type RunOptions,
} from '../../../src/exec/runner.js';
import { applyAdmin, bookmarkChannelProgram } from './admin.js';
import { describeCall, isMutatingCommand, renderTest, type Failure, type RecordedCall } from './calls.js';
import { answerQuery } from './queries.js';
import { interruptSendReceive, runSendReceive } from './receive.js';
import { ok, unwrapScriptOnStdin, withoutSudo, ZfsFailure } from './results.js';
import { FakeWorld } from './world.js';

export class FakeZfs extends FakeWorld implements CommandRunner {
  readonly calls: RecordedCall[] = [];
  private readonly failures: { match: (c: RecordedCall) => boolean; failure: Failure; times: number }[] = [];
  /** Called with each call after it is recorded and before it runs (to simulate concurrent changes). */
  beforeCall?: (c: RecordedCall) => void;
  /** Simulated duration of each call, in ms (0: resolve on the next microtask). */
  delayMs = 0;

  /** Makes the next `times` calls matching `match` fail. */
  failWhen(match: (c: RecordedCall) => boolean, failure: Failure, times = 1): this {
    this.failures.push({ match, failure, times });
    return this;
  }

  // ---- call log queries ----

  /** Every call in compact form (see describeCall). */
  log(): string[] {
    return this.calls.map(describeCall);
  }

  /** Calls that change ZFS state. */
  mutatingCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.stages.some(isMutatingCommand));
  }

  pipelines(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'pipeline');
  }

  // ---- CommandRunner ----

  async run(cmd: Command, opts: RunOptions = {}): Promise<CommandResult> {
    return this.execute({ kind: 'run', stages: [cmd], opts }, () => this.runOne(cmd));
  }

  async runPipeline(p: Pipeline, opts: RunOptions = {}): Promise<CommandResult> {
    return this.execute({ kind: 'pipeline', stages: p.stages, opts }, () => runSendReceive(this, p.stages));
  }

  private async execute(call: RecordedCall, body: () => CommandResult): Promise<CommandResult> {
    this.calls.push(call);
    this.beforeCall?.(call);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    else await Promise.resolve();
    let r: CommandResult;
    const i = this.failures.findIndex((f) => f.times > 0 && f.match(call));
    if (i >= 0) {
      const f = this.failures[i]!;
      f.times--;
      if (f.failure.error) throw f.failure.error;
      if (f.failure.interrupt) interruptSendReceive(this, call.stages);
      r = { exitCode: f.failure.exitCode ?? 1, stdout: '', stderr: f.failure.stderr ?? '' };
    } else {
      try {
        r = body();
      } catch (e) {
        if (!(e instanceof ZfsFailure)) throw e;
        r = { exitCode: e.exitCode, stdout: '', stderr: `${e.stderr}\n` };
      }
    }
    if (r.exitCode !== 0 && !call.opts.allowFailure) {
      throw new CommandFailedError(
        renderTest({ stages: call.stages }),
        r.exitCode,
        r.stderr,
        isRetryableFailure(r.exitCode, r.stderr),
      );
    }
    return r;
  }

  private runOne(cmd: Command): CommandResult {
    const a = withoutSudo(unwrapScriptOnStdin(cmd.argv));
    if (a[0] === 'zfs' && a[1] === 'program') {
      return bookmarkChannelProgram(this, cmd.place, a.slice(2));
    }
    if (a.length === 2 && a[0] === 'id' && a[1] === '-u') return ok(`${this.uid(cmd.place)}\n`);
    // The login probe of run/remote-probe.ts.
    if (a[0] === 'sh' && a[2] === 'id -u; printenv SHELL')
      return ok(`${this.uid(cmd.place)}\n${this.shell(cmd.place)}\n`);
    const sub = a[1] ?? '';
    const args = a.slice(2);
    const r =
      a[0] === 'zfs' && args.length > 0
        ? (answerQuery(this, cmd.place, sub, args) ?? applyAdmin(this, cmd.place, sub, args))
        : undefined;
    if (r === undefined) throw new Error(`fake: unexpected command ${a.join(' ')}`);
    return r;
  }
}
