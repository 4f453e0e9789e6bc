import type { TransferSettings } from '../config/transfer.js';
import { humanBytes } from '../model/human-units.js';

/**
 * The transfer pipeline of one send step, as the original lays it out (reference §2.14):
 * `[src: zfs send | pv | compress | mbuffer] | [this host: mbuffer | pv | mbuffer] | [dst: mbuffer | decompress | pv |
 * zfs receive]`. Pure: the options, the helpers each side has, the link and the size estimate in; ordered stages out.
 */

/** How the two ends are reached from this host; `same-remote`: both on one ssh target, the stream stays there. */
export type LinkKind = 'local' | 'push' | 'pull' | 'pull-push' | 'same-remote';
/** Where a stage runs: on the source's host, on this host (the initiator), on the destination's host. */
export type StageSide = 'src' | 'local' | 'dst';
type StageRole = 'send' | 'pv' | 'compress' | 'mbuffer' | 'decompress' | 'receive';

interface TransferStage {
  readonly side: StageSide;
  readonly role: StageRole;
  readonly argv: readonly string[];
}

/** A helper the pipeline would have used, and why it did not. */
interface SkippedHelper {
  readonly helper: string;
  readonly side: StageSide;
  readonly why: 'missing' | 'local link' | 'small stream' | 'r2r';
}

export interface TransferPlan {
  readonly stages: readonly TransferStage[];
  readonly skipped: readonly SkippedHelper[];
}

/** The programs `command -v` found on each side's host (src and dst are this host's set when that side is local). */
export type HelperSets = Readonly<Record<StageSide, ReadonlySet<string>>>;

export interface TransferInput {
  readonly settings: TransferSettings;
  readonly link: LinkKind;
  readonly helpers: HelperSets;
  /** undefined: not estimated (--no-estimate-send-size) or no estimate: built as for a large stream. */
  readonly estimatedBytes: number | undefined;
  /** --r2r in effect (run/plan resolved): the stream runs src → dst directly; nothing runs on this host. */
  readonly direct: boolean;
  readonly send: readonly string[];
  readonly receive: readonly string[];
}

/** Below this a stream is sent as is: starting helpers would cost more than they save (the original's 1 MiB). */
const MIN_PIPE_TRANSFER_BYTES = 1024 * 1024;
/**
 * mbuffer's block size, `-s max(recordsize, 2 MiB)` in the original. We use 2 MiB without reading recordsize: that
 * would cost a `zfs get` per dataset, and a larger block only matters for recordsize > 2 MiB (rare; mbuffer still
 * works, with blocks split).
 */
const MBUFFER_BLOCK_BYTES = 2 * 1024 * 1024;

export function planTransfer(x: TransferInput): TransferPlan {
  const { settings: s, link, helpers } = x;
  const skipped: SkippedHelper[] = [];
  const networked = link === 'push' || link === 'pull' || link === 'pull-push';
  const large = x.estimatedBytes === undefined || x.estimatedBytes >= MIN_PIPE_TRANSFER_BYTES;
  /** Whether `helper` may run on `side`, noting why not. `needsLink`: only worth it across the network. */
  const use = (helper: string | undefined, sides: readonly StageSide[], needsLink: boolean): boolean => {
    if (helper === undefined) return false;
    const why = needsLink && !networked ? 'local link' : needsLink && !large ? 'small stream' : undefined;
    const missing = sides.filter((side) => !helpers[side].has(helper));
    for (const side of sides) {
      if (why !== undefined) skipped.push({ helper, side, why });
      else if (missing.includes(side)) skipped.push({ helper, side, why: 'missing' });
    }
    return why === undefined && missing.length === 0;
  };
  const comp = s.compression;
  const compress = use(comp?.program, ['src', 'dst'], true);
  const srcBuffer = use(s.mbuffer?.program, ['src'], true);
  const dstBuffer = use(s.mbuffer?.program, ['dst'], true);
  const pvSide = pvSideOf(link, x.direct);
  if (pvSide === undefined && s.pv !== undefined && x.direct)
    skipped.push({ helper: 'pv', side: 'local', why: 'r2r' });
  const pv = pvSide !== undefined && use(s.pv?.program, [pvSide], false);
  const relay = link === 'pull-push' && !x.direct;
  const localBuffer = relay && use(s.mbuffer?.program, ['local'], true);

  const stages: TransferStage[] = [{ side: 'src', role: 'send', argv: x.send }];
  const add = (side: StageSide, role: StageRole, argv: readonly string[]) =>
    stages.push({ side, role, argv });
  const mbuffer = (side: StageSide) => add(side, 'mbuffer', mbufferArgv(s, side));
  // The initiator of a compressed pull-push sees compressed bytes: a percentage of the raw size would be wrong.
  const pvArgv = (side: StageSide) =>
    pvArgvOf(s, side === 'local' && compress ? undefined : x.estimatedBytes, x);
  if (pv && pvSide === 'src') add('src', 'pv', pvArgv('src'));
  if (compress && comp) add('src', 'compress', [comp.program, '-c', ...comp.opts]);
  if (srcBuffer) mbuffer('src');
  if (localBuffer) mbuffer('local');
  if (pv && pvSide === 'local') {
    add('local', 'pv', pvArgv('local'));
    if (localBuffer) mbuffer('local');
  }
  if (dstBuffer) mbuffer('dst');
  if (compress && comp) add('dst', 'decompress', [comp.program, '-dc']);
  if (pv && pvSide === 'dst') add('dst', 'pv', pvArgv('dst'));
  add('dst', 'receive', x.receive);
  return { stages, skipped };
}

/**
 * pv runs where this host is: on the source in a local or push transfer, on the destination in a pull, on this host
 * between the two in pull-push. Not in r2r (the stream never reaches this host) nor same-remote (where the original
 * would route the stream through this host just for pv; we keep it on the remote host).
 */
function pvSideOf(link: LinkKind, direct: boolean): StageSide | undefined {
  if (direct) return undefined;
  if (link === 'local' || link === 'push') return 'src';
  if (link === 'pull') return 'dst';
  return link === 'pull-push' ? 'local' : undefined;
}

function mbufferArgv(s: TransferSettings, side: StageSide): string[] {
  const rate = s.bwlimit === undefined ? [] : [side === 'src' ? '-R' : '-r', s.bwlimit.toUpperCase()];
  return ['mbuffer', '-s', String(MBUFFER_BLOCK_BYTES), ...(s.mbuffer?.opts ?? []), ...rate];
}

/** `env LC_ALL=C pv OPTS [--rate-limit=BW] --force [--name=SIZE] [--size=BYTES]`: env keeps it free of a shell. */
function pvArgvOf(s: TransferSettings, size: number | undefined, x: TransferInput): string[] {
  const rate = s.bwlimit === undefined ? [] : [`--rate-limit=${s.bwlimit}`];
  const known = x.estimatedBytes === undefined ? [] : [`--name=${humanBytes(x.estimatedBytes)}`];
  return [
    ...['env', 'LC_ALL=C', 'pv', ...(s.pv?.opts ?? []), ...rate, '--force', ...known],
    ...(size === undefined ? [] : [`--size=${size}`]),
  ];
}
