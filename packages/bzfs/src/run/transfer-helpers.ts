import type { TransferSettings } from '../config/transfer.js';
import type { Place } from '../exec/runner.js';
import type { TaskContext } from './context.js';

/**
 * Which helper programs a host has: one `command -v` command per host per run, its answer shared by every step and
 * pair of the run (the cache lives as long as the run's TaskContexts share it).
 */

/** Place key → the helpers found there. */
export type HelperCache = Map<string, Promise<ReadonlySet<string>>>;

/** Fixed text; the names come in as "$@", never as part of the script. */
const DETECT = 'for p in "$@"; do command -v "$p" >/dev/null 2>&1 && printf "%s\\n" "$p"; done; exit 0';

/** The helpers worth asking for: the enabled ones, plus sh and ssh for --r2r. */
export function wantedHelpers(s: TransferSettings): string[] {
  const names = [s.compression?.program, s.mbuffer?.program, s.pv?.program].filter((n) => n !== undefined);
  return s.r2r === 'off' ? names : [...names, 'sh', 'ssh'];
}

export function hostLabel(place: Place): string {
  const t = place.ssh;
  if (t === undefined) return 'this host';
  return `host ${t.user === undefined ? '' : `${t.user}@`}${t.host}${t.port === undefined ? '' : `:${t.port}`}`;
}

/** The helpers among `names` found on the host of `place`; a host where the check fails has none. */
export function detectHelpers(
  ctx: TaskContext,
  place: Place,
  names: readonly string[],
): Promise<ReadonlySet<string>> {
  const key = JSON.stringify(place.ssh ?? null);
  let found = ctx.helperCache.get(key);
  if (found === undefined) {
    found = detect(ctx, place, names);
    ctx.helperCache.set(key, found);
  }
  return found;
}

async function detect(
  ctx: TaskContext,
  place: Place,
  names: readonly string[],
): Promise<ReadonlySet<string>> {
  const cmd = { place, argv: ['sh', '-c', DETECT, 'sh', ...names], changesState: false };
  const r = await ctx.runner.run(cmd, { signal: ctx.signal, allowFailure: true });
  const found = new Set(r.exitCode === 0 ? r.stdout.split('\n').filter((n) => names.includes(n)) : []);
  if (r.exitCode !== 0)
    ctx.log.debug(`Could not check for helper programs on ${hostLabel(place)}: ${r.stderr.trim()}`);
  for (const n of names) {
    if (!found.has(n))
      ctx.log.debug(`Helper ${n} not found on ${hostLabel(place)}: transfers there go without it`);
  }
  return found;
}
