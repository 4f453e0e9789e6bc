/**
 * The contract on real ZFS: every scenario of test/support/contract/ gives, on a real pool, the
 * results the unit tier gets from the fake ZFS (src/zfs/contract.test.ts). When this fails and
 * the unit tier passes, the fake has drifted from ZFS (or ZFS changed): fix the fake.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectedResults, runScenario, type StepResult } from '../support/contract/run-scenario.js';
import { SCENARIOS } from '../support/contract/scenarios.js';
import { createPool, destroyPool } from './harness.js';
import { ZfsShell, zfsWorld } from './contract-guest.js';

const POOL = 'bzct_a';
/**
 * Scenarios are independent (each has its own root dataset), and under emulation every zfs
 * command costs a good part of a second: a few run side by side. Each result is still
 * deterministic: txgs are compared by rank within one dataset, which only its scenario changes.
 */
const SHELLS = 3;

describe('contract: real ZFS answers every scenario as the fake ZFS does', () => {
  const shells: ZfsShell[] = [];
  const results = new Map<string, StepResult[] | { failed: unknown }>();

  beforeAll(async () => {
    await createPool(POOL);
    for (let i = 0; i < SHELLS; i++) shells.push(new ZfsShell());
    const queue = [...SCENARIOS];
    await Promise.all(
      shells.map(async (shell) => {
        const world = zfsWorld(shell, POOL);
        for (let s = queue.shift(); s !== undefined; s = queue.shift())
          results.set(s.id, await runScenario(world, s).catch((e: unknown) => ({ failed: e })));
      }),
    );
  }, 600_000);

  afterAll(async () => {
    await Promise.all(shells.map((s) => s.close()));
    await destroyPool(POOL);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (id, s) => {
    const r = results.get(id);
    if (r !== undefined && 'failed' in r) throw r.failed;
    expect(r).toEqual(expectedResults(s));
  });
});
