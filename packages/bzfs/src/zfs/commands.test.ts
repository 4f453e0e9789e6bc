import { describe, expect, it } from '@jest/globals';
import { SNAPSHOT_LIST_FIELDS, zfsCmd } from './commands.js';

describe('zfsCmd argv builders', () => {
  it('read-only queries need no privilege and change nothing', () => {
    expect(zfsCmd.listSnapshots(['pool/a b'])).toEqual({
      argv: [
        'zfs',
        'list',
        '-t',
        'snapshot,bookmark',
        '-d',
        '1',
        '-Hp',
        '-o',
        SNAPSHOT_LIST_FIELDS,
        '-s',
        'createtxg',
        'pool/a b',
      ],
      needsPrivilege: false,
      changesState: false,
    });
    expect(SNAPSHOT_LIST_FIELDS).toBe('name,guid,createtxg,creation');
    expect(zfsCmd.listDatasets('pool/a', false)).toEqual({
      argv: ['zfs', 'list', '-Hp', '-o', 'name,type', '-t', 'filesystem,volume', '-s', 'name', 'pool/a'],
      needsPrivilege: false,
      changesState: false,
    });
    expect(zfsCmd.listDatasets('pool/a', true).argv.slice(-2)).toEqual(['-r', 'pool/a']);
    expect(zfsCmd.resumeToken('pool/a')).toEqual({
      argv: ['zfs', 'get', '-Hp', '-o', 'value', 'receive_resume_token', 'pool/a'],
      needsPrivilege: false,
      changesState: false,
    });
    expect(zfsCmd.decodeResumeToken('1-abc')).toEqual({
      argv: ['zfs', 'send', '-n', '-v', '-t', '1-abc'],
      needsPrivilege: false,
      changesState: false,
    });
  });

  it('the dataset is always the last argument (never taken for an option)', () => {
    for (const z of [
      zfsCmd.listSnapshots(['pool/x']),
      zfsCmd.listDatasets('pool/x', true),
      zfsCmd.resumeToken('pool/x'),
      zfsCmd.createUnmounted('pool/x'),
      zfsCmd.receiveAbort('pool/x'),
      zfsCmd.receive(['-u'], { resumable: true, force: true }, 'pool/x'),
    ])
      expect(z.argv[z.argv.length - 1]).toBe('pool/x');
  });

  it('commands that change ZFS state need privilege', () => {
    expect(zfsCmd.createUnmounted('pool/a')).toEqual({
      argv: ['zfs', 'create', '-u', 'pool/a'],
      needsPrivilege: true,
      changesState: true,
    });
    expect(zfsCmd.receiveAbort('pool/a')).toEqual({
      argv: ['zfs', 'receive', '-A', 'pool/a'],
      needsPrivilege: true,
      changesState: true,
    });
    expect(zfsCmd.bookmark('pool/a@s1', 'pool/a#s1')).toEqual({
      argv: ['zfs', 'bookmark', 'pool/a@s1', 'pool/a#s1'],
      needsPrivilege: true,
      changesState: true,
    });
  });

  it('rollback: -r / -R / -f only when asked, in that order', () => {
    const none = { destroyNewer: false, dependents: false, unmount: false };
    expect(zfsCmd.rollback('pool/a@s1', none)).toEqual({
      argv: ['zfs', 'rollback', 'pool/a@s1'],
      needsPrivilege: true,
      changesState: true,
    });
    expect(
      zfsCmd.rollback('pool/a@s1', { destroyNewer: true, dependents: true, unmount: true }).argv,
    ).toEqual(['zfs', 'rollback', '-r', '-R', '-f', 'pool/a@s1']);
    expect(zfsCmd.rollback('pool/a@s1', { ...none, destroyNewer: true }).argv).toEqual([
      'zfs',
      'rollback',
      '-r',
      'pool/a@s1',
    ]);
  });

  it('destroySnapshots: one comma-separated argument', () => {
    expect(zfsCmd.destroySnapshots('pool/a', ['s1', 's 2'], { dependents: false, unmount: false })).toEqual({
      argv: ['zfs', 'destroy', 'pool/a@s1,s 2'],
      needsPrivilege: true,
      changesState: true,
    });
    expect(zfsCmd.destroySnapshots('pool/a', ['s1'], { dependents: true, unmount: true }).argv).toEqual([
      'zfs',
      'destroy',
      '-R',
      '-f',
      'pool/a@s1',
    ]);
  });

  it('destroySnapshotsDryRun: -n -v -p, changes nothing (it runs under --dryrun) but is privileged, one comma-separated argument', () => {
    expect(zfsCmd.destroySnapshotsDryRun('pool/a', ['s1', 's2'], { dependents: false })).toEqual({
      argv: ['zfs', 'destroy', '-n', '-v', '-p', 'pool/a@s1,s2'],
      needsPrivilege: true,
      changesState: false,
    });
    expect(zfsCmd.destroySnapshotsDryRun('pool/a', ['s1'], { dependents: true }).argv).toEqual([
      'zfs',
      'destroy',
      '-n',
      '-v',
      '-p',
      '-R',
      'pool/a@s1',
    ]);
  });

  it('listCompareEntries: the tree with -r, else the dataset alone; bookmarks only when asked', () => {
    const fields = 'creation,guid,createtxg,written,name';
    expect(zfsCmd.listCompareEntries('pool/a', { recursive: true, bookmarks: true })).toEqual({
      argv: ['zfs', 'list', '-t', 'snapshot,bookmark', '-r', '-Hp', '-o', fields, 'pool/a'],
      needsPrivilege: false,
      changesState: false,
    });
    expect(zfsCmd.listCompareEntries('pool/a', { recursive: false, bookmarks: false }).argv).toEqual([
      'zfs',
      'list',
      '-t',
      'snapshot',
      '-d',
      '1',
      '-Hp',
      '-o',
      fields,
      'pool/a',
    ]);
  });

  it('listWithHolds: one kind, with the hold count, of every dataset given', () => {
    expect(zfsCmd.listWithHolds(['pool/a', 'pool/b'], 'snapshot').argv.slice(-3)).toEqual([
      'createtxg',
      'pool/a',
      'pool/b',
    ]);
    expect(zfsCmd.listWithHolds(['pool/a'], 'bookmark')).toEqual({
      argv: [
        'zfs',
        'list',
        '-t',
        'bookmark',
        '-d',
        '1',
        '-Hp',
        '-o',
        'name,guid,createtxg,creation,userrefs',
        '-s',
        'createtxg',
        'pool/a',
      ],
      needsPrivilege: false,
      changesState: false,
    });
  });

  it('send: full, incremental and resume', () => {
    expect(zfsCmd.send(['--raw'], undefined, 'pool/a@s1')).toEqual({
      argv: ['zfs', 'send', '--raw', 'pool/a@s1'],
      needsPrivilege: true,
      changesState: false,
    });
    expect(zfsCmd.send(['--raw'], { flag: '-I', name: 'pool/a@s1' }, 'pool/a@s3').argv).toEqual([
      'zfs',
      'send',
      '--raw',
      '-I',
      'pool/a@s1',
      'pool/a@s3',
    ]);
    expect(zfsCmd.send([], { flag: '-i', name: 'pool/a#b1' }, 'pool/a@s3').argv).toEqual([
      'zfs',
      'send',
      '-i',
      'pool/a#b1',
      'pool/a@s3',
    ]);
    expect(zfsCmd.sendResume(['-v'], 'TOKEN')).toEqual({
      argv: ['zfs', 'send', '-v', '-t', 'TOKEN'],
      needsPrivilege: true,
      changesState: false,
    });
  });

  it('receive: -s and -F only when asked, user options before the dataset', () => {
    expect(zfsCmd.receive(['-u'], { resumable: true, force: true }, 'pool/b')).toEqual({
      argv: ['zfs', 'receive', '-s', '-F', '-u', 'pool/b'],
      needsPrivilege: true,
      changesState: true,
    });
    expect(zfsCmd.receive([], { resumable: false, force: false }, 'pool/b').argv).toEqual([
      'zfs',
      'receive',
      'pool/b',
    ]);
  });

  it('receive -n (--dryrun=recv) reads the stream and changes nothing, but still needs privilege', () => {
    expect(zfsCmd.receive(['-u', '-v'], { resumable: false, force: true, dryRun: true }, 'pool/b')).toEqual({
      argv: ['zfs', 'receive', '-F', '-u', '-v', '-n', 'pool/b'],
      needsPrivilege: true,
      changesState: false,
    });
  });

  it('every command that changes state needs privilege; some privileged ones change nothing', () => {
    const all = [
      zfsCmd.listSnapshots(['p/a']),
      zfsCmd.listDatasets('p/a', true),
      zfsCmd.resumeToken('p/a'),
      zfsCmd.destinationContents('p/a'),
      zfsCmd.decodeResumeToken('1-x'),
      zfsCmd.createUnmounted('p/a'),
      zfsCmd.rollback('p/a@s', { destroyNewer: true, dependents: false, unmount: false }),
      zfsCmd.destroySnapshots('p/a', ['s'], { dependents: false, unmount: false }),
      zfsCmd.bookmark('p/a@s', 'p/a#s'),
      zfsCmd.receiveAbort('p/a'),
      zfsCmd.send([], undefined, 'p/a@s'),
      zfsCmd.sendResume([], 'T'),
      zfsCmd.receive([], { resumable: true, force: false }, 'p/a'),
      zfsCmd.receive([], { resumable: false, force: false, dryRun: true }, 'p/a'),
    ];
    for (const z of all) if (z.changesState) expect(z.needsPrivilege).toBe(true);
    expect(all.filter((z) => z.changesState).map((z) => z.argv[1])).toEqual([
      'create',
      'rollback',
      'destroy',
      'bookmark',
      'receive',
      'receive',
    ]);
  });
});
