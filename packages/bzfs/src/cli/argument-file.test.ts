import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { expandArgumentFiles, expandPairFiles } from './argument-file.js';

const OPT = '--include-snapshot-regex';
const files: Record<string, string> = {
  '/etc/bzfs/bzfs_argument_file_a': 'line 1\nline 2  \n',
  x_bzfs_argument_file: '\n\n#comment\nline 1\n \t \n\nline 2\r\n  #indented, kept\rlast',
  '/etc/bzfs_argument_file_dir/name': 'x',
};
const readText = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error('ENOENT: no such file');
  return text;
};
const expand = (...values: string[]) => expandArgumentFiles(values, OPT, { readText });

describe('+file values', () => {
  it('stand for the lines of the file, as they are, among the other values', () => {
    expect(expand('a', '+/etc/bzfs/bzfs_argument_file_a', 'b')).toEqual(['a', 'line 1', 'line 2  ', 'b']);
  });

  it('skip blank lines and lines starting with #; split lines as Python does', () => {
    expect(expand('+x_bzfs_argument_file')).toEqual(['line 1', 'line 2', '  #indented, kept', 'last']);
  });

  it.each<[string[], RegExp, boolean?]>([
    [['+/etc/bzfs/other'], /must contain 'bzfs_argument_file': "\/etc\/bzfs\/other"/],
    [['+/etc/bzfs_argument_file_dir/name'], /must contain 'bzfs_argument_file'/], // the name, not the directory
    [['+'], /must contain 'bzfs_argument_file': ""/],
    [['+/nope/bzfs_argument_file'], /cannot read argument file "\/nope\/bzfs_argument_file": ENOENT/],
    [['+/etc/bzfs/bzfs_argument_file_a'], /argument files are disabled \(--no-argument-file\)/, true],
  ])('refuses %j: %s', (values, reason, disabled = false) => {
    const run = () => expandArgumentFiles(values, OPT, { readText, disabled });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(reason);
    expect(run).toThrow(/^--include-snapshot-regex: /);
  });

  it('leaves values alone when none starts with +', () => {
    expect(expandArgumentFiles(['a+', ' +b'], OPT, { readText, disabled: true })).toEqual(['a+', ' +b']);
  });
});

describe('+file among the SRC_DATASET DST_DATASET arguments', () => {
  const pairFiles: Record<string, string> = {
    pairs_bzfs_argument_file: '# src\tdst\ntank/a\tbackup/a\n\ntank/b c\tbackup/b\tx\n',
    bad_bzfs_argument_file: 'tank/a backup/a\n',
    blank_bzfs_argument_file: 'tank/a\t \n',
  };
  const read = (path: string): string => pairFiles[path] ?? '';

  it('stand for the pairs of the file, split at the first TAB, among the other arguments', () => {
    expect(expandPairFiles(['p/x', 'q/x', '+pairs_bzfs_argument_file'], { readText: read })).toEqual([
      'p/x',
      'q/x',
      'tank/a',
      'backup/a',
      'tank/b c',
      'backup/b\tx',
    ]);
  });

  it.each(['bad_bzfs_argument_file', 'blank_bzfs_argument_file'])(
    'refuse a line of %s that is not two datasets separated by a TAB',
    (name) => {
      const run = () => expandPairFiles([`+${name}`], { readText: read });
      expect(run).toThrow(UsageError);
      expect(run).toThrow(/separated by a TAB/);
    },
  );

  it('follow --no-argument-file and the bzfs_argument_file naming rule', () => {
    expect(() => expandPairFiles(['+pairs_bzfs_argument_file'], { readText: read, disabled: true })).toThrow(
      /disabled/,
    );
    expect(() => expandPairFiles(['+pairs.txt'], { readText: read })).toThrow(
      /must contain 'bzfs_argument_file'/,
    );
  });
});
