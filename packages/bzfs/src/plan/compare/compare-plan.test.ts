import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { regexFilters } from '../../../test/support/test-config.js';
import type { FilterGroup } from '../../filters/filter-groups.js';
import { planComparison, type CompareInput } from './compare-plan.js';
import { datasetsTsv, snapshotsTsv } from './tsv.js';
import type { CompareEntry, CompareLocation } from './types.js';

/** `tank/src/foo@a` (or `#a`), its GUID, creation (createtxg the same) and `written` (none for a bookmark). */
function entry(full: string, guid: string, creation: number, written?: number): CompareEntry {
  const at = full.search(/[@#]/);
  const kind = full[at] === '@' ? 'snapshot' : 'bookmark';
  return {
    kind,
    dataset: full.slice(0, at),
    name: full.slice(at + 1),
    guid,
    createtxg: BigInt(creation),
    creation,
    written: kind === 'bookmark' ? undefined : BigInt(written ?? 0),
  };
}

const ALL3: ReadonlySet<CompareLocation> = new Set(['src', 'dst', 'all']);
const NO_FILTERS: FilterGroup[] = [[]];

function compare(o: Partial<CompareInput> & Pick<CompareInput, 'src' | 'dst'>) {
  return planComparison({
    srcRoot: 'tank/src',
    dstRoot: 'tank/dst',
    srcDatasets: [...new Set(o.src.map((e) => e.dataset))],
    dstDatasets: [...new Set(o.dst.map((e) => e.dataset))],
    groups: NO_FILTERS,
    nowMs: 0,
    useBookmarks: true,
    locations: ALL3,
    ...o,
  });
}
const HEADER =
  'location\tcreation_iso\tcreatetxg\trel_name\tguid\troot_dataset\trel_dataset\tname\tcreation\twritten';
/** The rows of the snapshots file without the header, each as its columns. */
const rows = (o: Parameters<typeof compare>[0]) =>
  snapshotsTsv(compare(o))
    .split('\n')
    .slice(1, -1)
    .map((l) => l.split('\t'));
/** location and full name of each row. */
const tags = (o: Parameters<typeof compare>[0]) => rows(o).map((r) => `${r[0]} ${r[7]}`);

describe('planComparison: the TSV files', () => {
  // The original's own example: a dataset on each side only, and one on both.
  const src = [
    entry('tank/src/bar@snapBar', '4', 400, 4000),
    entry('tank/src/foo@snapA', '1', 100, 1000),
    entry('tank/src/foo@snapB', '2', 200, 2000),
    entry('tank/src/foo#snapB', '2', 200),
  ];
  const dst = [
    entry('tank/dst/baz@snapBaz', '5', 500, 5000),
    entry('tank/dst/foo@snapA', '1', 100, 1500),
    entry('tank/dst/foo@snapC', '3', 300, 3000),
  ];

  it('tags each snapshot src, dst or all, in the original columns, by dataset then creation', () => {
    expect(snapshotsTsv(compare({ src, dst }))).toBe(
      [
        HEADER,
        'src\t1970-01-01_00:06:40+00:00\t400\t/bar@snapBar\t4\ttank/src\t/bar\ttank/src/bar@snapBar\t400\t4000',
        'dst\t1970-01-01_00:08:20+00:00\t500\t/baz@snapBaz\t5\ttank/dst\t/baz\ttank/dst/baz@snapBaz\t500\t5000',
        // A common snapshot is described by the source's entry (its `written`, 1000, not the destination's).
        'all\t1970-01-01_00:01:40+00:00\t100\t/foo@snapA\t1\ttank/src\t/foo\ttank/src/foo@snapA\t100\t1000',
        'src\t1970-01-01_00:03:20+00:00\t200\t/foo@snapB\t2\ttank/src\t/foo\ttank/src/foo@snapB\t200\t2000',
        'dst\t1970-01-01_00:05:00+00:00\t300\t/foo@snapC\t3\ttank/dst\t/foo\ttank/dst/foo@snapC\t300\t3000',
        '',
      ].join('\n'),
    );
  });

  it('lists every dataset in the second file, with the side it is on', () => {
    expect(datasetsTsv(compare({ src, dst }))).toBe(
      [
        'location\trel_dataset\tsrc_dataset\tdst_dataset',
        'src\t/bar\ttank/src/bar\t',
        'dst\t/baz\t\ttank/dst/baz',
        'all\t/foo\ttank/src/foo\ttank/dst/foo',
        '',
      ].join('\n'),
    );
  });

  it.each<[string, CompareLocation[], string[]]>([
    ['src+dst', ['src', 'dst'], ['src /bar@snapBar', 'dst /baz@snapBaz', 'src /foo@snapB', 'dst /foo@snapC']],
    ['all', ['all'], ['all /foo@snapA']],
    ['dst+all', ['dst', 'all'], ['dst /baz@snapBaz', 'all /foo@snapA', 'dst /foo@snapC']],
  ])('writes only the requested locations (%s); the datasets file stays whole', (_c, locs, expected) => {
    const o = { src, dst, locations: new Set(locs) };
    expect(rows(o).map((r) => `${r[0]} ${r[3]}`)).toEqual(expected);
    expect(datasetsTsv(compare(o)).split('\n')).toHaveLength(5);
  });

  it('the roots themselves are the dataset `` (empty), names relative to each side', () => {
    const o = {
      src: [entry('tank/src@s1', '1', 10), entry('tank/src@s2', '2', 20)],
      dst: [entry('tank/dst@s1', '1', 10)],
    };
    expect(rows(o).map((r) => [r[0], r[3], r[5], r[6]])).toEqual([
      ['all', '@s1', 'tank/src', ''],
      ['src', '@s2', 'tank/src', ''],
    ]);
    expect(datasetsTsv(compare(o))).toContain('all\t\ttank/src\ttank/dst\n');
  });

  it('a dataset without snapshots is still in the datasets file, and adds no rows', () => {
    const o = { src: [], dst: [], srcDatasets: ['tank/src/empty'] };
    expect(snapshotsTsv(compare(o))).toBe(`${HEADER}\n`);
    expect(datasetsTsv(compare(o))).toContain('src\t/empty\ttank/src/empty\t\n');
  });

  it('leaves out what the listing returned for datasets the filters do not select', () => {
    const o = {
      src: [entry('tank/src/a@s1', '1', 10), entry('tank/src/tmp@s1', '2', 10)],
      dst: [],
      srcDatasets: ['tank/src/a'],
    };
    expect(tags(o)).toEqual(['src tank/src/a@s1']);
  });
});

describe('planComparison: bookmarks', () => {
  const dst = [entry('tank/dst@s1', '1', 10), entry('tank/dst@s2', '2', 20)];

  it('a source bookmark whose snapshot is gone stands for it: the GUID is on both sides', () => {
    const src = [entry('tank/src#s1', '1', 10), entry('tank/src@s2', '2', 20)];
    expect(tags({ src, dst })).toEqual(['all tank/src#s1', 'all tank/src@s2']);
    expect(rows({ src, dst })[0]![9]).toBe('-');
  });

  it('with --no-use-bookmark source bookmarks take no part', () => {
    const src = [entry('tank/src#s1', '1', 10), entry('tank/src@s2', '2', 20)];
    expect(tags({ src, dst, useBookmarks: false })).toEqual(['dst tank/dst@s1', 'all tank/src@s2']);
  });

  it('a bookmark of a snapshot that still exists adds no row; nor does a second bookmark of one GUID', () => {
    const src = [
      entry('tank/src@s1', '1', 10),
      entry('tank/src#s1', '1', 10),
      entry('tank/src#s2-copy', '2', 20),
      entry('tank/src#s2', '2', 20),
    ];
    expect(tags({ src, dst })).toEqual(['all tank/src@s1', 'all tank/src#s2']);
  });

  it('an unmatched source bookmark is src; destination bookmarks never count', () => {
    const src = [entry('tank/src#old', '9', 5)];
    const withBookmark = [...dst, entry('tank/dst#old', '9', 5)];
    expect(tags({ src, dst: withBookmark, locations: new Set(['src', 'all']) })).toEqual([
      'src tank/src#old',
    ]);
  });

  it('the snapshot filters select bookmarks by name too', () => {
    const src = [entry('tank/src#s1', '1', 10), entry('tank/src#x1', '7', 15)];
    expect(tags({ src, dst, groups: regexFilters(['s.*']) })).toEqual(['all tank/src#s1', 'dst tank/dst@s2']);
  });
});

describe('planComparison: a `dummy` source', () => {
  it('has nothing: every destination snapshot is dst, every dataset dst only', () => {
    const dst = [entry('tank/dst@s1', '1', 10), entry('tank/dst/a@s1', '2', 10)];
    const plan = compare({ srcRoot: 'dummy', srcDatasets: [], src: [], dst });
    expect(tags({ srcRoot: 'dummy', srcDatasets: [], src: [], dst })).toEqual([
      'dst tank/dst@s1',
      'dst tank/dst/a@s1',
    ]);
    expect(plan.map((d) => [d.location, d.relDataset])).toEqual([
      ['dst', ''],
      ['dst', '/a'],
    ]);
  });
});

describe('planComparison: properties', () => {
  // Up to 12 snapshots per side on one dataset, GUIDs from a small pool so that some are shared.
  const side = (ds: string) =>
    fc
      .uniqueArray(fc.record({ guid: fc.integer({ min: 1, max: 15 }), creation: fc.integer({ max: 50 }) }), {
        selector: (x) => x.guid,
        maxLength: 12,
      })
      .map((xs) => xs.map((x) => entry(`${ds}@s${x.guid}`, String(x.guid), x.creation)));
  const arbLocations = fc.subarray(['src', 'dst', 'all'] as CompareLocation[], { minLength: 1 });

  it('every GUID gets exactly one row, tagged by where it is; rows are oldest first', () => {
    fc.assert(
      fc.property(side('tank/src'), side('tank/dst'), (src, dst) => {
        const [d] = compare({ src, dst, srcDatasets: ['tank/src'], dstDatasets: ['tank/dst'] });
        const guids = d!.rows.map((r) => r.entry.guid);
        expect(new Set(guids).size).toBe(guids.length);
        const s = new Set(src.map((e) => e.guid));
        const t = new Set(dst.map((e) => e.guid));
        expect(new Set(guids)).toEqual(new Set([...s, ...t]));
        for (const r of d!.rows)
          expect(r.location).toBe(s.has(r.entry.guid) ? (t.has(r.entry.guid) ? 'all' : 'src') : 'dst');
        const creations = d!.rows.map((r) => r.entry.creation);
        expect(creations).toEqual([...creations].sort((a, b) => a - b));
      }),
    );
  });

  it('the requested locations are exactly those rows of the whole comparison', () => {
    fc.assert(
      fc.property(side('tank/src'), side('tank/dst'), arbLocations, (src, dst, locs) => {
        const o = { src, dst, srcDatasets: ['tank/src'], dstDatasets: ['tank/dst'] };
        const whole = compare(o)[0]!.rows;
        expect(compare({ ...o, locations: new Set(locs) })[0]!.rows).toEqual(
          whole.filter((r) => locs.includes(r.location)),
        );
      }),
    );
  });
});
