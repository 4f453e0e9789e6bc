import { describe, expect, it } from '@jest/globals';
import type { SnapshotRef } from '../model/snapshot.js';
import { incrementalSendSteps, snapshotsCarried } from './send-steps.js';
import { exceptPrefix, renderSteps, short, snaps } from '../../test/support/test-dsl.js';
import type { SendStep } from './types.js';

/** Snapshots whose name starts with `h` (hourlies) are excluded; everything else is selected. */
const noHourlies = exceptPrefix('h');

function plan(spec: string, noStream = false): string[] {
  const [baseSpec, ...laterSpecs] = spec.split(/\s+/).filter((x) => x !== '' && x !== '|');
  const list = snaps(baseSpec as string, ...laterSpecs);
  const [base, ...later] = list;
  return renderSteps(incrementalSendSteps(base as SnapshotRef, later, noHourlies, { noStream }));
}

describe('incrementalSendSteps', () => {
  const cases: ReadonlyArray<[string, string[]]> = [
    // nothing to send
    ['d1 |', []],
    ['d1 | h1', []],
    ['d1 | h1 h2 h3', []],
    ['#b0 | h1', []],
    // runs directly after the base
    ['d1 | d2', ['-i d1 d2']],
    ['d1 | d2 d3', ['-I d1 d3']],
    ['d1 | d2 d3 d4 d5', ['-I d1 d5']],
    // excluded newest snapshots are simply not sent
    ['d1 | d2 h1', ['-i d1 d2']],
    ['d1 | d2 d3 h1 h2', ['-I d1 d3']],
    // excluded intermediates are jumped with -i
    ['d1 | h1 d2', ['-i d1 d2']],
    ['d1 | h1 h2 d2', ['-i d1 d2']],
    ['d1 | h1 d2 d3 d4', ['-i d1 d2', '-I d2 d4']],
    ['d1 | d2 h1 d3', ['-i d1 d2', '-i d2 d3']],
    ['d1 | d2 d3 h1 d4', ['-I d1 d3', '-i d3 d4']],
    ['d1 | d2 d3 h1 d4 d5', ['-I d1 d3', '-i d3 d4', '-i d4 d5']],
    ['d1 | d2 d3 h1 d4 d5 d6', ['-I d1 d3', '-i d3 d4', '-I d4 d6']],
    ['d1 | h1 h2 d2 h3 d3 d4 h4', ['-i d1 d2', '-i d2 d3', '-i d3 d4']],
    ['d1 | d2 h1 h2 d3 d4 d5 h3 d6', ['-i d1 d2', '-i d2 d3', '-I d3 d5', '-i d5 d6']],
    ['d1 | h1 d2 h2 d3 h3 d4 h4', ['-i d1 d2', '-i d2 d3', '-i d3 d4']],
    // an excluded base is fine (latest common need not be selected)
    ['h0 | d1 d2', ['-I h0 d2']],
    ['h0 | h1 d1 d2', ['-i h0 d1', '-i d1 d2']],
    // bookmark base: the first step is always -i
    ['#b0 | d1', ['-i #b0 d1']],
    ['#b0 | d1 d2', ['-i #b0 d1', '-i d1 d2']],
    ['#b0 | d1 d2 d3', ['-i #b0 d1', '-I d1 d3']],
    ['#b0 | h1 d1 d2 d3', ['-i #b0 d1', '-I d1 d3']],
    ['#b0 | d1 h1 d2', ['-i #b0 d1', '-i d1 d2']],
    ['#b0 | d1 d2 h1', ['-i #b0 d1', '-i d1 d2']],
    // bookmarks inside `later` are ignored (they are neither sent nor break a -I run)
    ['d1 | d2 #d2 d3', ['-I d1 d3']],
    ['d1 | #x1 d2', ['-i d1 d2']],
    ['d1 | #x1', []],
    ['#b0 | #b1 d1 d2 d3', ['-i #b0 d1', '-I d1 d3']],
  ];
  it.each(cases)('%s → %j', (spec, expected) => {
    expect(plan(spec)).toEqual(expected);
  });

  const noStreamCases: ReadonlyArray<[string, string[]]> = [
    ['d1 |', []],
    ['d1 | h1', []],
    ['d1 | d2', ['-i d1 d2']],
    ['d1 | d2 d3 d4', ['-i d1 d4']],
    ['d1 | d2 h1 d3 h2', ['-i d1 d3']],
    ['d1 | h1 h2 d2', ['-i d1 d2']],
    ['#b0 | d1 d2', ['-i #b0 d2']],
    ['d1 | d2 #d2', ['-i d1 d2']],
  ];
  it.each(noStreamCases)('noStream %s → %j', (spec, expected) => {
    expect(plan(spec, true)).toEqual(expected);
  });

  it('keeps the SnapshotRef objects it was given', () => {
    const [base, a, b] = snaps('d1', 'd2', 'd3') as [SnapshotRef, SnapshotRef, SnapshotRef];
    const steps = incrementalSendSteps(base, [a, b], () => true, { noStream: false });
    expect(steps).toEqual([{ kind: 'incremental', flag: '-I', from: base, to: b }]);
    expect(steps[0]?.kind === 'incremental' && steps[0].from).toBe(base);
  });

  it('asks isSelected about snapshots only', () => {
    const [base, ...later] = snaps('d1', '#b1', 'd2');
    const seen: string[] = [];
    incrementalSendSteps(base as SnapshotRef, later, (s) => (seen.push(short(s)), true), { noStream: false });
    expect(seen).toEqual(['d2']);
  });
});

describe('incrementalSendSteps is optimal (randomised, checked against a brute-force search)', () => {
  /** Fewest steps by breadth-first search over "which snapshot is the current base". */
  function bruteForceMin(baseIsBookmark: boolean, sel: boolean[]): number {
    const n = sel.length;
    const last = sel.lastIndexOf(true);
    if (last < 0) return 0;
    const dist = new Map<number, number>([[-1, 0]]);
    const queue = [-1];
    while (queue.length > 0) {
      const cur = queue.shift() as number;
      const d = dist.get(cur) as number;
      if (cur === last) return d;
      for (let j = cur + 1; j < n; j++) {
        if (!sel[j]) continue;
        const between = sel.slice(cur + 1, j);
        const canI = between.every((x) => !x); // -i skips everything in between
        const canCapI = j - cur > 1 && between.every((x) => x) && !(cur === -1 && baseIsBookmark);
        if ((canI || canCapI) && !dist.has(j)) {
          dist.set(j, d + 1);
          queue.push(j);
        }
      }
    }
    throw new Error('unreachable');
  }

  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  it('carries exactly the selected snapshots, as a chain, in the fewest steps', () => {
    for (let iter = 0; iter < 400; iter++) {
      const n = Math.floor(rand() * 12);
      const baseIsBookmark = rand() < 0.3;
      const names = Array.from({ length: n }, (_, k) => (rand() < 0.6 ? `d${k}` : `h${k}`));
      const [base, ...later] = snaps(baseIsBookmark ? '#base' : 'base', ...names) as [
        SnapshotRef,
        ...SnapshotRef[],
      ];
      const steps = incrementalSendSteps(base, later, noHourlies, { noStream: false });
      const sel = later.map(noHourlies);

      // chain: each step starts where the previous one ended
      let from: SnapshotRef = base;
      const carried: SnapshotRef[] = [];
      for (const st of steps as Extract<SendStep, { kind: 'incremental' }>[]) {
        expect(st.kind).toBe('incremental');
        expect(st.from).toBe(from);
        if (st.from.kind === 'bookmark') expect(st.flag).toBe('-i');
        const c = snapshotsCarried(st, later);
        if (st.flag === '-i') expect(c).toHaveLength(1);
        else expect(c.length).toBeGreaterThan(1);
        carried.push(...c);
        from = st.to;
      }
      expect(carried.map(short)).toEqual(later.filter(noHourlies).map(short));
      expect(steps).toHaveLength(bruteForceMin(baseIsBookmark, sel));
    }
  });
});

describe('snapshotsCarried', () => {
  const [base, d1, h1, d2, d3] = snaps('base', 'd1', 'h1', 'd2', 'd3') as SnapshotRef[] as [
    SnapshotRef,
    SnapshotRef,
    SnapshotRef,
    SnapshotRef,
    SnapshotRef,
  ];
  const later = [d1, h1, d2, d3];
  it('a full or -i step carries its target only', () => {
    expect(snapshotsCarried({ kind: 'full', to: d1 }, later)).toEqual([d1]);
    expect(snapshotsCarried({ kind: 'incremental', flag: '-i', from: base, to: d2 }, later)).toEqual([d2]);
    expect(snapshotsCarried({ kind: 'resume', token: 't', to: d2 }, later)).toEqual([d2]);
  });
  it('a -I step carries every snapshot after its base up to its target', () => {
    expect(snapshotsCarried({ kind: 'incremental', flag: '-I', from: base, to: d1 }, later)).toEqual([d1]);
    expect(snapshotsCarried({ kind: 'incremental', flag: '-I', from: base, to: d3 }, later)).toEqual([
      d1,
      h1,
      d2,
      d3,
    ]);
    expect(snapshotsCarried({ kind: 'incremental', flag: '-I', from: d1, to: d3 }, later)).toEqual([
      h1,
      d2,
      d3,
    ]);
  });
});
