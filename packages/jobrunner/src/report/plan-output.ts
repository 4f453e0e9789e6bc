/**
 * What `--jobrunner-dryrun` prints (a readable plan, or with `--json` a machine-readable one) and what
 * `--json` prints after a real run. Pure: returns text.
 */
import { shellJoin, toArgv } from '@bzfs-ts/bzfs';
import type { Expansion, PruneGuardSpec } from '../expand/types.js';
import type { RunSummary } from '../schedule/run-all.js';

export interface PlanHeader {
  readonly jobId: string;
  readonly jobRun: string;
  readonly localhost: string;
  readonly totalSrcHosts: number;
  readonly totalDstHosts: number;
}

export function planText(h: PlanHeader, e: Expansion): string {
  const lines = [
    `Job ${h.jobId} (run ${h.jobRun} on ${h.localhost}): ${e.invocations.length} runs for ` +
      `${e.srcHosts.length}/${h.totalSrcHosts} source hosts [${e.srcHosts.join(', ')}] and ` +
      `${e.dstHosts.length}/${h.totalDstHosts} destination hosts [${e.dstHosts.join(', ')}]`,
  ];
  for (const inv of e.invocations) {
    const after = inv.after.length === 0 ? '' : `   (after ${inv.after.join(', ')})`;
    lines.push(
      `${String(inv.seq).padStart(6, '0')} ${inv.id}${after}`,
      `       ${shellJoin(['bzfs', ...toArgv(inv.options)])}`,
    );
    if (inv.guard !== undefined) lines.push(`       ${guardNote(inv.guard)}`);
  }
  for (const s of e.skipped) {
    lines.push(
      `skipped ${[s.srcHost, s.action, s.dstHost].filter((x) => x !== undefined).join('/')}: ${s.reason}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function planJson(h: PlanHeader, e: Expansion): string {
  const doc = {
    jobId: h.jobId,
    jobRun: h.jobRun,
    localhost: h.localhost,
    srcHosts: e.srcHosts,
    dstHosts: e.dstHosts,
    runs: e.invocations.map((inv) => ({
      seq: inv.seq,
      id: inv.id,
      action: inv.action,
      srcHost: inv.srcHost,
      dstHost: inv.dstHost ?? null,
      after: inv.after,
      argv: ['bzfs', ...toArgv(inv.options)],
      options: inv.options,
      ...(inv.guard && { pruneGuard: guardNote(inv.guard) }),
    })),
    skipped: e.skipped.map((s) => ({ ...s, dstHost: s.dstHost ?? null })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** The guard lists at run time only, so a dry run shows what it will consult, not what it will keep. */
function guardNote(g: PruneGuardSpec): string {
  const hosts = [...new Set(g.trees.flatMap((t) => t.dsts.map((d) => d.dstHost)))];
  const of =
    hosts.length === 0 ? 'no destination receives from this host' : `destinations ${hosts.join(', ')}`;
  return `(prune guard, applied at run time: also keeps the latest common ${g.kind} of each of ${of})`;
}

export function resultsJson(h: PlanHeader, summary: RunSummary): string {
  const doc = {
    jobId: h.jobId,
    jobRun: h.jobRun,
    exitCode: summary.exitCode,
    runs: summary.records.map((r) => ({
      id: r.inv.id,
      action: r.inv.action,
      srcHost: r.inv.srcHost,
      dstHost: r.inv.dstHost ?? null,
      status: r.status,
      ...(r.status === 'skipped'
        ? { reason: r.reason }
        : {
            exitCode: r.exitCode,
            durationMs: Math.round(r.durationMs),
            timedOut: r.result.timedOut,
            logFile: r.result.logFile ?? null,
          }),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
