/** The compressors --compression-program accepts; each takes `-c` to compress to stdout and `-dc` to decompress. */
export type CompressionProgram = 'zstd' | 'lz4' | 'pzstd' | 'pigz' | 'gzip';

/** --r2r: who carries the stream when both ends are remote (off: this host relays it). */
export type R2rMode = 'off' | 'pull' | 'push';

/** A helper program of the transfer pipeline with its option words (already split, never shell text). */
interface HelperProgram<P extends string = string> {
  readonly program: P;
  readonly opts: readonly string[];
}

/**
 * How the stream between `zfs send` and `zfs receive` travels (--compression-program*, --mbuffer-program*,
 * --pv-program*, --bwlimit, --no-estimate-send-size, --r2r). A helper set to `-` is undefined.
 */
export interface TransferSettings {
  readonly compression: HelperProgram<CompressionProgram> | undefined;
  readonly mbuffer: HelperProgram<'mbuffer'> | undefined;
  readonly pv: HelperProgram<'pv'> | undefined;
  /** --bwlimit as given, e.g. `100m` (pv --rate-limit; mbuffer -R/-r upper-cased). */
  readonly bwlimit: string | undefined;
  /** false with --no-estimate-send-size: no `zfs send -nvP`, the pipeline is built as for a large stream. */
  readonly estimateSendSize: boolean;
  readonly r2r: R2rMode;
}
