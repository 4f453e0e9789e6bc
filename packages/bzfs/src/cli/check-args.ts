/**
 * "Would bzfs accept these arguments?", answered by bzfs's own parser without running anything: the
 * jobrunner asks before it launches a run, so a run bzfs would refuse is reported as a usage error
 * instead of starting a process whose exit 2 could be mistaken for a monitoring alert. Parsing reads
 * no files except `+FILE` argument files (with the same trust checks as a real run) and touches no ZFS.
 */
import { availableParallelism, homedir } from 'node:os';
import { readTrustedTextFile } from '../infra/trusted-file.js';
import { parseCli } from './args.js';

export type BzfsArgsCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export async function checkBzfsArgs(argv: readonly string[]): Promise<BzfsArgsCheck> {
  try {
    const parsed = await parseCli(argv, {
      home: homedir(),
      cpus: availableParallelism(),
      readArgumentFile: (path) => readTrustedTextFile(path),
    });
    // --help or --version: bzfs would print and exit 0 without doing the run's work.
    if (parsed.config === undefined)
      return { ok: false, message: 'the arguments ask for output (--help or --version), not a run' };
    return { ok: true };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
