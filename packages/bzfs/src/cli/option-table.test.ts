import { describe, it, expect } from '@jest/globals';
import {
  bzfsCanonicalOption,
  bzfsOptionNames,
  bzfsOptionTakesValue,
  type BzfsLongOption,
} from './option-table.js';

describe('bzfs option table', () => {
  it('lists long names and aliases from the real parser', () => {
    const names = bzfsOptionNames();
    for (const n of ['recursive', 'r', 'dryrun', 'n', 'verbose', 'v', 'force-once', 'f1', 'ssh-dst-host'])
      expect(names.has(n)).toBe(true);
    expect(names.has('dst-host')).toBe(false);
    expect(names.has('sshDstHost')).toBe(false);
  });

  it('types the long names, so that a misspelt flag fails the type-check (tsc, in lint)', () => {
    const known: BzfsLongOption = 'ssh-dst-host';
    // @ts-expect-error: bzfs has no --ssh-dst-hots; if the type widened to string, tsc would fail here.
    const misspelt: BzfsLongOption = 'ssh-dst-hots';
    // @ts-expect-error: an alias is not a long name.
    const alias: BzfsLongOption = 'r';
    expect(bzfsOptionNames().has(known)).toBe(true);
    expect(bzfsOptionNames().has(misspelt)).toBe(false);
    expect(bzfsCanonicalOption(alias)).toBe('recursive');
  });

  it('maps aliases to their long names', () => {
    expect(bzfsCanonicalOption('r')).toBe('recursive');
    expect(bzfsCanonicalOption('f1')).toBe('force-once');
    expect(bzfsCanonicalOption('threads')).toBe('threads');
    expect(bzfsCanonicalOption('nope')).toBeUndefined();
  });

  it.each([
    ['threads', true],
    ['retries', true],
    ['ssh-dst-host', true],
    ['monitor-snapshots', true],
    ['recursive', false],
    ['r', false],
    ['v', false],
    ['dryrun', false],
    ['unknown', false],
  ])('bzfsOptionTakesValue(%p) = %p', (name, expected) => {
    expect(bzfsOptionTakesValue(name)).toBe(expected);
  });
});
