import { describe, expect, it } from '@jest/globals';
import { envVarsToUnset } from './env-vars.js';
import { compileNameMatcher } from './name-matcher.js';

const m = (...specs: string[]) => specs.map(compileNameMatcher);
const ENV = ['PATH', 'HOME', 'EDITOR', 'bzfs_min_pipe_transfer_size', 'bzfs_x', 'LANG'];

describe('envVarsToUnset', () => {
  it('unsets nothing without an exclude, even with includes', () => {
    expect(envVarsToUnset(ENV, [], [])).toEqual([]);
    expect(envVarsToUnset(ENV, [], m('PATH'))).toEqual([]);
  });

  it('unsets the variables whose whole name matches an exclude', () => {
    expect(envVarsToUnset(ENV, m('EDITOR'), [])).toEqual(['EDITOR']);
    expect(envVarsToUnset(ENV, m('bzfs_.*'), [])).toEqual(['bzfs_min_pipe_transfer_size', 'bzfs_x']);
    // Whole name: EDIT does not match EDITOR.
    expect(envVarsToUnset(ENV, m('EDIT'), [])).toEqual([]);
  });

  it('an include wins over an exclude', () => {
    expect(envVarsToUnset(ENV, m('.*'), m('PATH', 'bzfs_min_pipe_transfer_size'))).toEqual([
      'HOME',
      'EDITOR',
      'bzfs_x',
      'LANG',
    ]);
  });

  it('a leading ! negates a pattern on either side', () => {
    // Exclude everything that is not PATH or HOME.
    expect(envVarsToUnset(ENV, m('!(PATH|HOME)'), [])).toEqual([
      'EDITOR',
      'bzfs_min_pipe_transfer_size',
      'bzfs_x',
      'LANG',
    ]);
    expect(envVarsToUnset(ENV, m('.*'), m('!bzfs_.*'))).toEqual(['bzfs_min_pipe_transfer_size', 'bzfs_x']);
  });
});
