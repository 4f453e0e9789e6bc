import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { parseCli } from './args.js';

const ENV = { home: '/home/u', cpus: 8 };

async function transfer(argv: string[]) {
  const r = await parseCli([...argv, 'pool/src', 'pool/dst'], ENV);
  if (r.config === undefined) throw new Error('no config');
  return r.config.transfer;
}
async function refusal(argv: string[]): Promise<string> {
  const e = await transfer(argv).then(
    () => new Error(`accepted: ${argv.join(' ')}`),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UsageError);
  return (e as Error).message;
}

describe('transfer options', () => {
  it("defaults are the original's", async () => {
    expect(await transfer([])).toEqual({
      compression: { program: 'zstd', opts: ['-1'] },
      mbuffer: { program: 'mbuffer', opts: ['-q', '-m', '128M'] },
      pv: {
        program: 'pv',
        opts: '--progress --timer --eta --fineta --rate --average-rate --bytes --interval=1 --width=120 --buffer-size=2M'.split(
          ' ',
        ),
      },
      bwlimit: undefined,
      estimateSendSize: true,
      r2r: 'off',
    });
  });

  it("'-' turns a helper off; the others and --no-estimate-send-size, --r2r are read as given", async () => {
    const t = await transfer([
      '--compression-program=-',
      '--mbuffer-program',
      '-',
      '--pv-program=-',
      '--no-estimate-send-size',
      '--r2r',
      'pull',
    ]);
    expect([t.compression, t.mbuffer, t.pv, t.estimateSendSize, t.r2r]).toEqual([
      undefined,
      undefined,
      undefined,
      false,
      'pull',
    ]);
    expect(
      (await transfer(['--compression-program', 'lz4', '--compression-program-opts', ' -3  -T2 ']))
        .compression,
    ).toEqual({
      program: 'lz4',
      opts: ['-3', '-T2'],
    });
  });

  it.each([['100m'], ['1M'], ['500k'], ['2g'], ['1024']])('--bwlimit %s', async (v) => {
    expect((await transfer(['--bwlimit', v])).bwlimit).toBe(v);
  });

  it.each([['0'], ['1.5m'], ['10x'], ['m'], ['1 m'], ['-1m']])('--bwlimit %s is refused', async (v) => {
    expect(await refusal([`--bwlimit=${v}`])).toMatch(/--bwlimit/);
  });

  it.each([
    ['--compression-program-opts', '-o x', /-o is not allowed/],
    ['--compression-program-opts', '--output-file=x', /--output-file is not allowed/],
    ['--compression-program-opts', '-ox', /-o is not allowed/],
    ['--mbuffer-program-opts', '-q -O host:9', /-O is not allowed/],
    ['--mbuffer-program-opts', '-i /etc/x', /-i is not allowed/],
    ['--mbuffer-program-opts', '-T file', /-T is not allowed/],
    ['--pv-program-opts', '--bytes --eta --fineta --average-rate --remote 12', /--remote is not allowed/],
    ['--pv-program-opts', '--bytes --eta --fineta --average-rate --output=/x', /--output is not allowed/],
    ['--pv-program-opts', '--bytes --eta --fineta --average-rate -d 1:2', /-d is not allowed/],
    ['--pv-program-opts', '--eta --fineta --average-rate', /one of --bytes, -b, --bits, -8/],
    ['--pv-program-opts', '--bytes --fineta --average-rate', /one of --eta, -e/],
    ['--pv-program-opts', '-b -e -I', /one of --average-rate, -a/],
    ['--compression-program-opts', '-1;reboot', /could smuggle shell syntax/],
    ['--mbuffer-program-opts', '$(id)', /could smuggle shell syntax/],
  ])('%s %s is refused', async (option, value, why) => {
    expect(await refusal([`${option}=${value}`])).toMatch(why);
  });

  it('short pv spellings satisfy the rules; --quiet needs only --bytes or --bits', async () => {
    expect((await transfer(['--pv-program-opts=-8 -e -I -a'])).pv?.opts).toEqual(['-8', '-e', '-I', '-a']);
    expect((await transfer(['--quiet', '--pv-program-opts=--bytes'])).pv?.opts).toEqual(['--bytes']);
    // With pv off, its options are not checked for what pv would need.
    expect((await transfer(['--pv-program=-', '--pv-program-opts=--rate'])).pv).toBeUndefined();
  });

  it("'-' may be its own word, as in the original; after '--' it is a dataset", async () => {
    const t = await transfer(['--pv-program', '-', '--mbuffer-program', '-', '--compression-program', '-']);
    expect([t.pv, t.mbuffer, t.compression]).toEqual([undefined, undefined, undefined]);
    // Not joined after '--': the two words stay datasets (and the first is refused as one).
    const e = await parseCli(['--', '--pv-program', '-'], ENV).catch((x: unknown) => x);
    expect(String(e)).toMatch(/Invalid dataset name "--pv-program"/);
  });

  it('a bad choice is refused', async () => {
    await refusal(['--compression-program', 'xz']);
    await refusal(['--r2r', 'both']);
  });
});
