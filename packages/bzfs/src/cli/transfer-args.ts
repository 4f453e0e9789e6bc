import type { CompressionProgram, R2rMode, TransferSettings } from '../config/transfer.js';
import { UsageError } from '../model/errors.js';
import { showValue, validateOptionString } from '../model/validate.js';
import { splitOpts } from '../zfs/managed-opts.js';
import { DEFAULT_COMPRESSION_OPTS, DEFAULT_MBUFFER_OPTS, DEFAULT_PV_OPTS } from './transfer-options.js';

/**
 * The parsed options of the transfer pipeline. Option strings are checked for shell syntax first (they only ever
 * become argv words, but a quote would mean something else than the user thinks) and split on whitespace.
 */

type Parsed = Readonly<Record<string, unknown>>;

/**
 * Options that would let a helper write or read somewhere else than the pipe, or detach from it; refused as in the
 * original. Ours also catches `--long=value` and a short option with its value attached (`-ofile`).
 */
const FORBIDDEN = {
  compression: ['-o', '--output-file'],
  mbuffer: ['-i', '-I', '-o', '-O', '-l', '-L', '-t', '-T', '-a', '-A'],
  pv: [
    ...['-o', '--output', '-f', '--log-file', '-S', '--stop-at-size', '-Y', '--sync', '-X', '--discard'],
    ...['-U', '--store-and-forward', '-d', '--watchfd', '-R', '--remote', '-P', '--pidfile'],
  ],
} as const;

/** One of each group must be in --pv-program-opts: what the progress figures are read from. */
const PV_NEEDS_ALWAYS = [['--bytes', '-b', '--bits', '-8']];
const PV_NEEDS_UNLESS_QUIET = [
  ['--eta', '-e'],
  ['--fineta', '-I'],
  ['--average-rate', '-a'],
];

export function transferSettings(a: Parsed, quiet: boolean): TransferSettings {
  const compression = a['compression-program'] as CompressionProgram | '-' | undefined;
  const mbuffer = a['mbuffer-program'] as 'mbuffer' | '-' | undefined;
  const pv = a['pv-program'] as 'pv' | '-' | undefined;
  const compressionOpts = opts(
    a,
    'compression-program-opts',
    DEFAULT_COMPRESSION_OPTS,
    FORBIDDEN.compression,
  );
  const mbufferOpts = opts(a, 'mbuffer-program-opts', DEFAULT_MBUFFER_OPTS, FORBIDDEN.mbuffer);
  const pvOpts = opts(a, 'pv-program-opts', DEFAULT_PV_OPTS, FORBIDDEN.pv);
  if (pv !== '-') requirePvOpts(pvOpts, quiet);
  return {
    compression: compression === '-' ? undefined : { program: compression ?? 'zstd', opts: compressionOpts },
    mbuffer: mbuffer === '-' ? undefined : { program: 'mbuffer', opts: mbufferOpts },
    pv: pv === '-' ? undefined : { program: 'pv', opts: pvOpts },
    bwlimit: a.bwlimit === undefined ? undefined : parseBwlimit(String(a.bwlimit)),
    estimateSendSize: !a['no-estimate-send-size'],
    r2r: (a.r2r as R2rMode | undefined) ?? 'off',
  };
}

function opts(a: Parsed, name: string, fallback: string, forbidden: readonly string[]): string[] {
  const option = `--${name}`;
  const words = splitOpts(validateOptionString(String(a[name] ?? fallback), option));
  for (const w of words) {
    const bad = forbidden.find((f) => isSpelling(w, f));
    if (bad !== undefined)
      throw new UsageError(
        `${option}: ${bad} is not allowed (it would send the data elsewhere than the pipe)`,
      );
  }
  return words;
}

/** `w` is option `f` itself, `f=value` (long), or `f` with its value attached (short, e.g. `-ofile`). */
function isSpelling(w: string, f: string): boolean {
  if (w === f) return true;
  return f.startsWith('--') ? w.startsWith(`${f}=`) : !w.startsWith('--') && w.startsWith(f);
}

function requirePvOpts(words: readonly string[], quiet: boolean): void {
  const has = (group: readonly string[]) =>
    words.some((w) => group.some((g) => w === g || w.startsWith(`${g}=`)));
  for (const group of quiet ? PV_NEEDS_ALWAYS : [...PV_NEEDS_ALWAYS, ...PV_NEEDS_UNLESS_QUIET]) {
    if (!has(group))
      throw new UsageError(
        `--pv-program-opts must contain one of ${group.join(', ')} (the progress figures come from it)` +
          (quiet ? '' : '; with --quiet only --bytes or --bits is needed'),
      );
  }
}

/**
 * --bwlimit: a whole number of bytes per second with an optional K, M, G or T suffix, the form both pv and mbuffer
 * read (checked here, where the original leaves a bad value to fail inside the pipeline).
 */
function parseBwlimit(text: string): string {
  const t = text.trim();
  if (!/^[1-9][0-9]*[kKmMgGtT]?$/.test(t))
    throw new UsageError(`--bwlimit ${showValue(text)}: expected bytes per second such as 500k, 100m or 1g`);
  return t;
}
