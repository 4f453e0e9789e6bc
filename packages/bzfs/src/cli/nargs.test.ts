import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { takeMultiValueOptions } from './nargs.js';

const ARITY = {
  'include-snapshot-regex': '+',
  'exclude-snapshot-regex': '+',
  'include-snapshot-times-and-ranks': '+',
  'new-snapshot-filter-group': 0,
} as const;
const take = (...argv: string[]) =>
  takeMultiValueOptions(argv, ARITY, new Set([...Object.keys(ARITY), 'log-dir']));

describe('options with several values, read as argparse nargs="+" does', () => {
  it('takes values up to the next option or --, in command-line order', () => {
    expect(
      take(
        '-r',
        '--include-snapshot-regex',
        'A',
        'B',
        '--',
        'pool/src',
        'pool/dst',
        '--exclude-snapshot-regex',
        'x',
      ),
    ).toEqual({
      taken: [{ name: 'include-snapshot-regex', values: ['A', 'B'] }],
      rest: ['-r', '--', 'pool/src', 'pool/dst', '--exclude-snapshot-regex', 'x'],
    });
    expect(
      take(
        '--include-snapshot-times-and-ranks',
        'notime',
        'latest 7',
        '--new-snapshot-filter-group',
        '--exclude-snapshot-regex',
        '.*_hourly',
        '-v',
        'pool/src',
        'pool/dst',
      ),
    ).toEqual({
      taken: [
        { name: 'include-snapshot-times-and-ranks', values: ['notime', 'latest 7'] },
        { name: 'new-snapshot-filter-group', values: [] },
        { name: 'exclude-snapshot-regex', values: ['.*_hourly'] },
      ],
      rest: ['-v', 'pool/src', 'pool/dst'],
    });
  });

  it('lets the values run on into the datasets, as argparse does', () => {
    expect(take('--include-snapshot-regex', 'A', 'pool/src', 'pool/dst').taken).toEqual([
      { name: 'include-snapshot-regex', values: ['A', 'pool/src', 'pool/dst'] },
    ]);
  });

  it('--name=value takes exactly one value, which may start with -', () => {
    expect(take('--include-snapshot-regex=-x', 'pool/src', '--include-snapshot-regex=')).toEqual({
      taken: [
        { name: 'include-snapshot-regex', values: ['-x'] },
        { name: 'include-snapshot-regex', values: [''] },
      ],
      rest: ['pool/src'],
    });
  });

  it('treats -, negative numbers and unknown tokens with spaces as values', () => {
    expect(take('--include-snapshot-regex', '-', '-5', '-1.5', '-x y', '--log-dir=/a b').taken).toEqual([
      { name: 'include-snapshot-regex', values: ['-', '-5', '-1.5', '-x y'] },
    ]);
  });

  it('leaves other options alone, also ones that merely start with a taken name', () => {
    expect(take('--include-snapshot-regexes', 'a', '--include-snapshot-plan={}')).toEqual({
      taken: [],
      rest: ['--include-snapshot-regexes', 'a', '--include-snapshot-plan={}'],
    });
  });

  it.each([
    [['--include-snapshot-regex'], /--include-snapshot-regex expects at least one value/],
    [['--include-snapshot-regex', '--', 'a'], /expects at least one value/],
    [
      ['--include-snapshot-regex', '-r', 'a'],
      /expects at least one value \(write --include-snapshot-regex=VALUE/,
    ],
    [['--new-snapshot-filter-group=x'], /--new-snapshot-filter-group takes no value/],
  ])('refuses %j', (argv, reason) => {
    expect(() => take(...argv)).toThrow(UsageError);
    expect(() => take(...argv)).toThrow(reason);
  });
});
