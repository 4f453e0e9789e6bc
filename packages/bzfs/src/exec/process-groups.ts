/**
 * The process groups of bzfs's children. Every child is started in a group of its own
 * (execa-runner.ts spawns it detached), so that a stop reaches its descendants too: a `zfs`
 * wrapper's child or an ssh ProxyCommand would otherwise keep running and keep the pipes open,
 * and bzfs would wait for them forever. The price: a terminal's Ctrl-C reaches only bzfs, which
 * forwards it (main.ts).
 *
 * A group stays listed until it is empty, and whatever is listed when bzfs exits, by any path
 * short of SIGKILL, is killed: no child group outlives bzfs.
 */
const live = new Set<number>();
let exitHookInstalled = false;

export function trackGroup(pgid: number): void {
  live.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => killLiveGroups('SIGKILL'));
  }
}

/** Signals every process of the group; false once the group is empty. */
export function killGroup(pgid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, sig);
    return true;
  } catch (e) {
    // EPERM: only members we may not signal are left (e.g. root's zfs under our sudo); they exist.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Forgets a finished command's group, unless something it left behind still lives in it. */
export function releaseGroup(pgid: number): void {
  if (!killGroup(pgid, 0)) live.delete(pgid);
}

/** Signals every group not yet known to be empty (used at exit and on a second SIGINT/SIGTERM). */
export function killLiveGroups(sig: NodeJS.Signals): void {
  for (const pgid of live) if (!killGroup(pgid, sig)) live.delete(pgid);
}
