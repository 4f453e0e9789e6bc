import { describe, it, expect } from '@jest/globals';
import { runAll } from '../schedule/run-all.js';
import type { Invocation } from '../expand/types.js';
import type { BzfsLauncher, LaunchResult } from './launcher.js';
import { PreflightLauncher } from './preflight.js';
import { silentLogger } from '../../test/support/silent-logger.js';

function inv(
  id: string,
  options: Invocation['options'],
  action: Invocation['action'] = 'replicate',
): Invocation {
  return { seq: 0, id, action, srcHost: 'h1', after: [], options };
}

const valid = inv('h1/replicate/d1', { datasetPairs: [{ src: 'h1:tank/a', dst: 'd1:bak/a' }] });
// bzfs takes SRC DST pairs: a run with a lone dataset is refused by its parser.
const lonePair = inv(
  'h1/monitor-dst-snapshots/d1',
  { datasetPairs: [], extraArgs: ['tank/a'] },
  'monitor-dst-snapshots',
);

function recording(exitCode = 0): { launcher: BzfsLauncher; started: string[] } {
  const started: string[] = [];
  const launcher: BzfsLauncher = {
    launch: async (i): Promise<LaunchResult> => {
      started.push(i.id);
      return { exitCode, timedOut: false, stderrTail: [] };
    },
  };
  return { launcher, started };
}

const signal = new AbortController().signal;

describe('PreflightLauncher', () => {
  it("launches a run that bzfs's parser accepts, and returns the inner result", async () => {
    const { launcher, started } = recording(1);
    const errors: string[] = [];
    const r = await new PreflightLauncher(launcher, { error: (m) => errors.push(m) }).launch(valid, {
      signal,
    });
    expect(started).toEqual([valid.id]);
    expect(r.exitCode).toBe(1);
    expect(errors).toEqual([]);
  });

  it("does not launch a refused run, logs the usage error with the run id and bzfs's message", async () => {
    const { launcher, started } = recording();
    const errors: string[] = [];
    const r = await new PreflightLauncher(launcher, { error: (m) => errors.push(m) }).launch(lonePair, {
      signal,
    });
    expect(started).toEqual([]);
    expect(r.exitCode).toBeUndefined();
    expect(errors).toEqual([
      'usage error in h1/monitor-dst-snapshots/d1: expected SRC_DATASET DST_DATASET pairs, got 1 dataset argument(s)',
    ]);
    expect(r.error).toMatch(/^bzfs refuses its arguments, not started: expected SRC_DATASET/);
  });

  it('checks exactly the argv the run would get', async () => {
    const seen: (readonly string[])[] = [];
    const { launcher } = recording();
    const check = async (argv: readonly string[]) => (seen.push(argv), { ok: false as const, message: 'no' });
    await new PreflightLauncher(launcher, silentLogger, check).launch(valid, { signal });
    expect(seen).toEqual([['--', 'h1:tank/a', 'd1:bak/a']]);
  });

  it('a refused monitor run counts as ERROR (3) in the job, never as CRITICAL (2), and the others still run', async () => {
    const { launcher, started } = recording();
    const summary = await runAll(
      [valid, lonePair],
      { workers: 2, workPeriodMs: 0, jitter: false, rng: () => 0 },
      {
        launcher: new PreflightLauncher(launcher, silentLogger),
        clock: { now: () => 0, sleep: async () => {} },
        logger: silentLogger,
      },
    );
    expect(started).toEqual([valid.id]);
    expect(summary.exitCode).toBe(3);
    expect(
      summary.records.map((r) => [r.inv.id, r.status, r.status === 'skipped' ? undefined : r.exitCode]),
    ).toEqual([
      [valid.id, 'succeeded', 0],
      [lonePair.id, 'failed', 3],
    ]);
  });
});
