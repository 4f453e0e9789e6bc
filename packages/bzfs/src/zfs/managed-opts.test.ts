// How the user's --zfs-send/recv-program-opts are stripped of the options bzfs manages.
import { describe, expect, it } from '@jest/globals';
import { recvOpts, resumeSendOpts, sendOpts, splitOpts } from './managed-opts.js';

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
