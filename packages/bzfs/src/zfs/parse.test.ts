import { describe, expect, it } from '@jest/globals';
import { BzfsError } from '../model/errors.js';
import {
  parseCompareList,
  parseDatasetList,
  parseDestinationContents,
  parseEntryCounts,
  parseRawOk,
  parseResumeTokenInfo,
  parseSnapshotList,
  splitSnapshotName,
} from './parse.js';

describe('parseCompareList', () => {
  it('reads snapshots and bookmarks with `written` (a bookmark has none); a name may hold a tab', () => {
    const out = [
      '1730878205\t18446744073709551615\t17435050\t24576\ttank/src/foo@daily 1',
      '1730878205\t18446744073709551615\t17435050\t-\ttank/src/foo#daily\tx',
      '',
    ].join('\n');
    const base = {
      dataset: 'tank/src/foo',
      guid: '18446744073709551615',
      createtxg: 17435050n,
      creation: 1730878205,
    };
    expect(parseCompareList(out)).toEqual([
      { ...base, kind: 'snapshot', name: 'daily 1', written: 24576n },
      { ...base, kind: 'bookmark', name: 'daily\tx', written: undefined },
    ]);
  });

  it.each([
    ['too few fields', '1\t2\t3\ttank/a@s'],
    ['written is not a number', '1\t2\t3\t1k\ttank/a@s'],
    ['no snapshot name', '1\t2\t3\t4\ttank/a'],
    ['a guid that is not a number', '1\tg\t3\t4\ttank/a@s'],
  ])('refuses a line with %s', (_what, line) => {
    expect(() => parseCompareList(line)).toThrow(BzfsError);
  });
});

describe('parseSnapshotList', () => {
  // zfs list -t snapshot,bookmark -Hp -o name,guid,createtxg,creation -d 1 tank/data
  const fixture = [
    'tank/data@bzfs_2024-01-01_00:00:00_daily\t9007199254740993\t1042\t1704067200',
    'tank/data#bzfs_2024-01-01_00:00:00_daily\t9007199254740993\t1042\t1704067200',
    'tank/data@hourly-01\t18446744073709551615\t1099\t1704070800',
    'tank/data#.TMPBZFS.hourly-01.Ag.Bw.abc\t18446744073709551615\t1099\t1704070800',
    '',
  ].join('\n');

  it('reads snapshots and bookmarks with exact uint64 values', () => {
    const list = parseSnapshotList(fixture);
    expect(list).toEqual([
      {
        kind: 'snapshot',
        dataset: 'tank/data',
        name: 'bzfs_2024-01-01_00:00:00_daily',
        guid: '9007199254740993',
        createtxg: 1042n,
        creation: 1704067200,
      },
      {
        kind: 'bookmark',
        dataset: 'tank/data',
        name: 'bzfs_2024-01-01_00:00:00_daily',
        guid: '9007199254740993',
        createtxg: 1042n,
        creation: 1704067200,
      },
      {
        kind: 'snapshot',
        dataset: 'tank/data',
        name: 'hourly-01',
        guid: '18446744073709551615',
        createtxg: 1099n,
        creation: 1704070800,
      },
      {
        kind: 'bookmark',
        dataset: 'tank/data',
        name: '.TMPBZFS.hourly-01.Ag.Bw.abc',
        guid: '18446744073709551615',
        createtxg: 1099n,
        creation: 1704070800,
      },
    ]);
  });

  it('keeps spaces in dataset and snapshot names', () => {
    expect(parseSnapshotList('tank/my data/sub dir@snap one\t12\t5\t1700000000\n')).toEqual([
      {
        kind: 'snapshot',
        dataset: 'tank/my data/sub dir',
        name: 'snap one',
        guid: '12',
        createtxg: 5n,
        creation: 1700000000,
      },
    ]);
  });

  it('keeps txgs beyond 2^53 exact', () => {
    const [s] = parseSnapshotList('p/a@s\t1\t18446744073709551615\t0');
    expect(s?.createtxg).toBe(18446744073709551615n);
  });

  it('returns [] for empty output', () => {
    expect(parseSnapshotList('')).toEqual([]);
    expect(parseSnapshotList('\n')).toEqual([]);
  });

  it.each([
    ['too few fields', 'tank/a@s1\t12\t5'],
    ['too many fields', 'tank/a@s1\t12\t5\t1\t9'],
    ['no @ or #', 'tank/a\t12\t5\t1'],
    ['empty snapshot name', 'tank/a@\t12\t5\t1'],
    ['empty dataset', '@s1\t12\t5\t1'],
    ['hex guid', 'tank/a@s1\t0x12\t5\t1'],
    ['dash as guid', 'tank/a@s1\t-\t5\t1'],
    ['non-numeric txg', 'tank/a@s1\t12\tx\t1'],
    ['space-separated', 'tank/a@s1 12 5 1'],
  ])('rejects %s', (_n, line) => {
    expect(() => parseSnapshotList(line)).toThrow(BzfsError);
  });
});

describe('splitSnapshotName', () => {
  it('splits at the first @ or #', () => {
    expect(splitSnapshotName('a/b@c')).toEqual({ dataset: 'a/b', kind: 'snapshot', name: 'c' });
    expect(splitSnapshotName('a/b#c')).toEqual({ dataset: 'a/b', kind: 'bookmark', name: 'c' });
    expect(splitSnapshotName('a/b')).toBeUndefined();
    expect(splitSnapshotName('a/b@')).toBeUndefined();
  });
});

describe('parseDatasetList', () => {
  it('reads name and type', () => {
    const out = 'tank\tfilesystem\ntank/vol 1\tvolume\ntank/fs@s1\tsnapshot\ntank/fs#b1\tbookmark\n';
    expect(parseDatasetList(out)).toEqual([
      { name: 'tank', type: 'filesystem' },
      { name: 'tank/vol 1', type: 'volume' },
      { name: 'tank/fs@s1', type: 'snapshot' },
      { name: 'tank/fs#b1', type: 'bookmark' },
    ]);
  });
  it('returns [] for empty output', () => {
    expect(parseDatasetList('')).toEqual([]);
  });
  it.each([['tank'], ['tank\tpool'], ['\tfilesystem']])('rejects %j', (line) => {
    expect(() => parseDatasetList(line)).toThrow(BzfsError);
  });
});

describe('parseResumeTokenInfo', () => {
  const TOKEN = '1-e604ea4bf-e0-789c63a2...';
  // zfs send -n -v -t TOKEN for an interrupted incremental raw send (OpenZFS 2.2)
  const incremental = [
    'resume token contents:',
    'nvlist version: 0',
    '\tfromguid = 0x9b4ad1d2c7cf0b4e',
    '\tobject = 0x6',
    '\toffset = 0x0',
    '\tbytes = 0x3a5c',
    '\ttoguid = 0x4f5e7a1c9d2b3e01',
    '\ttoname = pool/src@s3',
    '\tcompressok = 1',
    '\trawok = 1',
    'send from pool/src@s2 to pool/src@s3 estimated size is 1.46M',
    'total estimated size is 1.46M',
    '',
  ].join('\n');
  // an interrupted full, non-raw send of a dataset whose name contains a space
  const full = [
    'resume token contents:',
    'nvlist version: 0',
    '\tobject = 0x1',
    '\toffset = 0x2a0000',
    '\tbytes = 0x2a5c18',
    '\ttoguid = 0xffffffffffffffff',
    '\ttoname = pool/my data@2024-01-01 00:00',
    '\tembedok = 1',
    '\tlargeblockok = 1',
    'full send of pool/my data@2024-01-01 00:00 estimated size is 12.3M',
    'total estimated size is 12.3M',
  ].join('\n');

  it('decodes an incremental token with hex guids as decimal strings', () => {
    expect(parseResumeTokenInfo(incremental, TOKEN)).toEqual({
      token: TOKEN,
      toguid: '5719142840121638401', // 0x4f5e7a1c9d2b3e01
      toname: 'pool/src@s3',
      fromguid: '11189986927380990798', // 0x9b4ad1d2c7cf0b4e, beyond 2^53
    });
  });

  it('decodes a full-send token: no fromguid, names with spaces, guid 2^64-1', () => {
    const r = parseResumeTokenInfo(full, TOKEN);
    expect(r).toEqual({
      token: TOKEN,
      toguid: '18446744073709551615',
      toname: 'pool/my data@2024-01-01 00:00',
    });
    expect(r !== undefined && 'fromguid' in r).toBe(false);
  });

  it('treats fromguid = 0x0 as a full send', () => {
    const out = 'nvlist version: 0\n\tfromguid = 0x0\n\ttoguid = 0x10\n\ttoname = p/a@s\n';
    expect(parseResumeTokenInfo(out, 't')).toEqual({ token: 't', toguid: '16', toname: 'p/a@s' });
  });

  it('tolerates CRLF and space indentation', () => {
    const out = 'resume token contents:\r\nnvlist version: 0\r\n  toguid = 0x10\r\n  toname = p/a@s\r\n';
    expect(parseResumeTokenInfo(out, 't')).toEqual({ token: 't', toguid: '16', toname: 'p/a@s' });
  });

  it.each([
    ['empty output', ''],
    ['no toguid', 'resume token contents:\nnvlist version: 0\n\ttoname = p/a@s\n'],
    ['no toname', 'resume token contents:\nnvlist version: 0\n\ttoguid = 0x10\n'],
    ['garbage toguid', '\ttoguid = zz\n\ttoname = p/a@s\n'],
    ['error text', "cannot resume send: 'pool/src@s3' used in the initial send no longer exists\n"],
  ])('returns undefined for %s', (_n, out) => {
    expect(parseResumeTokenInfo(out, 't')).toBeUndefined();
  });
});

describe('parseRawOk', () => {
  it('is true only when rawok is present', () => {
    expect(parseRawOk('nvlist version: 0\n\ttoguid = 0x1\n\trawok = 1\n')).toBe(true);
    expect(parseRawOk('nvlist version: 0\n\ttoguid = 0x1\n\tcompressok = 1\n')).toBe(false);
    expect(parseRawOk('')).toBe(false);
    expect(parseRawOk('\ttoname = pool/rawok = 1@s\n')).toBe(false);
  });
});

describe('parseDestinationContents', () => {
  it('reads type, logicalreferenced and whether a resume token is set', () => {
    expect(
      parseDestinationContents('type\tfilesystem\nlogicalreferenced\t43008\nreceive_resume_token\t-\n'),
    ).toEqual({ type: 'filesystem', logicalReferenced: 43008, partialReceive: false });
    expect(
      parseDestinationContents('type\tvolume\nlogicalreferenced\t6144\nreceive_resume_token\t1-e3-c8-789c\n'),
    ).toEqual({ type: 'volume', logicalReferenced: 6144, partialReceive: true });
  });

  it('rejects output without a number or a known type', () => {
    expect(() =>
      parseDestinationContents('type\tfilesystem\nlogicalreferenced\t42K\nreceive_resume_token\t-\n'),
    ).toThrow(BzfsError);
    expect(() =>
      parseDestinationContents('type\tsnapshot\nlogicalreferenced\t1\nreceive_resume_token\t-\n'),
    ).toThrow(BzfsError);
  });
});

describe('parseEntryCounts', () => {
  it('counts snapshots and bookmarks per dataset; datasets without any are absent', () => {
    const out = 'pool/a@s1\npool/a@s2\npool/a#b1\npool/a b/c#x@y\n\n';
    expect([...parseEntryCounts(out)]).toEqual([
      ['pool/a', { snapshots: 2, bookmarks: 1 }],
      ['pool/a b/c', { snapshots: 0, bookmarks: 1 }],
    ]);
    expect(parseEntryCounts('').size).toBe(0);
  });

  it('refuses a line that is not a snapshot or bookmark name', () => {
    expect(() => parseEntryCounts('pool/a\n')).toThrow(BzfsError);
    expect(() => parseEntryCounts('pool/a@\n')).toThrow(/snapshot name/);
  });
});
