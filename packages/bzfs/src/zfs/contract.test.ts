/**
 * The fake ZFS of the unit tier keeps the contract that test/integration/contract.itest.ts checks
 * against real ZFS: the same scenarios, the same expected results.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fakeWorld } from '../../test/support/contract/fake-world.js';
import { Normalizer, ranks, stderrClasses } from '../../test/support/contract/normalize.js';
import { BUILDERS_OF } from '../../test/support/contract/builders.js';
import { expectedResults, runScenario } from '../../test/support/contract/run-scenario.js';
import { SCENARIOS } from '../../test/support/contract/scenarios.js';
import { zfsCmd } from './commands.js';

describe('contract: the fake ZFS answers every scenario as real ZFS does', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', async (_id, s) => {
    expect(await runScenario(fakeWorld(), s)).toEqual(expectedResults(s));
  });
});

describe('contract: the scenarios', () => {
  it('run every zfs command builder bzfs has', () => {
    const run = new Set(
      SCENARIOS.flatMap((s) => [...s.setup, ...s.steps.map((st) => st.do)]).flatMap((op) =>
        'op' in op ? BUILDERS_OF[op.op] : [],
      ),
    );
    expect(Object.keys(zfsCmd).filter((b) => !run.has(b as keyof typeof zfsCmd))).toEqual([]);
  });

  it('have unique ids (each is the name of its root dataset)', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});

describe('contract: normalization', () => {
  it('ranks txgs densely, ties sharing a rank', () => {
    expect(ranks([10n, 10n, 11n, 40n])).toEqual([1, 1, 2, 3]);
    expect(ranks([])).toEqual([]);
  });

  it('ranks depend only on the order of the txgs, not on their values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 1n << 40n }), { maxLength: 12 }),
        fc.bigInt({ min: 0n, max: 1n << 50n }),
        (txgs, shift) => {
          const sorted = [...txgs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          const r = ranks(sorted);
          expect(ranks(sorted.map((t) => t * 3n + shift))).toEqual(r);
          // Non-decreasing from 1, each step at most 1.
          r.forEach((x, i) => expect(x - (i === 0 ? 1 : r[i - 1]!)).toBeGreaterThanOrEqual(0));
          r.forEach((x, i) => expect(x - (i === 0 ? 0 : r[i - 1]!)).toBeLessThanOrEqual(1));
        },
      ),
    );
  });

  it('makes names relative to the root, in names and in messages', () => {
    const n = new Normalizer('bzct_a/x');
    expect(n.rel('bzct_a/x')).toBe('.');
    expect(n.rel('bzct_a/x/dst@s1')).toBe('dst@s1');
    expect(n.rel('bzct_a/xy')).toBe('bzct_a/xy');
    expect(n.text("cannot open 'bzct_a/x/no': dataset does not exist")).toBe(
      "cannot open 'no': dataset does not exist",
    );
    expect(n.text("cannot destroy 'bzct_a/x'")).toBe("cannot destroy '.'");
  });

  it('names a GUID after the snapshot that made it, and flags a changed creation time', () => {
    const n = new Normalizer('p/r');
    n.learn([{ name: 'p/r/src@s1', guid: '42', creation: 7 }]);
    const ref = { kind: 'snapshot', dataset: 'p/r/dst', name: 's1', guid: '42', createtxg: 9n } as const;
    expect(
      n.snapshots([
        { ...ref, creation: 7 },
        { ...ref, kind: 'bookmark', creation: 8 },
      ]),
    ).toEqual(['@s1 src@s1 t1', '#s1 src@s1 t1 creation-changed']);
    expect(n.guid('43')).toBe('unknown guid 43');
  });

  it('classifies stderr as bzfs does', () => {
    expect(stderrClasses(1, "cannot open 'p/a': dataset does not exist\n")).toEqual(['dataset-missing']);
    expect(
      stderrClasses(1, 'checksum mismatch or incomplete stream.\nPartially received snapshot is saved.\n'),
    ).toEqual(['retryable']);
    expect(
      stderrClasses(1, "cannot rollback to 'p/a@s1': clones of previous snapshots exist\np/a/%recv\n"),
    ).toEqual(['stale-resume-state']);
    expect(stderrClasses(1, 'cannot receive: failed to read from stream\n')).toEqual([]);
  });
});
