/**
 * A launcher decorator that first has bzfs's own parser check a run's arguments, in-process. A run
 * bzfs would refuse is not started: its exit 2 would otherwise read like a monitoring CRITICAL, and
 * the refusal is the jobrunner's (or the spec's) fault, so it counts as an error (3) with bzfs's reason.
 */
import { checkBzfsArgs, toArgv, type BzfsArgsCheck, type Logger } from '@bzfs-ts/bzfs';
import type { Invocation } from '../expand/types.js';
import type { BzfsLauncher, LaunchOptions, LaunchResult } from './launcher.js';

export class PreflightLauncher implements BzfsLauncher {
  constructor(
    private readonly inner: BzfsLauncher,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly check: (argv: readonly string[]) => Promise<BzfsArgsCheck> = checkBzfsArgs,
  ) {}

  async launch(inv: Invocation, opts: LaunchOptions): Promise<LaunchResult> {
    const verdict = await this.check(toArgv(inv.options));
    if (verdict.ok) return this.inner.launch(inv, opts);
    this.logger.error(`usage error in ${inv.id}: ${verdict.message}`);
    return {
      timedOut: false,
      error: `bzfs refuses its arguments, not started: ${verdict.message}`,
      stderrTail: [],
    };
  }
}
