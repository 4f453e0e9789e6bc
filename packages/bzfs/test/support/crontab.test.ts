import { describe, expect, it } from '@jest/globals';
import { fencedBlockAfter, parseCrontab, shellWords } from './crontab.js';

describe('the crontab reader of the README example test', () => {
  it('reads variables, entries and && chains; expands "$X" as one word and $X into words', () => {
    const [e] = parseCrontab('# c\nP={"a":1}\nO=-r --x\n*/5 * * * * root b "$P" $O y && b z\n');
    expect(e).toEqual({
      schedule: '*/5 * * * *',
      user: 'root',
      commands: [
        ['b', '{"a":1}', '-r', '--x', 'y'],
        ['b', 'z'],
      ],
    });
  });

  it.each(['a | b', 'a; b', "a 'b'", 'a `b`', 'a > f', 'date +%s', 'a\\ b', 'a x"y"'])('refuses %s', (c) => {
    expect(() => shellWords(c, new Map())).toThrow(/unsupported/);
  });

  it('finds the fenced block after a heading', () => {
    expect(
      fencedBlockAfter('# x\n```sh\nno\n```\n## H\ntext\n```crontab\nA=1\n```\n', '## H', 'crontab'),
    ).toBe('A=1\n');
  });
});
