/**
 * Which local pools exist. A destination on a removable drive that is not attached should be skipped
 * with a warning, not fail every night; remote pools are assumed to exist (the remote bzfs run reports
 * a missing one).
 */
import { execa } from 'execa';

export async function findMissingLocalPools(
  pools: readonly string[],
  timeoutMs?: number,
): Promise<Set<string>> {
  if (pools.length === 0) return new Set();
  const r = await execa('zfs', ['list', '-H', '-o', 'name', '-t', 'filesystem,volume', '--', ...pools], {
    reject: false,
    stdin: 'ignore',
    ...(timeoutMs !== undefined && { timeout: timeoutMs }),
  });
  // zfs exits 1 when some of the named datasets do not exist, and still lists the others.
  if (r.exitCode !== 0 && r.exitCode !== 1) {
    throw new Error(`cannot check local pools ${pools.join(', ')}: ${r.shortMessage}`);
  }
  const present = new Set(
    String(r.stdout)
      .split('\n')
      .filter((l) => l !== ''),
  );
  return new Set(pools.filter((p) => !present.has(p)));
}
