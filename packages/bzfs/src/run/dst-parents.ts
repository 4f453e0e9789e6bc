import { zfsCmd } from '../zfs/commands.js';
import { mutate, type TaskContext } from './context.js';
import type { DstPresence } from './dst-presence.js';

const parentOf = (ds: string) => ds.slice(0, Math.max(0, ds.lastIndexOf('/')));

/**
 * Creates the missing destination ancestors of `dstDs`, parents first, one `zfs create -u` each.
 * Only a --skip-missing-snapshots=continue dataset leaves its destination uncreated with children
 * to follow (the original creates it only once a descendant has something to receive); every
 * other parent exists by the time its children run. Siblings run in parallel, so each creation
 * is shared through `ctx.dstCreations` and happens once; a failed one is forgotten, so that a
 * retry tries again.
 */
export async function ensureDstParents(
  ctx: TaskContext,
  dstDs: string,
  presence: DstPresence | undefined,
): Promise<void> {
  const parent = parentOf(dstDs);
  // A pool is never created: the pair's ancestor plan has refused a missing one already.
  if (parent.includes('/')) await ensureExists(ctx, parent, presence);
}

function ensureExists(ctx: TaskContext, ds: string, presence: DstPresence | undefined): Promise<void> {
  let p = ctx.dstCreations.get(ds);
  if (p === undefined) {
    p = createIfMissing(ctx, ds, presence);
    ctx.dstCreations.set(ds, p);
    void p.catch(() => ctx.dstCreations.delete(ds));
  }
  return p;
}

async function createIfMissing(ctx: TaskContext, ds: string, presence: DstPresence | undefined) {
  if (ctx.simulated.has(ds)) return;
  if (presence ? await presence.exists(ds) : await ctx.dst.exists(ds)) return;
  await ensureDstParents(ctx, ds, presence);
  if (await mutate(ctx, ctx.dst, zfsCmd.createUnmounted(ds))) presence?.created(ds);
  else ctx.simulated.add(ds);
}
