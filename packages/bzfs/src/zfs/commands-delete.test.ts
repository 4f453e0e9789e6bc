import { describe, expect, it } from '@jest/globals';
import { zfsCmd } from './commands.js';

describe('zfsCmd: the dataset-deletion commands', () => {
  it('destroyTree is `zfs destroy -r`, privileged and state-changing; -R and -f only when asked', () => {
    expect(zfsCmd.destroyTree('pool/a b', { dependents: false, unmount: false })).toEqual({
      argv: ['zfs', 'destroy', '-r', 'pool/a b'],
      needsPrivilege: true,
      changesState: true,
    });
    expect(zfsCmd.destroyTree('pool/a', { dependents: true, unmount: true }).argv).toEqual([
      'zfs',
      'destroy',
      '-r',
      '-R',
      '-f',
      'pool/a',
    ]);
  });

  it('destroyTreeDryRun names what would go (-n -v -p), needs the privilege but changes nothing', () => {
    expect(zfsCmd.destroyTreeDryRun('pool/a', { dependents: false })).toEqual({
      argv: ['zfs', 'destroy', '-n', '-v', '-p', '-r', 'pool/a'],
      needsPrivilege: true,
      changesState: false,
    });
    expect(zfsCmd.destroyTreeDryRun('pool/a', { dependents: true }).argv.slice(-2)).toEqual(['-R', 'pool/a']);
  });

  it('listEntryNames lists many datasets at one depth, bookmarks only when asked', () => {
    expect(zfsCmd.listEntryNames(['pool/a', 'pool/b'], { bookmarks: true })).toEqual({
      argv: ['zfs', 'list', '-t', 'snapshot,bookmark', '-d', '1', '-Hp', '-o', 'name', 'pool/a', 'pool/b'],
      needsPrivilege: false,
      changesState: false,
    });
    expect(zfsCmd.listEntryNames(['pool/a'], { bookmarks: false }).argv.slice(2, 4)).toEqual([
      '-t',
      'snapshot',
    ]);
  });
});
