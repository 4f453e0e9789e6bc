import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SnapshotRef } from '../../model/snapshot.js';
import { planRetention } from './retention-plan.js';
import type { PruneCandidate, RetentionInput } from './types.js';

/** One destination snapshot and what the source has of it. */
interface Entry {
  readonly onSource: 'none' | 'snapshot' | 'bookmark' | 'both';
  readonly held: boolean;
  readonly selected: boolean;
}

const entry = fc.record({
  onSource: fc.constantFrom<Entry['onSource']>('none', 'snapshot', 'bookmark', 'both'),
  held: fc.boolean(),
  selected: fc.boolean(),
});
const scenario = fc.record({
  entries: fc.array(entry, { maxLength: 12 }),
  dummy: fc.boolean(),
  except: fc.boolean(),
  crosscheck: fc.boolean(),
  useBookmarks: fc.boolean(),
  force: fc.boolean(),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const ref = (kind: SnapshotRef['kind'], dataset: string, i: number): SnapshotRef => ({
  kind,
  dataset,
  name: `s${i}`,
  guid: String(9_000_000_000_000_000_000n + BigInt(i)),
  createtxg: BigInt(100 + i),
  creation: 1_700_000_000 + i,
});

function inputOf(sc: Scenario): RetentionInput {
  const dst: PruneCandidate[] = sc.entries.map((e, i) => ({
    ...ref('snapshot', 'p/dst', i),
    userrefs: e.held ? 2 : 0,
  }));
  const src = sc.entries.flatMap((e, i) => [
    ...(e.onSource === 'snapshot' || e.onSource === 'both' ? [ref('snapshot', 'p/src', i)] : []),
    ...(e.onSource === 'bookmark' || e.onSource === 'both' ? [ref('bookmark', 'p/src', i)] : []),
  ]);
  return {
    kind: 'snapshot',
    dst,
    source: sc.dummy ? { kind: 'dummy' } : { kind: 'dataset', entries: src },
    isSelected: (s) => sc.entries[Number(s.name.slice(1))]?.selected === true,
    options: {
      except: sc.except,
      crosscheck: sc.crosscheck,
      useBookmarks: sc.useBookmarks,
      forceDeleteLatestCommonSnapshot: sc.force,
    },
  };
}

/** The original bzfs's deletion set, written from its description (set algebra over GUIDs), holds removed. */
function originalDeletes(sc: Scenario): Set<number> {
  const protects = (e: Entry): boolean =>
    !sc.dummy &&
    e.onSource !== 'none' &&
    (sc.crosscheck || e.onSource === 'snapshot' || e.onSource === 'both');
  const out = new Set<number>();
  sc.entries.forEach((e, i) => {
    const goes =
      sc.except && !sc.dummy
        ? !(e.selected && protects(e))
        : (sc.except ? !e.selected : e.selected) && !protects(e);
    if (goes && !e.held) out.add(i);
  });
  return out;
}

/** Index of the newest destination snapshot replication would use as base, if any. */
function latestCommon(sc: Scenario): number | undefined {
  if (sc.dummy) return undefined;
  let found: number | undefined;
  sc.entries.forEach((e, i) => {
    if (
      e.onSource === 'snapshot' ||
      e.onSource === 'both' ||
      (sc.useBookmarks && e.onSource === 'bookmark')
    ) {
      found = i;
    }
  });
  return found;
}

describe('planRetention properties', () => {
  it("deletes the original's set, less the latest common snapshot unless forced", () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const expected = originalDeletes(sc);
        const common = latestCommon(sc);
        if (common !== undefined && !sc.force) expected.delete(common);
        const p = planRetention(inputOf(sc));
        expect(p.toDelete.map((s) => Number(s.name.slice(1)))).toEqual([...expected].sort((a, b) => a - b));
      }),
    );
  });

  it('never deletes a held snapshot; one decision per candidate; toDelete = the delete verdicts, oldest first', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const p = planRetention(inputOf(sc));
        expect(p.decisions).toHaveLength(sc.entries.length);
        expect(p.toDelete).toEqual(p.decisions.filter((d) => d.verdict === 'delete').map((d) => d.entry));
        expect(p.toDelete.every((s) => s.userrefs === 0)).toBe(true);
        const txgs = p.toDelete.map((s) => s.createtxg);
        expect(txgs).toEqual([...txgs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        // A skip is always explained by a safety rule, and only a forced deletion of the common one warns alike.
        for (const d of p.decisions) if (d.verdict === 'skip') expect(d.safety).toBeDefined();
      }),
    );
  });

  it('the standard mode never deletes an unselected snapshot, nor (with the cross-check) one the source has', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const p = planRetention(inputOf({ ...sc, except: false }));
        for (const s of p.toDelete) {
          const e = sc.entries[Number(s.name.slice(1))] as Entry;
          expect(e.selected).toBe(true);
          if (!sc.dummy && sc.crosscheck) expect(e.onSource).toBe('none');
        }
      }),
    );
  });
});
