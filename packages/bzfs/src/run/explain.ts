import type { BzfsConfig, Endpoint } from '../config/types.js';
import { messageOf } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { enabledTasks, listPair, pairContext, type RunDeps } from './pair-pipeline.js';

/** The document `bzfs --explain` prints (schema/explain.schema.json). */
export interface ExplainDocument {
  readonly explainVersion: 1;
  readonly pairs: readonly ExplainedPair[];
}

interface ExplainedPair {
  readonly src: EndpointDoc;
  readonly dst: EndpointDoc;
  /** Each enabled task's description of its plan, keyed by task name. */
  readonly tasks: Readonly<Record<string, unknown>>;
  readonly error: string | null;
}

interface EndpointDoc {
  readonly dataset: string;
  readonly host: string | null;
  readonly user: string | null;
  readonly port: number | null;
}

/**
 * --explain: for every pair, the same listing and planners as a run, but each task describes its
 * plan instead of carrying it out. The runner refuses any state-changing command (main.ts wires
 * the decorator with policy `refuse`), so a mistake here fails loudly instead of changing ZFS.
 * Exit 0 when every plan could be made, even if a plan is a conflict: the conflict is data here.
 */
export async function explainAll(
  cfg: BzfsConfig,
  deps: RunDeps,
): Promise<{ code: ExitCode; doc: ExplainDocument }> {
  const force = { used: false };
  const nowMs = deps.clock.wallMs();
  const pairs: ExplainedPair[] = [];
  let failed = false;
  for (const pair of cfg.pairs) {
    const tasks: Record<string, unknown> = {};
    let error: string | null = null;
    try {
      const ctx = await pairContext(cfg, pair, deps, force, nowMs);
      const enabled = enabledTasks(cfg);
      const listing = enabled.length > 0 ? await listPair(ctx, pair) : undefined;
      for (const t of enabled) {
        const e = await t.explain(ctx, listing!);
        tasks[t.name] = e.doc;
        failed ||= e.failed;
      }
    } catch (e) {
      error = messageOf(e);
      deps.log.error(error);
      failed = true;
    }
    pairs.push({ src: endpointDoc(pair.src), dst: endpointDoc(pair.dst), tasks, error });
  }
  return { code: failed ? ExitCode.ERROR : ExitCode.OK, doc: { explainVersion: 1, pairs } };
}

function endpointDoc(e: Endpoint): EndpointDoc {
  return {
    dataset: e.dataset,
    host: e.ssh?.host ?? null,
    user: e.ssh?.user ?? null,
    port: e.ssh?.port ?? null,
  };
}
