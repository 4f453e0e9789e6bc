import { describe, expect, it } from '@jest/globals';
import { recvOpts, resumeSendOpts, sendOpts, SNAPSHOT_LIST_FIELDS, splitOpts, zfsCmd } from './commands.js';

describe('zfsCmd argv builders', () => {
  it('read-only queries need no privilege and change nothing', () => {
    expect(zfsCmd.listSnapshots('pool/a b')).toEqual({
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
      zfsCmd.listSnapshots('pool/x'),
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

  it('listPruneCandidates: one kind, with the hold count', () => {
    expect(zfsCmd.listPruneCandidates('pool/a', 'bookmark')).toEqual({
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
      zfsCmd.listSnapshots('p/a'),
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

describe('sendOpts', () => {
  it('keeps ordinary flags', () => {
    expect(sendOpts(['--raw', '--compressed', '-L', '-e', '-v', '-p'])).toEqual([
      '--raw',
      '--compressed',
      '-L',
      '-e',
      '-v',
      '-p',
    ]);
  });

  it('drops -n/--dryrun and -i/-I/-t/--resume together with their argument', () => {
    expect(
      sendOpts([
        '-n',
        '--raw',
        '-i',
        'pool/a@s1',
        '-I',
        'pool/a@s2',
        '-t',
        'tok',
        '--resume',
        'tok2',
        '--dryrun',
        '-v',
      ]),
    ).toEqual(['--raw', '-v']);
  });

  it('keeps -X/--exclude/--redact with their argument', () => {
    expect(sendOpts(['-X', 'pool/a/tmp', '--exclude', 'pool/a/x', '--redact', 'book'])).toEqual([
      '-X',
      'pool/a/tmp',
      '--exclude',
      'pool/a/x',
      '--redact',
      'book',
    ]);
  });

  it('a managed flag at the very end (without its argument) is dropped without harm', () => {
    expect(sendOpts(['--raw', '-i'])).toEqual(['--raw']);
  });

  it('does not modify its input', () => {
    const input = ['-n', '--raw'];
    sendOpts(input);
    expect(input).toEqual(['-n', '--raw']);
  });

  it('drops managed flags inside clustered short options and compact forms', () => {
    expect(sendOpts(['-nv', '--raw'])).toEqual(['-v', '--raw']);
    expect(sendOpts(['-ipool/a@s1', '--resume=tok', '--raw'])).toEqual(['--raw']);
  });

  it.each<[string[], string[]]>([
    // clusters: the managed letter goes, the others stay; an emptied cluster disappears
    [['-nv'], ['-v']],
    [['-vn'], ['-v']],
    [['-vnP'], ['-vP']],
    [['-n', '-nn'], []],
    [['-Lce'], ['-Lce']],
    // compact forms: the rest of the token is the argument
    [['-ipool/a@s1', '-v'], ['-v']],
    [['-Ipool@x', '-v'], ['-v']],
    [['-tTOKEN', '-v'], ['-v']],
    [['-vipool/a@s1'], ['-v']],
    [
      ['-vnI', 'pool/a@s1', '-P'],
      ['-v', '-P'],
    ],
    [
      ['-vt', '1-abc-def', '-P'],
      ['-v', '-P'],
    ],
    // the argument of i/I/t is never read as options, even if it looks like some
    [['-i', '-nP'], []],
    [['-iunsafe-n', '-v'], ['-v']],
    // long options: separate, =, abbreviated
    [['--resume=TOKEN', '-v'], ['-v']],
    [['--resume', 'TOKEN', '-v'], ['-v']],
    [['--dryrun=yes', '-v'], ['-v']],
    [['--dry', '--res', 'TOKEN', '--ra'], ['--ra']],
    [
      ['--verbose', '--parsable', '--raw'],
      ['--verbose', '--parsable', '--raw'],
    ],
    // kept options with an argument: the argument is passed through as written
    [
      ['-X', 'pool/a/n-v'],
      ['-X', 'pool/a/n-v'],
    ],
    [['-Xpool/a/n'], ['-Xpool/a/n']],
    [['-nXpool/a/n'], ['-Xpool/a/n']],
    [
      ['-vX', 'pool/tmp'],
      ['-vX', 'pool/tmp'],
    ],
    [
      ['--exclude', '-n'],
      ['--exclude', '-n'],
    ],
    [
      ['--exclude=pool/a', '--redact=bm', '-d', 'bm2'],
      ['--exclude=pool/a', '--redact=bm', '-d', 'bm2'],
    ],
    // tokens that are not option clusters stay as they are
    [
      ['-', '--', '-n'],
      ['-', '--', '-n'],
    ],
    [['-5n'], ['-5n']],
  ])('sendOpts(%j) → %j', (input, expected) => {
    expect(sendOpts(input)).toEqual(expected);
  });
});

describe('recvOpts', () => {
  it('drops -n --dryrun -s -F -A -d -e, keeps the rest', () => {
    expect(recvOpts(['-u', '-n', '--dryrun', '-s', '-F', '-A', '-d', '-e', '-v'])).toEqual(['-u', '-v']);
  });

  it('keeps -o name=value and -x name pairs', () => {
    expect(recvOpts(['-o', 'compression=on', '-x', 'mountpoint', '-u'])).toEqual([
      '-o',
      'compression=on',
      '-x',
      'mountpoint',
      '-u',
    ]);
  });

  it('drops managed flags inside clustered short options (-Fu, -sn)', () => {
    expect(recvOpts(['-Fu'])).toEqual(['-u']);
    expect(recvOpts(['-sn'])).toEqual([]);
  });

  it.each<[string[], string[]]>([
    [['-Fu'], ['-u']],
    [['-uF'], ['-u']],
    [['-FuvA'], ['-uv']],
    [['-densFA'], []],
    [
      ['-uFnsAde', '-v'],
      ['-u', '-v'],
    ],
    [['--dryrun=x', '--dry', '-u'], ['-u']],
    // -o name=value and -x name keep their argument, in separate or compact form
    [
      ['-Fo', 'compression=on'],
      ['-o', 'compression=on'],
    ],
    [['-uocompression=on'], ['-uocompression=on']],
    [['-Focompression=on'], ['-ocompression=on']],
    [
      ['-x', 'mountpoint', '-Fx', 'canmount'],
      ['-x', 'mountpoint', '-x', 'canmount'],
    ],
    [
      ['-o', 'org.x:note=-nF'],
      ['-o', 'org.x:note=-nF'],
    ],
    [
      ['-uh', '-M', '-c'],
      ['-uh', '-M', '-c'],
    ],
  ])('recvOpts(%j) → %j', (input, expected) => {
    expect(recvOpts(input)).toEqual(expected);
  });
});

describe('resumeSendOpts', () => {
  it('drops what zfs send -t rejects or the token fixes, and the managed flags', () => {
    expect(
      resumeSendOpts([
        '--raw',
        '-w',
        '--compressed',
        '-c',
        '-L',
        '--large-block',
        '-e',
        '--embed',
        '-p',
        '--props',
        '-R',
        '--replicate',
        '-b',
        '--backup',
        '-h',
        '--holds',
        '-s',
        '--skip-missing',
        '-U',
        '-v',
        '-P',
      ]),
    ).toEqual(['-v', '-P']);
  });

  it('drops -X/--exclude/--redact together with their argument', () => {
    expect(resumeSendOpts(['-X', 'pool/a/tmp', '-v', '--exclude', 'pool/x', '--redact', 'bm'])).toEqual([
      '-v',
    ]);
  });

  it('also drops the send-managed flags with their argument', () => {
    expect(resumeSendOpts(['-n', '-i', 'pool/a@s1', '-t', 'tok', '-v'])).toEqual(['-v']);
  });

  it.each<[string[], string[]]>([
    [['-wcLv'], ['-v']],
    [
      ['-Rpv', '-P'],
      ['-v', '-P'],
    ],
    [['-nvIpool/a@s1'], ['-v']],
    [
      ['-vXpool/a/tmp', '-P'],
      ['-v', '-P'],
    ],
    [
      ['-vd', 'bm', '--redact=bm', '--exclude', 'pool/x', '-P'],
      ['-v', '-P'],
    ],
    [['--back', '--compressed', '--large', '--verb'], ['--verb']],
  ])('resumeSendOpts(%j) → %j', (input, expected) => {
    expect(resumeSendOpts(input)).toEqual(expected);
  });
});

describe('splitOpts', () => {
  it('splits on any whitespace and drops empty words', () => {
    expect(splitOpts('  --raw \t --compressed\n-v ')).toEqual(['--raw', '--compressed', '-v']);
    expect(splitOpts('')).toEqual([]);
    expect(splitOpts('   ')).toEqual([]);
    expect(splitOpts('-o compression=on')).toEqual(['-o', 'compression=on']);
  });
});
