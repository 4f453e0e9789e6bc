import { LOCAL, type Command, type Pipeline, type Place } from '../exec/runner.js';
import { samePlace } from '../exec/ssh.js';
import { planTransfer, type HelperSets, type LinkKind, type StageSide } from '../plan/transfer-pipeline.js';
import { r2rCommand, resolveR2r } from '../plan/transfer-r2r.js';
import type { TaskContext } from './context.js';
import { detectHelpers, hostLabel, wantedHelpers } from './transfer-helpers.js';

/**
 * The executor side of the transfer pipeline: gathers what the planners need (the link, each host's helpers), asks
 * them, and turns their stages into the Pipeline the runner starts. No policy here: that is plan/transfer-*.ts.
 */

export function linkOf(send: Command, receive: Command): LinkKind {
  const src = send.place.ssh;
  const dst = receive.place.ssh;
  if (src === undefined) return dst === undefined ? 'local' : 'push';
  if (dst === undefined) return 'pull';
  return samePlace(send, receive) ? 'same-remote' : 'pull-push';
}

/** Whether a step needs the size estimate beyond the report: some helper could be used. */
export function pipelineWanted(ctx: TaskContext): boolean {
  return wantedHelpers(ctx.cfg.transfer).length > 0;
}

export async function transferPipeline(
  ctx: TaskContext,
  send: Command,
  receive: Command,
  estimatedBytes: number | undefined,
): Promise<Pipeline> {
  const s = ctx.cfg.transfer;
  const names = wantedHelpers(s);
  if (names.length === 0) return { stages: [send, receive] };
  const link = linkOf(send, receive);
  const places: Record<StageSide, Place> = { src: send.place, dst: receive.place, local: LOCAL };
  const [src, dst, local] = await Promise.all(
    (['src', 'dst', 'local'] as const).map((side) =>
      // This host is asked only where something could run on it between the two ends.
      side === 'local' && link !== 'pull-push'
        ? Promise.resolve(new Set<string>())
        : detectHelpers(ctx, places[side], names),
    ),
  );
  const helpers: HelperSets = { src: src!, dst: dst!, local: local! };
  const targets = { src: send.place.ssh, dst: receive.place.ssh };
  const r2r = resolveR2r(s.r2r, link, helpers, targets);
  if (r2r.fallback !== undefined) ctx.log.warn(r2r.fallback);
  const plan = planTransfer({
    settings: s,
    link,
    helpers,
    estimatedBytes,
    direct: r2r.mode !== 'off',
    send: send.argv,
    receive: receive.argv,
  });
  const skipped = plan.skipped.filter((k) => k.why !== 'missing');
  if (skipped.length > 0)
    ctx.log.debug(
      `Transfer without ${skipped.map((k) => `${k.helper} on ${hostLabel(places[k.side])} (${k.why})`).join(', ')}`,
    );
  if (r2r.mode !== 'off') {
    const near = r2r.mode === 'pull' ? targets.src : targets.dst;
    const c = r2rCommand(r2r.mode, plan, near!);
    return { stages: [{ place: places[c.side], argv: c.argv, changesState: receive.changesState }] };
  }
  return {
    stages: plan.stages.map((st) => ({
      place: places[st.side],
      argv: st.argv,
      changesState:
        st.role === 'receive' ? receive.changesState : st.role === 'send' ? send.changesState : false,
      // pv always runs on this host (plan/transfer-pipeline.ts pvSideOf).
      ...(st.role === 'pv' &&
        places[st.side].ssh === undefined &&
        ctx.pvLog !== undefined && { stderrFile: ctx.pvLog }),
    })),
  };
}
