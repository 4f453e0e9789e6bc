import type { BzfsConfig } from '../config/types.js';
import type { MonitorSettings } from '../config/lifecycle.js';
import { isDummy } from '../model/dummy.js';
import { checkMessage, worstAlert } from '../plan/monitor/alert.js';
import { planMonitorChecks, type MonitorCheck } from '../plan/monitor/checks.js';
import type { TaskContext } from './context.js';
import { endpointLabel } from './endpoint-label.js';
import { listMonitoredSide, type MonitoredSide } from './monitor-listing.js';
import { registerTask, type PairListing } from './pair-task.js';

/**
 * The monitor task (--monitor-snapshots), last of a pair: on both sides (a `dummy` one has nothing to check),
 * the age of each selected dataset's latest and oldest snapshot per label against the rules' limits. The
 * planner (plan/monitor/) decides every verdict; this lists, logs each verdict, and reports the worst alert
 * that counts for the exit code.
 */
interface MonitorTaskPlan {
  readonly sides: readonly MonitoredSide[];
}

export const monitorTask = registerTask<MonitorTaskPlan>({
  name: 'monitor',
  enabled: (cfg) => cfg.monitor !== undefined,
  plan: (_cfg, listing) => {
    const { src, dst } = listing.pair;
    const sides: MonitoredSide[] = [];
    if (!isDummy(src.dataset))
      sides.push({ side: 'src', endpoint: src, tree: listing.src.map((d) => d.name) });
    if (!isDummy(dst.dataset)) sides.push({ side: 'dst', endpoint: dst });
    return { sides };
  },
  execute: async (plan, ctx, listing) => {
    const settings = settingsOf(ctx.cfg);
    for (const s of ['src', 'dst'] as const)
      if (!plan.sides.some((x) => x.side === s))
        ctx.log.debug(`--monitor-snapshots: the ${s} is dummy: not checked`);
    const sides = await liveChecks(plan, ctx);
    for (const { side, checks } of sides) {
      for (const c of checks) {
        logCheck(ctx, c);
        // The check's own severity: --monitor-snapshots-dont-warn/-dont-crit change the exit code, not the facts.
        ctx.recorder.checked(side, c.dataset, STATUS[c.severity]);
      }
    }
    const all = sides.flatMap((s) => s.checks);
    ctx.log.info(summary(listing, sides, all));
    const alert = worstAlert(all, settings);
    return { failures: [], ...(alert && { alert }) };
  },
  explain: async (plan, ctx) => {
    const sides = await liveChecks(plan, ctx);
    const checks = sides.flatMap(({ side, checks }) =>
      checks.map((c) => ({
        side,
        dataset: c.dataset,
        label: c.label,
        kind: c.kind,
        snapshot: c.snapshot ?? null,
        ageMs: Number.isFinite(c.ageMs) ? c.ageMs : null,
        limitMs: c.limitMs,
        severity: c.severity,
      })),
    );
    return { doc: { checks }, failed: false };
  },
});

const STATUS = { OK: 0, WARNING: 1, CRITICAL: 2 } as const;

function settingsOf(cfg: BzfsConfig): MonitorSettings {
  if (cfg.monitor === undefined) throw new Error('the monitor task runs only with cfg.monitor');
  return cfg.monitor;
}

/** Both sides listed at once; the checks of each planned against the run's clock. */
async function liveChecks(plan: MonitorTaskPlan, ctx: TaskContext) {
  const { rules } = settingsOf(ctx.cfg);
  return Promise.all(
    plan.sides.map(async (s) => {
      const datasets = await listMonitoredSide(ctx, s);
      return {
        side: s.side,
        datasets: datasets.length,
        checks: planMonitorChecks({ rules, datasets, nowMs: ctx.nowMs }),
      };
    }),
  );
}

/** OK only at -v; a WARNING as a warning, a CRITICAL as an error (as the original logs them). */
function logCheck(ctx: TaskContext, c: MonitorCheck): void {
  const line = checkMessage(c);
  if (c.severity === 'CRITICAL') ctx.log.error(line);
  else if (c.severity === 'WARNING') ctx.log.warn(line);
  else ctx.log.debug(line);
}

function summary(
  listing: PairListing,
  sides: readonly { readonly datasets: number }[],
  checks: readonly MonitorCheck[],
): string {
  const count = (s: MonitorCheck['severity']) => checks.filter((c) => c.severity === s).length;
  const datasets = sides.reduce((n, s) => n + s.datasets, 0);
  return (
    `--monitor-snapshots done: ${endpointLabel(listing.pair.src)} --> ${endpointLabel(listing.pair.dst)} ` +
    `[${datasets} datasets; ${checks.length} checks: ${count('OK')} OK, ${count('WARNING')} WARNING, ` +
    `${count('CRITICAL')} CRITICAL]`
  );
}
