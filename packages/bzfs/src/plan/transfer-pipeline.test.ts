import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { TransferSettings } from '../config/transfer.js';
import { planTransfer, type HelperSets, type LinkKind, type TransferInput } from './transfer-pipeline.js';

const ALL = new Set(['zstd', 'mbuffer', 'pv', 'sh', 'ssh']);
const NONE = new Set<string>();
const FULL: HelperSets = { src: ALL, dst: ALL, local: ALL };
const DEFAULTS: TransferSettings = {
  compression: { program: 'zstd', opts: ['-1'] },
  mbuffer: { program: 'mbuffer', opts: ['-q', '-m', '128M'] },
  pv: { program: 'pv', opts: ['--bytes'] },
  bwlimit: undefined,
  estimateSendSize: true,
  r2r: 'off',
};
const MIB = 1024 * 1024;

function plan(o: Partial<TransferInput> & { link: LinkKind }) {
  return planTransfer({
    settings: DEFAULTS,
    helpers: FULL,
    estimatedBytes: 64 * MIB,
    direct: false,
    send: ['zfs', 'send', 'p/a@s1'],
    receive: ['zfs', 'receive', 'q/a'],
    ...o,
  });
}
/** `side:program` per stage, the shape the tables compare. */
const shape = (o: Parameters<typeof plan>[0]) =>
  plan(o).stages.map((s) => `${s.side}:${s.argv[0] === 'env' ? s.argv[2] : s.argv[0]}`);

describe('planTransfer layout', () => {
  it.each<[string, Parameters<typeof plan>[0], string[]]>([
    ['local: only pv, on this host', { link: 'local' }, ['src:zfs', 'src:pv', 'dst:zfs']],
    [
      'push: pv, zstd, mbuffer on src; mbuffer, unzstd on dst',
      { link: 'push' },
      ['src:zfs', 'src:pv', 'src:zstd', 'src:mbuffer', 'dst:mbuffer', 'dst:zstd', 'dst:zfs'],
    ],
    [
      'pull: pv on dst after decompressing',
      { link: 'pull' },
      ['src:zfs', 'src:zstd', 'src:mbuffer', 'dst:mbuffer', 'dst:zstd', 'dst:pv', 'dst:zfs'],
    ],
    [
      'pull-push: this host buffers around pv',
      { link: 'pull-push' },
      [
        'src:zfs',
        'src:zstd',
        'src:mbuffer',
        'local:mbuffer',
        'local:pv',
        'local:mbuffer',
        'dst:mbuffer',
        'dst:zstd',
        'dst:zfs',
      ],
    ],
    ['same-remote: the stream stays on that host', { link: 'same-remote' }, ['src:zfs', 'dst:zfs']],
    [
      'push, small stream: no compression nor buffer',
      { link: 'push', estimatedBytes: MIB - 1 },
      ['src:zfs', 'src:pv', 'dst:zfs'],
    ],
    [
      'push, exactly 1 MiB is large',
      { link: 'push', estimatedBytes: MIB },
      ['src:zfs', 'src:pv', 'src:zstd', 'src:mbuffer', 'dst:mbuffer', 'dst:zstd', 'dst:zfs'],
    ],
    [
      'push, no estimate: as large',
      { link: 'push', estimatedBytes: undefined },
      ['src:zfs', 'src:pv', 'src:zstd', 'src:mbuffer', 'dst:mbuffer', 'dst:zstd', 'dst:zfs'],
    ],
    [
      'push, zstd missing on dst: no compression at all',
      { link: 'push', helpers: { ...FULL, dst: new Set(['mbuffer']) } },
      ['src:zfs', 'src:pv', 'src:mbuffer', 'dst:mbuffer', 'dst:zfs'],
    ],
    [
      'pull-push, this host has nothing',
      { link: 'pull-push', helpers: { ...FULL, local: NONE } },
      ['src:zfs', 'src:zstd', 'src:mbuffer', 'dst:mbuffer', 'dst:zstd', 'dst:zfs'],
    ],
    [
      'pull-push, no pv here: one buffer',
      { link: 'pull-push', helpers: { ...FULL, local: new Set(['mbuffer']) } },
      ['src:zfs', 'src:zstd', 'src:mbuffer', 'local:mbuffer', 'dst:mbuffer', 'dst:zstd', 'dst:zfs'],
    ],
    [
      'pull-push direct (r2r): nothing on this host',
      { link: 'pull-push', direct: true },
      ['src:zfs', 'src:zstd', 'src:mbuffer', 'dst:mbuffer', 'dst:zstd', 'dst:zfs'],
    ],
    [
      'pull, nothing anywhere',
      { link: 'pull', helpers: { src: NONE, dst: NONE, local: NONE } },
      ['src:zfs', 'dst:zfs'],
    ],
    [
      'push, all helpers off',
      { link: 'push', settings: { ...DEFAULTS, compression: undefined, mbuffer: undefined, pv: undefined } },
      ['src:zfs', 'dst:zfs'],
    ],
    [
      'push, lz4',
      {
        link: 'push',
        settings: { ...DEFAULTS, compression: { program: 'lz4', opts: [] }, pv: undefined },
        helpers: { ...FULL, src: new Set(['lz4', 'mbuffer']), dst: new Set(['lz4']) },
      },
      ['src:zfs', 'src:lz4', 'src:mbuffer', 'dst:lz4', 'dst:zfs'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(shape(input)).toEqual(expected);
  });
});

describe('planTransfer arguments', () => {
  const argvOf = (o: Parameters<typeof plan>[0], side: string, program: string) =>
    plan(o)
      .stages.filter((s) => s.side === side && s.argv.includes(program))
      .map((s) => s.argv);

  it('compresses with -c and the options, decompresses with -dc', () => {
    expect(argvOf({ link: 'push' }, 'src', 'zstd')).toEqual([['zstd', '-c', '-1']]);
    expect(argvOf({ link: 'push' }, 'dst', 'zstd')).toEqual([['zstd', '-dc']]);
  });

  it('mbuffer: 2 MiB blocks, its options, --bwlimit as -R on the source and -r elsewhere, upper-cased', () => {
    const settings = { ...DEFAULTS, bwlimit: '100m' };
    expect(argvOf({ link: 'pull-push', settings }, 'src', 'mbuffer')).toEqual([
      ['mbuffer', '-s', '2097152', '-q', '-m', '128M', '-R', '100M'],
    ]);
    expect(argvOf({ link: 'pull-push', settings }, 'dst', 'mbuffer')).toEqual([
      ['mbuffer', '-s', '2097152', '-q', '-m', '128M', '-r', '100M'],
    ]);
    expect(argvOf({ link: 'pull-push', settings }, 'local', 'mbuffer')[0]?.slice(-2)).toEqual(['-r', '100M']);
  });

  it('pv: C locale, rate limit, --force, the size by name and number', () => {
    expect(
      argvOf(
        { link: 'push', settings: { ...DEFAULTS, bwlimit: '1m' }, estimatedBytes: 3 * MIB },
        'src',
        'pv',
      ),
    ).toEqual([
      ['env', 'LC_ALL=C', 'pv', '--bytes', '--rate-limit=1m', '--force', '--name=3 MiB', `--size=${3 * MIB}`],
    ]);
  });

  it('pv: no --size without an estimate, nor where it sees compressed bytes', () => {
    expect(argvOf({ link: 'push', estimatedBytes: undefined }, 'src', 'pv')).toEqual([
      ['env', 'LC_ALL=C', 'pv', '--bytes', '--force'],
    ]);
    expect(argvOf({ link: 'pull-push' }, 'local', 'pv')[0]).not.toContainEqual(
      expect.stringMatching(/^--size=/),
    );
    const plain = { ...DEFAULTS, compression: undefined };
    expect(argvOf({ link: 'pull-push', settings: plain }, 'local', 'pv')[0]).toContain(`--size=${64 * MIB}`);
  });
});

describe('planTransfer skipped helpers', () => {
  it('names each missing helper with its side', () => {
    const p = plan({ link: 'push', helpers: { ...FULL, dst: new Set(['zstd']) } });
    expect(p.skipped).toEqual([{ helper: 'mbuffer', side: 'dst', why: 'missing' }]);
  });

  it('a local link skips compression and buffers as such, not as missing', () => {
    const p = plan({ link: 'local', helpers: { src: NONE, dst: NONE, local: NONE } });
    expect(p.skipped).toContainEqual({ helper: 'zstd', side: 'src', why: 'local link' });
    expect(p.skipped).toContainEqual({ helper: 'mbuffer', side: 'dst', why: 'local link' });
    expect(p.skipped).toContainEqual({ helper: 'pv', side: 'src', why: 'missing' });
  });

  it('r2r skips pv', () => {
    expect(plan({ link: 'pull-push', direct: true }).skipped).toEqual([
      { helper: 'pv', side: 'local', why: 'r2r' },
    ]);
  });
});

describe('planTransfer properties', () => {
  const links: LinkKind[] = ['local', 'push', 'pull', 'pull-push', 'same-remote'];
  const subset = fc.subarray(['zstd', 'mbuffer', 'pv']).map((a) => new Set(a));
  it('send first, receive last; each stage on a side that has its helper; compression comes in pairs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...links),
        fc.record({ src: subset, dst: subset, local: subset }),
        fc.option(fc.nat(8 * MIB), { nil: undefined }),
        fc.boolean(),
        (link, helpers, estimatedBytes, direct) => {
          const p = plan({ link, helpers, estimatedBytes, direct: direct && link === 'pull-push' });
          const st = p.stages;
          expect(st[0]?.role).toBe('send');
          expect(st.at(-1)?.role).toBe('receive');
          for (const s of st.slice(1, -1)) {
            const program = s.argv[0] === 'env' ? s.argv[2]! : s.argv[0]!;
            expect(helpers[s.side].has(program)).toBe(true);
          }
          const sides = st.map((s) => s.side);
          // src stages, then this host's, then dst's: the stream only moves forward.
          expect([...sides].sort((a, b) => order(a) - order(b))).toEqual(sides);
          expect(st.filter((s) => s.role === 'compress').length).toBe(
            st.filter((s) => s.role === 'decompress').length,
          );
          const extra = st.filter((s) => s.role === 'compress' || s.role === 'mbuffer');
          if (link === 'local' || link === 'same-remote' || (estimatedBytes ?? MIB) < MIB)
            expect(extra).toEqual([]);
          if (direct && link === 'pull-push') expect(sides).not.toContain('local');
        },
      ),
    );
  });
});

const order = (s: string) => ['src', 'local', 'dst'].indexOf(s);
