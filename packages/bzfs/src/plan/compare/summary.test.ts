import { describe, expect, it } from '@jest/globals';
import { summaryLines } from './summary.js';
import type { CompareEntry, CompareLocation, CompareRow, DatasetComparison } from './types.js';

const row = (
  location: CompareLocation,
  name: string,
  creation: number,
  written: bigint | undefined,
): CompareRow => {
  const bookmark = name.startsWith('#');
  const root = location === 'dst' ? 'tank/dst' : 'tank/src';
  const entry: CompareEntry = {
    kind: bookmark ? 'bookmark' : 'snapshot',
    dataset: `${root}/foo`,
    name: name.slice(1),
    guid: String(creation),
    createtxg: BigInt(creation / 10),
    creation,
    written,
  };
  return { location, entry, rootDataset: root, relDataset: '/foo' };
};

// Oldest first: a source-only bookmark, two common snapshots, then one newer on each side only.
const ROWS = [
  row('src', '#old', 500, undefined),
  row('all', '@a', 1000, 1024n),
  row('all', '@b', 2000, 2048n),
  row('dst', '@d', 2500, 4096n),
  row('src', '@c', 3000, 512n),
];
const foo = (rows: readonly CompareRow[]): DatasetComparison => ({
  relDataset: '/foo',
  location: 'all',
  srcDataset: 'tank/src/foo',
  dstDataset: 'tank/dst/foo',
  rows,
});
const NOW = 3000 + 86_400;
const summary = (rows: readonly CompareRow[], locations: CompareLocation[] = ['src', 'dst', 'all']) =>
  summaryLines(foo(rows), { task: 'tank/src vs. tank/dst', locations: new Set(locations), nowSecs: NOW });

const A = 'all\t1970-01-01_00:16:40+00:00\t100\t/foo@a\t1000\ttank/src\t/foo\ttank/src/foo@a\t1000\t1024';
const B = 'all\t1970-01-01_00:33:20+00:00\t200\t/foo@b\t2000\ttank/src\t/foo\ttank/src/foo@b\t2000\t2048';
const C = 'src\t1970-01-01_00:50:00+00:00\t300\t/foo@c\t3000\ttank/src\t/foo\ttank/src/foo@c\t3000\t512';
const OLD = 'src\t1970-01-01_00:08:20+00:00\t50\t/foo#old\t500\ttank/src\t/foo\ttank/src/foo#old\t500\t-';
const D = 'dst\t1970-01-01_00:41:40+00:00\t250\t/foo@d\t2500\ttank/dst\t/foo\ttank/dst/foo@d\t2500\t4096';

describe('summaryLines', () => {
  it("reports each location in the original's words and order (all, src, dst)", () => {
    expect(summary(ROWS)).toEqual(
      [
        'of tank/src vs. tank/dst',
        'Q: No src snapshots are missing on dst, and no dst snapshots are missing on src, and there is a common snapshot? A: False',
        `Latest snapshot only in all: ${B}`,
        `Oldest snapshot only in all: ${A}`,
        'Snapshots only in all: 2',
        'Snapshot data written only in all: 3 KiB',
        'Time diff between now and latest snapshot only in all: 1.01d',
        'Time diff between now and oldest snapshot only in all: 1.02d',
        `Latest snapshot only in src: ${C}`,
        `Oldest snapshot only in src: ${OLD}`,
        'Snapshots only in src: 2',
        'Snapshot data written only in src: 512 B',
        'Snapshots only in src since latest common snapshot: 1',
        'Snapshot data written only in src since latest common snapshot: 512 B',
        'Time diff between latest common snapshot and latest snapshot only in src: -16.7m',
        'Time diff between latest common snapshot and oldest snapshot only in src: 25m',
        'Time diff between now and latest snapshot only in src: 1d',
        'Time diff between now and oldest snapshot only in src: 1.03d',
        `Latest snapshot only in dst: ${D}`,
        `Oldest snapshot only in dst: ${D}`,
        'Snapshots only in dst: 1',
        'Snapshot data written only in dst: 4 KiB',
        'Snapshots only in dst since latest common snapshot: 1',
        'Snapshot data written only in dst since latest common snapshot: 4 KiB',
        'Time diff between latest common snapshot and latest snapshot only in dst: -8.33m',
        'Time diff between latest common snapshot and oldest snapshot only in dst: -8.33m',
        'Time diff between now and latest snapshot only in dst: 1.01d',
        'Time diff between now and oldest snapshot only in dst: 1.01d',
      ].map((l) => `Comparing /foo~ ${l}`),
    );
  });

  it('answers True only when every snapshot is common (and there is one)', () => {
    expect(summary(ROWS.filter((r) => r.location === 'all'))[1]).toMatch(/A: True$/);
    expect(summary([])[1]).toMatch(/A: False$/);
  });

  it('without all: the question and everything since the latest common snapshot are n/a', () => {
    const lines = summary(
      ROWS.filter((r) => r.location !== 'all'),
      ['src', 'dst'],
    );
    expect(lines[1]).toMatch(/A: n\/a$/);
    expect(lines.some((l) => l.includes('only in all'))).toBe(false);
    expect(lines).toContain('Comparing /foo~ Snapshots only in src since latest common snapshot: n/a');
    expect(lines).toContain(
      'Comparing /foo~ Time diff between latest common snapshot and latest snapshot only in dst: n/a',
    );
    // Counted all the same.
    expect(lines).toContain('Comparing /foo~ Snapshots only in src: 2');
  });

  it('a dataset without snapshots: counts 0, sizes 0 B, the rest n/a', () => {
    const lines = summary([], ['src']);
    expect(lines.slice(2)).toEqual(
      [
        'Latest snapshot only in src: n/a',
        'Oldest snapshot only in src: n/a',
        'Snapshots only in src: 0',
        'Snapshot data written only in src: 0 B',
        'Snapshots only in src since latest common snapshot: n/a',
        'Snapshot data written only in src since latest common snapshot: n/a',
        'Time diff between latest common snapshot and latest snapshot only in src: n/a',
        'Time diff between latest common snapshot and oldest snapshot only in src: n/a',
        'Time diff between now and latest snapshot only in src: n/a',
        'Time diff between now and oldest snapshot only in src: n/a',
      ].map((l) => `Comparing /foo~ ${l}`),
    );
  });
});
