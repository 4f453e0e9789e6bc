/**
 * The prune guard at launch time: before a prune-src run starts (after the job's replications ran), it lists
 * the source and every destination that receives from it, asks the planner (plan.ts) which entries are some
 * destination's latest common base, logs each one, and adds them to the run's keep-filter
 * (BzfsOptions.keepSnapshotNames, a filter group of its own, so the plan keeps no less). Runs without a guard
 * pass straight through. If any tree cannot be listed the run is not started: deleting blind could cost a
 * destination its base and force a full resend.
 */
import { parseLocator, type Logger, type SnapshotRef } from '@bzfs-ts/bzfs';
import type { Side } from '../expand/locate.js';
import type { Invocation, PruneGuardSpec } from '../expand/types.js';
import type { BzfsLauncher, LaunchOptions, LaunchResult } from '../launch/launcher.js';
import { planGuard, type GuardPlan, type GuardTree } from './plan.js';

export interface ListRequest {
  readonly kinds: 'snapshot' | 'snapshot,bookmark';
  readonly recursive: boolean;
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
}

/** Port: the snapshots (and bookmarks) of a tree; [] when it does not exist; throws when it cannot be listed. */
export interface TreeLister {
  list(side: Side, req: ListRequest): Promise<readonly SnapshotRef[]>;
}

export class GuardedLauncher implements BzfsLauncher {
  constructor(
    private readonly inner: BzfsLauncher,
    private readonly lister: TreeLister,
    private readonly logger: Pick<Logger, 'info' | 'debug'>,
  ) {}

  async launch(inv: Invocation, opts: LaunchOptions): Promise<LaunchResult> {
    if (inv.guard === undefined) return this.inner.launch(inv, opts);
    const trees = await this.listTrees(inv.guard, opts);
    if (typeof trees === 'string') {
      return {
        timedOut: false,
        error: `${trees}; the prune was not started, no snapshot was deleted`,
        stderrTail: [],
      };
    }
    const plan = planGuard({ kind: inv.guard.kind, trees });
    this.logPlan(inv.id, plan);
    if (plan.names.length === 0) return this.inner.launch(inv, opts);
    const keepSnapshotNames = [...(inv.options.keepSnapshotNames ?? []), ...plan.names];
    return this.inner.launch({ ...inv, options: { ...inv.options, keepSnapshotNames } }, opts);
  }

  /** Every tree of the guard, listed; or what could not be listed. */
  private async listTrees(guard: PruneGuardSpec, opts: LaunchOptions): Promise<GuardTree[] | string> {
    const req = (kinds: ListRequest['kinds']): ListRequest => ({
      kinds,
      recursive: guard.recursive,
      signal: opts.signal,
      ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
    });
    const failures: string[] = [];
    const attempt = async (
      what: string,
      side: Side,
      kinds: ListRequest['kinds'],
    ): Promise<readonly SnapshotRef[]> => {
      try {
        return await this.lister.list(side, req(kinds));
      } catch (e) {
        failures.push(`cannot list ${what} ${side.locator}: ${e instanceof Error ? e.message : String(e)}`);
        return [];
      }
    };
    const trees = await Promise.all(
      guard.trees.map(async (t): Promise<GuardTree> => {
        const [src, ...dsts] = await Promise.all([
          attempt('the source', t.src, 'snapshot,bookmark'),
          ...t.dsts.map((d) => attempt(`destination ${d.dstHost}`, d.side, 'snapshot')),
        ]);
        return {
          srcRoot: datasetOf(t.src),
          src: src ?? [],
          dsts: t.dsts.map((d, i) => ({
            dstHost: d.dstHost,
            dstRoot: datasetOf(d.side),
            entries: dsts[i] ?? [],
          })),
        };
      }),
    );
    return failures.length > 0 ? failures.join('; ') : trees;
  }

  private logPlan(id: string, plan: GuardPlan): void {
    for (const k of plan.keep) {
      const mark = k.entry.kind === 'snapshot' ? '@' : '#';
      const by = k.heldBy.map((h) => `${h.dstHost} (${h.dstDataset})`).join(', ');
      this.logger.info(
        `${id}: keeping ${k.entry.dataset}${mark}${k.entry.name}: latest common snapshot with ${by}`,
      );
    }
    for (const n of plan.notes) {
      const why =
        n.reason === 'nothing-in-common'
          ? 'shares no snapshot with it (it needs a full send anyway)'
          : n.reason === 'base-is-bookmark'
            ? `has its base only as the bookmark #${n.base?.name ?? ''}, so no snapshot is held back`
            : `has its base ${n.base?.name ?? ''} as a snapshot without a bookmark, so no bookmark is held back`;
      this.logger.debug(
        `${id}: ${n.dstHost} (${n.dstDataset}) holds nothing of ${n.srcDataset} back: it ${why}`,
      );
    }
  }
}

const datasetOf = (side: Side): string => parseLocator(side.locator).dataset;
