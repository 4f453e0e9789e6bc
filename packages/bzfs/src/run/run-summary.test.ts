import { describe, expect, it } from '@jest/globals';
import { runSummaryLine } from './run-summary.js';

const totals = (o: Partial<Parameters<typeof runSummaryLine>[0]> = {}) => ({
  datasets: 0,
  replicated: 0,
  steps: 0,
  estimatedSteps: 0,
  bytes: 0,
  ...o,
});

describe('runSummaryLine: the exact text', () => {
  it.each([
    [
      'a no-op run over 100 datasets',
      totals({ datasets: 100 }),
      2_500,
      'Run summary: 0/100 datasets replicated, 0 send steps, 0 B estimated in 2.5s (0 B/s)',
    ],
    [
      'every step estimated',
      totals({ datasets: 3, replicated: 2, steps: 4, estimatedSteps: 4, bytes: 1.5 * 2 ** 30 }),
      12_300,
      'Run summary: 2/3 datasets replicated, 4 send steps, 1.5 GiB estimated in 12.3s (125 MiB/s)',
    ],
    [
      'one step, estimated',
      totals({ datasets: 1, replicated: 1, steps: 1, estimatedSteps: 1, bytes: 24 * 1024 }),
      1_000,
      'Run summary: 1/1 datasets replicated, 1 send step, 24 KiB estimated in 1s (24 KiB/s)',
    ],
    [
      'only some steps estimated: a lower bound',
      totals({ datasets: 2, replicated: 2, steps: 3, estimatedSteps: 1, bytes: 2 ** 20 }),
      90_000,
      'Run summary: 2/2 datasets replicated, 3 send steps, at least 1 MiB estimated in 1.5m (11.4 KiB/s)',
    ],
    [
      'no step estimated: no size is made up',
      totals({ datasets: 5, replicated: 5, steps: 5 }),
      7_200_000,
      'Run summary: 5/5 datasets replicated, 5 send steps (sizes not estimated) in 2h',
    ],
    [
      'no time elapsed (a fake clock): the rate is 0, never a division by zero',
      totals({ datasets: 1, replicated: 1, steps: 1, estimatedSteps: 1, bytes: 100 }),
      0,
      'Run summary: 1/1 datasets replicated, 1 send step, 100 B estimated in 0s (0 B/s)',
    ],
  ])('%s', (_why, t, elapsedMs, line) => {
    expect(runSummaryLine(t, elapsedMs)).toBe(line);
  });
});
