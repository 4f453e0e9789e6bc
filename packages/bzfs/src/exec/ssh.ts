import { shellJoin } from './quote.js';
import type { Command, Pipeline, SshTarget } from './runner.js';

export interface SshSettings {
  /** Directory of the ControlMaster sockets; undefined disables connection sharing. */
  readonly controlDir?: string;
  readonly controlPersistSecs: number;
  /** Extra -v flags for ssh (from -v -v -v). */
  readonly verbose: boolean;
}

/** `ssh` argv up to (excluding) the remote command: always batch mode, never a tty or X11. */
export function sshPrefix(target: SshTarget, settings: SshSettings): string[] {
  const argv = ['ssh', '-oBatchMode=yes', '-oServerAliveInterval=15', '-x', '-T'];
  if (settings.verbose) argv.push('-v');
  if (target.configFile !== undefined) argv.push('-F', target.configFile);
  if (target.port !== undefined) argv.push('-p', String(target.port));
  if (settings.controlDir !== undefined) {
    argv.push(
      '-oControlMaster=auto',
      `-oControlPath=${settings.controlDir}/%C`,
      `-oControlPersist=${settings.controlPersistSecs}`,
    );
  }
  // `--` ends ssh's options: a host can never be taken for an option (it is validated as well).
  argv.push('--', target.user === undefined ? target.host : `${target.user}@${target.host}`);
  return argv;
}

/** True when both commands run in the same place (both local, or the same ssh target). */
export function samePlace(a: Command, b: Command): boolean {
  const x = a.place.ssh;
  const y = b.place.ssh;
  if (x === undefined || y === undefined) return x === y;
  return x.host === y.host && x.user === y.user && x.port === y.port && x.configFile === y.configFile;
}

/**
 * Groups consecutive stages that run on the same remote host into one remote shell pipeline.
 * Local stages stay separate processes (no local shell at all); this process connects the groups.
 */
export function groupStages(p: Pipeline): Command[][] {
  const groups: Command[][] = [];
  for (const stage of p.stages) {
    const last = groups[groups.length - 1];
    const head = last?.[0];
    if (last !== undefined && head?.place.ssh !== undefined && samePlace(head, stage)) last.push(stage);
    else groups.push([stage]);
  }
  return groups;
}

/**
 * The argv to execute locally for a group: a local command as is; a remote group as one ssh call
 * whose remote command is a `|`-joined pipeline of individually quoted argvs. This is the only
 * place where commands turn into shell text.
 */
export function argvForGroup(group: readonly Command[], settings: SshSettings): string[] {
  const first = group[0];
  if (first === undefined) throw new Error('empty command group');
  const script = group.map((c) => shellJoin(c.argv)).join(' | ');
  if (first.place.ssh !== undefined) return [...sshPrefix(first.place.ssh, settings), script];
  if (group.length !== 1) throw new Error('local commands are never grouped');
  return [...first.argv];
}

/** A copy-pasteable rendering of a command or pipeline, for logs and --dryrun output. */
export function renderForLog(x: Command | Pipeline, settings: SshSettings): string {
  const groups = 'stages' in x ? groupStages(x) : [[x]];
  return groups.map((g) => shellJoin(argvForGroup(g, settings))).join(' | ');
}
