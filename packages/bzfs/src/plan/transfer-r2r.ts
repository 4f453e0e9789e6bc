import type { R2rMode } from '../config/transfer.js';
import { shellJoin } from '../exec/quote.js';
import type { SshTarget } from '../exec/runner.js';
import type { HelperSets, LinkKind, TransferPlan } from './transfer-pipeline.js';

/**
 * --r2r (reference §2.14): with both ends remote, one end runs the whole pipeline and reaches the other over a nested
 * ssh, so the stream goes source → destination and never through this host. Pure: decides and builds the command.
 */

export interface R2rDecision {
  readonly mode: R2rMode;
  /** Why a requested mode fell back to off, for a warning; undefined when nothing fell back. */
  readonly fallback?: string;
}

/**
 * The mode in effect. Only a pull-push link has a relay to remove (a same-remote link already runs on that host). The
 * far end (the destination for pull, the source for push) needs sh and ssh, and the nested ssh cannot use a config
 * file of this host (only `none` means the same there), as in the original.
 */
export function resolveR2r(
  requested: R2rMode,
  link: LinkKind,
  helpers: HelperSets,
  targets: { readonly src?: SshTarget; readonly dst?: SshTarget },
): R2rDecision {
  if (requested === 'off' || link !== 'pull-push') return { mode: 'off' };
  const far = requested === 'pull' ? 'dst' : 'src';
  const near = requested === 'pull' ? targets.src : targets.dst;
  for (const program of ['sh', 'ssh']) {
    if (!helpers[far].has(program))
      return {
        mode: 'off',
        fallback: `--r2r=${requested} needs ${program} on the ${far} host; falling back to --r2r=off`,
      };
  }
  const config = near?.configFile;
  if (config !== undefined && config !== 'none') {
    const option = requested === 'pull' ? '--ssh-src-config-file' : '--ssh-dst-config-file';
    return {
      mode: 'off',
      fallback: `--r2r=${requested} cannot pass ${option} (a file of this host) to the nested ssh; falling back to --r2r=off`,
    };
  }
  return { mode: requested };
}

/** The one command of a direct transfer: `sh -c SCRIPT` on the far host, SCRIPT built with shellJoin only. */
export interface R2rCommand {
  readonly side: 'src' | 'dst';
  readonly argv: readonly string[];
}

/**
 * push: on the source `send | ... | ssh DST 'sh -c "... | receive"'`; pull: on the destination
 * `ssh SRC 'sh -c "send | ..."' | ... | receive`. The nested ssh is batch mode and has no ControlPath: this host's
 * sockets mean nothing there.
 */
export function r2rCommand(mode: 'pull' | 'push', plan: TransferPlan, near: SshTarget): R2rCommand {
  const leg = (side: 'src' | 'dst') =>
    plan.stages
      .filter((s) => s.side === side)
      .map((s) => shellJoin(s.argv))
      .join(' | ');
  const nested = (text: string) => shellJoin([...nestedSsh(near), shellJoin(['sh', '-c', text])]);
  const script =
    mode === 'push' ? `${leg('src')} | ${nested(leg('dst'))}` : `${nested(leg('src'))} | ${leg('dst')}`;
  return { side: mode === 'push' ? 'src' : 'dst', argv: ['sh', '-c', script] };
}

function nestedSsh(t: SshTarget): string[] {
  const argv = ['ssh', '-oBatchMode=yes', '-x', '-T'];
  if (t.configFile === 'none') argv.push('-F', 'none');
  if (t.port !== undefined) argv.push('-p', String(t.port));
  argv.push('--', t.user === undefined ? t.host : `${t.user}@${t.host}`);
  return argv;
}
