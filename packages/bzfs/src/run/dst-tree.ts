import type { TaskContext } from './context.js';

/**
 * The destination tree as listed now (`zfs list [-r]`, parents first), without the trees whose destroy this dry run
 * only announced, so that a later task of the pair sees what a real run would leave (as the original does). []
 * when the root does not exist.
 */
export async function listDstTree(ctx: TaskContext, root: string): Promise<string[]> {
  const listed = await ctx.dst.listDatasets(root, ctx.cfg.selection.recursive);
  const gone = [...ctx.announcedDestroys];
  return listed.map((d) => d.name).filter((n) => !gone.some((g) => n === g || n.startsWith(`${g}/`)));
}
