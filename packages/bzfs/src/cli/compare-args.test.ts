import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { parseCli } from './args.js';

const ENV = { home: '/home/u', cpus: 4 };
const compareOf = async (...argv: string[]) => (await parseCli(argv, ENV)).config?.compare;

describe('--compare-snapshot-lists', () => {
  it('is off unless given', async () => {
    expect(await compareOf('pool/a', 'pool/b')).toBeUndefined();
  });

  it('bare, it compares all three locations', async () => {
    expect(await compareOf('pool/a', 'pool/b', '--compare-snapshot-lists')).toEqual({
      locations: ['src', 'dst', 'all'],
    });
  });

  it('bare before another option, too', async () => {
    expect(await compareOf('--compare-snapshot-lists', '--no-use-bookmark', 'pool/a', 'pool/b')).toEqual({
      locations: ['src', 'dst', 'all'],
    });
  });

  it.each([
    ['src', ['src']],
    ['dst+all', ['dst', 'all']],
    ['src+all', ['src', 'all']],
    ['src+dst', ['src', 'dst']],
  ])('takes the original choice %s', async (value, locations) => {
    expect(await compareOf(`--compare-snapshot-lists=${value}`, 'pool/a', 'pool/b')).toEqual({ locations });
    expect(await compareOf('--compare-snapshot-lists', value, 'pool/a', 'pool/b')).toEqual({ locations });
  });

  it.each(['dst+src', 'none', 'src+dst+all+src'])('refuses %s, naming the choices', async (value) => {
    await expect(compareOf(`--compare-snapshot-lists=${value}`, 'pool/a', 'pool/b')).rejects.toThrow(
      /expected one of src, dst, all, src\+dst, src\+all, dst\+all, src\+dst\+all/,
    );
  });

  it('a dataset right after it is taken as its value: refused, saying how to write it', async () => {
    const err = await compareOf('--compare-snapshot-lists', 'pool/a', 'pool/b').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('write --compare-snapshot-lists=src+dst+all');
  });
});
