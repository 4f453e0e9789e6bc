import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { LOCAL } from '../exec/runner.js';
import { bookmarkProgram, confirmedBookmarks, withScriptOnStdin } from './bookmark-program.js';

describe('bookmarkProgram and withScriptOnStdin', () => {
  const pairs = [
    ['pool/a@s1', 'pool/a#s1'],
    ["pool/a@it's $(x)", "pool/a#it's $(x)"],
  ] as const;

  it('zfs program -j POOL /dev/stdin, then the pairs; privileged and state-changing', () => {
    expect(bookmarkProgram('pool', pairs)).toEqual({
      argv: ['zfs', 'program', '-j', 'pool', '/dev/stdin', ...pairs.flat()],
      needsPrivilege: true,
      changesState: true,
    });
  });

  it('a real sh pipes the script into the command, and every value stays one untouched argument', () => {
    const zfs = {
      place: LOCAL,
      argv: ['sh', '-c', 'printf "%s\\n" "$@"; echo ---; cat', 'fake-zfs', ...pairs.flat()],
      changesState: true,
    };
    const cmd = withScriptOnStdin(zfs);
    expect(cmd.changesState).toBe(true);
    const out = execFileSync(cmd.argv[0]!, cmd.argv.slice(1), { encoding: 'utf8' });
    const [args, script] = out.split('---\n');
    expect(script).toContain('zfs.sync.bookmark(argv[i], argv[i + 1])');
    expect(script).toMatch(/^--\[\[ bzfs: [^\n]* return made$/);
    expect(args!.split('\n').slice(0, -1)).toEqual([...pairs.flat()]);
  });
});

describe('confirmedBookmarks', () => {
  it.each([
    ['{"return": {"p/a#s1": 0, "p/a#s2": 17, "p/a#s3": 2}}', ['p/a#s1', 'p/a#s2']],
    ['{"return": {}}', []],
    ['', []],
    ['Channel program fully executed', []],
    ['{"return": "oops"}', []],
    ['null', []],
    ['{"return": {"p/a#s1": "0"}}', []],
  ])('%s → %j (made, or EEXIST; nothing unreadable)', (stdout, names) => {
    expect([...confirmedBookmarks(stdout)]).toEqual(names);
  });
});
