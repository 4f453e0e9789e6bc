import { describe, expect, it } from '@jest/globals';
import { BzfsError } from '../model/errors.js';
import { parseDestroyDryRun, parseDestroyTreeDryRun, parsePruneCandidates } from './parse-destroy.js';

describe('parseDestroyDryRun', () => {
  it('reads the human form of OpenZFS 2.x (approximate bytes)', () => {
    const out =
      'would destroy pool/dst@prod_onsite_2024-01-01_00:00:00_hourly\n' +
      'would destroy pool/dst@prod_onsite_2024-01-01_01:00:00_hourly\n' +
      'would reclaim 1.50M\n';
    expect(parseDestroyDryRun(out)).toEqual({
      wouldDestroy: [
        'pool/dst@prod_onsite_2024-01-01_00:00:00_hourly',
        'pool/dst@prod_onsite_2024-01-01_01:00:00_hourly',
      ],
      reclaimBytes: 1_572_864,
      exact: false,
    });
  });

  it('reads the -p form exactly, beyond 2^32', () => {
    const out = 'destroy\tpool/dst@s1\ndestroy\tpool/dst@s2\nreclaim\t5368709121\n';
    expect(parseDestroyDryRun(out)).toEqual({
      wouldDestroy: ['pool/dst@s1', 'pool/dst@s2'],
      reclaimBytes: 5_368_709_121,
      exact: true,
    });
  });

  it.each([
    ['0B', 0],
    ['512B', 512],
    ['1.50K', 1536],
    ['10.0K', 10_240],
    ['128K', 131_072],
    ['3.25G', 3.25 * 2 ** 30],
    ['1.10T', Math.round(1.1 * 2 ** 40)],
    ['16E', 16 * 2 ** 60],
    ['512', 512],
    ['1.50K', 1536],
    ['1,50K', 1536],
  ])('size %s (zfs_nicebytes, zfs_nicenum of 0.8, decimal comma) is %d bytes', (size, bytes) => {
    expect(parseDestroyDryRun(`would destroy p/a@s1\nwould reclaim ${size}\n`).reclaimBytes).toBe(bytes);
  });

  it('lists dependents (-R), names with spaces, and "will" lines of a real run; CRLF and blank lines are fine', () => {
    const out = 'will destroy pool/clone\r\nwill destroy pool/dst@my snap\r\n\r\nwill reclaim 96K\r\n';
    expect(parseDestroyDryRun(out)).toEqual({
      wouldDestroy: ['pool/clone', 'pool/dst@my snap'],
      reclaimBytes: 98_304,
      exact: false,
    });
  });

  it.each([
    ['an unknown line', 'would destroy p/a@s1\nsomething else\nwould reclaim 1K\n'],
    ['a size that is not one', 'would destroy p/a@s1\nwould reclaim lots\n'],
    ['a human size in the -p form', 'destroy\tp/a@s1\nreclaim\t1.5M\n'],
    ['a size with an unknown unit', 'would reclaim 3Q\n'],
    ['no reclaim line', 'would destroy p/a@s1\n'],
    ['nothing at all', ''],
  ])('refuses %s', (_, out) => {
    expect(() => parseDestroyDryRun(out)).toThrow(BzfsError);
  });
});

describe('parsePruneCandidates', () => {
  it('reads name, guid, createtxg, creation and userrefs; a bookmark has "-" holds', () => {
    const out =
      'pool/dst@s1\t18446744073709551615\t10\t1700000000\t0\n' +
      'pool/dst@s 2\t456\t20\t1700000100\t2\n' +
      'pool/dst#b1\t789\t5\t1699999999\t-\n';
    expect(parsePruneCandidates(out)).toEqual([
      {
        kind: 'snapshot',
        dataset: 'pool/dst',
        name: 's1',
        guid: '18446744073709551615',
        createtxg: 10n,
        creation: 1_700_000_000,
        userrefs: 0,
      },
      {
        kind: 'snapshot',
        dataset: 'pool/dst',
        name: 's 2',
        guid: '456',
        createtxg: 20n,
        creation: 1_700_000_100,
        userrefs: 2,
      },
      {
        kind: 'bookmark',
        dataset: 'pool/dst',
        name: 'b1',
        guid: '789',
        createtxg: 5n,
        creation: 1_699_999_999,
        userrefs: 0,
      },
    ]);
  });

  it.each([
    ['a missing column', 'pool/dst@s1\t123\t10\t1700000000\n'],
    ['a userrefs that is not a count', 'pool/dst@s1\t123\t10\t1700000000\tx\n'],
    ['no tab at all', 'pool/dst@s1\n'],
  ])('refuses %s', (_, out) => {
    expect(() => parsePruneCandidates(out)).toThrow(BzfsError);
  });
});

describe('parseDestroyTreeDryRun', () => {
  it('reads one name per destroy line, children and snapshots as zfs walks them; CRLF and blank lines are fine', () => {
    const out = 'destroy\tpool/a/b@s 1\r\ndestroy\tpool/a/b\n\ndestroy\tpool/a@s2\ndestroy\tpool/a\n';
    expect(parseDestroyTreeDryRun(out)).toEqual(['pool/a/b@s 1', 'pool/a/b', 'pool/a@s2', 'pool/a']);
    expect(parseDestroyTreeDryRun('')).toEqual([]);
  });

  it('refuses any other line (the human form, a reclaim line): the format is not what was asked for', () => {
    expect(() => parseDestroyTreeDryRun('would destroy pool/a\n')).toThrow(BzfsError);
    expect(() => parseDestroyTreeDryRun('destroy\tpool/a\nreclaim\t0\n')).toThrow(/reclaim/);
  });
});
