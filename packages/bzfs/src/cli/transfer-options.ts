import type { Argv } from 'yargs';

// The option declarations of the transfer pipeline (reference §2.14); cli/options.ts adds them to the parser and
// cli/transfer-args.ts parses and validates their values. Names, defaults and choices follow the original.

export const DEFAULT_PV_OPTS =
  '--progress --timer --eta --fineta --rate --average-rate --bytes --interval=1 --width=120 --buffer-size=2M';
export const DEFAULT_MBUFFER_OPTS = '-q -m 128M';
export const DEFAULT_COMPRESSION_OPTS = '-1';

const OFF = "; '-' disables it";

export function withTransferOptions<T>(y: Argv<T>) {
  return y
    .option('compression-program', {
      type: 'string',
      choices: ['zstd', 'lz4', 'pzstd', 'pigz', 'gzip', '-'],
      default: 'zstd',
      describe: `Compression on the wire, used only when the stream crosses the network and both ends have it${OFF}`,
    })
    .option('compression-program-opts', {
      type: 'string',
      default: DEFAULT_COMPRESSION_OPTS,
      describe: 'Options of the compressor when compressing (-o/--output-file are refused)',
    })
    .option('mbuffer-program', {
      type: 'string',
      choices: ['mbuffer', '-'],
      default: 'mbuffer',
      describe: `Buffers the stream on both ends of a network link (and on this host in pull-push mode)${OFF}`,
    })
    .option('mbuffer-program-opts', {
      type: 'string',
      default: DEFAULT_MBUFFER_OPTS,
      describe: 'Options of mbuffer (-i -I -o -O -l -L -t -T -a -A are refused)',
    })
    .option('pv-program', {
      type: 'string',
      choices: ['pv', '-'],
      default: 'pv',
      describe: `Progress and rate limiting, on whichever side is this host${OFF}`,
    })
    .option('pv-program-opts', {
      type: 'string',
      default: DEFAULT_PV_OPTS,
      describe: 'Options of pv (must include --bytes or --bits; output/log/remote options are refused)',
    })
    .option('bwlimit', {
      type: 'string',
      describe:
        'Bandwidth limit of the stream, e.g. 100m (pv --rate-limit, mbuffer -R/-r); default unlimited',
    })
    .option('no-estimate-send-size', {
      type: 'boolean',
      describe: "Skip 'zfs send -n -v -P' (the size estimate); the pipeline is built as for a large stream",
    })
    .option('r2r', {
      type: 'string',
      choices: ['off', 'pull', 'push'],
      default: 'off',
      describe:
        'With both ends remote: off (this host relays the stream), pull (the destination pulls it from the source ' +
        'over a nested ssh) or push (the source pushes it to the destination)',
    });
}

const DISABLEABLE = ['--compression-program', '--mbuffer-program', '--pv-program'];

/**
 * `--pv-program -` as two words, as the original's argparse takes it: yargs would read a lone `-` as a dataset
 * (stdin), so the pair is joined into `--pv-program=-` before parsing. After `--` nothing is an option.
 */
export function joinDisableValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!;
    if (t === '--') return [...out, ...argv.slice(i)];
    if (DISABLEABLE.includes(t) && argv[i + 1] === '-') {
      out.push(`${t}=-`);
      i++;
    } else out.push(t);
  }
  return out;
}
