import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { parseCli } from './args.js';

// Every word of the zfs option strings must be an option or the argument of one: a bare word
// would reach zfs as a positional, i.e. as a dataset or snapshot to send or receive into.

const ENV = { home: '/home/u', cpus: 8 };
const parse = (...opts: string[]) =>
  parseCli([...opts, '--', 'pool/a', 'pool/b'], ENV).then(
    (r) => r.config,
    (e: unknown) => e,
  );
async function refused(opts: string[], ...why: RegExp[]): Promise<void> {
  const err = await parse(...opts);
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(ExitCode.USAGE);
  for (const w of why) expect((err as Error).message).toMatch(w);
}

describe('zfs option strings', () => {
  it.each<[string, string]>([
    ['--zfs-recv-program-opts', '-u tank/evil'],
    ['--zfs-recv-program-opts', 'tank/evil'],
    ['--zfs-recv-program-opts', '-o a=b tank/evil'],
    ['--zfs-recv-program-opts', '-u -- tank/evil'],
    ['--zfs-recv-program-opts', '-u -'],
    ['--zfs-send-program-opts', '--raw tank/evil@s'],
    ['--zfs-send-program-opts', '-w tank/evil@s'],
    ['--zfs-send-program-opts', '-X a tank/evil@s'],
    ['--zfs-send-program-opts', '--exclude=a tank/evil@s'],
    ['--zfs-recv-program-opt', 'x'],
    ['--zfs-recv-program-opt', 'tank/evil'],
  ])('%s=%j: a bare word is refused', async (option, value) => {
    await refused([`${option}=${value}`], new RegExp(`${option}\\b`), /not an option|ends the options/);
  });

  it.each<[string, string]>([
    ['--zfs-recv-program-opts', '-u -o'],
    ['--zfs-recv-program-opts', '-x'],
    ['--zfs-send-program-opts', '--raw -X'],
    ['--zfs-send-program-opts', '--redact'],
  ])('%s=%j: an option without its argument is refused', async (option, value) => {
    await refused([`${option}=${value}`], new RegExp(option), /needs an argument/);
  });

  it('options and their arguments, separate, compact, clustered or long, still work', async () => {
    const c = await parse(
      '--zfs-send-program-opts=--raw -v -X pool/a/x -Xpool/a/y --exclude pool/a/z --exclude=pool/a/w -wd bm -Lce',
      '--zfs-recv-program-opts=-u -o compression=on -ocopies=2 -x mountpoint -uo a:b=c -F',
    );
    expect(c).not.toBeInstanceOf(Error);
    const ok = await parse('--zfs-recv-program-opt=-o', '--zfs-recv-program-opt=org.x:note=a b');
    expect(ok).not.toBeInstanceOf(Error);
    expect(await parse('--zfs-send-program-opts=', '--zfs-recv-program-opts=')).not.toBeInstanceOf(Error);
  });

  it('--zfs-recv-program-opt takes one value per occurrence (=value or separate), repeatable', async () => {
    const r = await parseCli(
      [
        'pool/a',
        'pool/b',
        '--zfs-recv-program-opt=-x',
        '--zfs-recv-program-opt',
        'x1',
        'pool/c',
        'pool/d',
        '--zfs-recv-program-opt=-o',
        '--zfs-recv-program-opt',
        'n=v',
      ],
      ENV,
    );
    expect(r.config?.pairs.map((p) => p.src.dataset)).toEqual(['pool/a', 'pool/c']);
    expect(r.config?.replication.recvOpts.slice(1)).toEqual(['-x', 'x1', '-o', 'n=v']);
  });
});
