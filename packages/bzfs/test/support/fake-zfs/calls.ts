/** What the fake records of each call, and the compact and copy-pasteable forms tests assert on. */
import type { Command, Pipeline, RunOptions } from '../../../src/exec/runner.js';
import { renderForLog, type SshSettings } from '../../../src/exec/ssh.js';
import { unwrapScriptOnStdin, withoutSudo } from './results.js';

export interface RecordedCall {
  readonly kind: 'run' | 'pipeline';
  readonly stages: readonly Command[];
  readonly opts: RunOptions;
}

/** An injected failure of the next matching call. */
export interface Failure {
  readonly exitCode?: number;
  readonly stderr?: string;
  /** Thrown as is instead of a result/CommandFailedError. */
  readonly error?: Error;
  /** For a send|receive pipeline whose receive has -s: leave partial receive state (a resume token). */
  readonly interrupt?: boolean;
}

const TEST_SSH: SshSettings = { controlPersistSecs: 600, verbose: false };

/** The copy-pasteable form of a command or pipeline, as bzfs logs it. */
export const renderTest = (x: Command | Pipeline): string => renderForLog(x, TEST_SSH);

/** `[host] zfs ...` (remote) or `zfs ...` (local); stages joined with ` | `. For compact assertions. */
export function describeCall(c: { readonly stages: readonly Command[] }): string {
  return c.stages.map((s) => `${s.place.ssh ? `[${s.place.ssh.host}] ` : ''}${compact(s.argv)}`).join(' | ');
}

/** A channel program fed on stdin (src/zfs/bookmark-program.ts) as `script | ZFS ARGV`: the script is a constant. */
function compact(argv: readonly string[]): string {
  const inner = unwrapScriptOnStdin(argv);
  return inner === argv ? argv.join(' ') : `script | ${inner.join(' ')}`;
}

const MUTATING_ZFS = new Set([
  'create',
  'rollback',
  'destroy',
  'bookmark',
  'program',
  'snapshot',
  'set',
  'inherit',
  'rename',
  'promote',
  'receive',
  'recv',
  'hold',
  'release',
]);

/** True if running this command would change ZFS state (any zfs write, or a real `zfs send`). */
export function isMutatingCommand(cmd: Command): boolean {
  const a = withoutSudo(unwrapScriptOnStdin(cmd.argv));
  if (a[0] !== 'zfs') return false;
  const sub = a[1] ?? '';
  // `zfs destroy -n` only reports what it would destroy.
  if (sub === 'destroy' && a.includes('-n')) return false;
  if (MUTATING_ZFS.has(sub)) return true;
  return sub === 'send' && !a.includes('-n') && !a.includes('--dryrun');
}
