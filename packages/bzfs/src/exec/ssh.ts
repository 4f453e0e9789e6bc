import { shellJoin } from './quote.js';
import type { Command, Pipeline, SshTarget } from './runner.js';
import type { SshControl } from './ssh-slots.js';

export interface SshSettings {
  /** --ssh-program: `ssh` unless given (e.g. `hpnssh`). */
  readonly program?: string;
  /** --ssh-cipher, passed as `ssh -c`; none given: ssh's own choice. */
  readonly cipher?: string;
  /** How long an idle master stays (ControlPersist). */
  readonly controlPersistSecs: number;
  /** Extra -v flags for ssh (from -v -v -v). */
  readonly verbose: boolean;
}

/**
 * `ssh` argv up to (excluding) the remote command: always batch mode, never a tty or X11. `control`
 * says how the session connects (exec/ssh-slots.ts); none: as the ssh config says.
 */
export function sshPrefix(target: SshTarget, settings: SshSettings, control?: SshControl): string[] {
  const multiplexing =
    control === undefined
      ? []
      : control === 'dedicated'
        ? ['-oControlPath=none']
        : [`-oControlPath=${controlPathOption(control.socket)}`, '-oControlMaster=no'];
  return [...sshOptions(target, settings), ...multiplexing, ...destination(target)];
}

/**
 * The local `ssh` that starts (`-M`, left in the background by ControlPersist after running `exit`),
 * checks or stops the master at `socket`.
 */
export function masterArgv(
  target: SshTarget,
  settings: SshSettings,
  socket: string,
  op: 'start' | 'check' | 'exit',
): string[] {
  const path = `-oControlPath=${controlPathOption(socket)}`;
  const opts =
    op === 'start'
      ? [path, '-oControlMaster=yes', `-oControlPersist=${settings.controlPersistSecs}`]
      : [path, '-O', op];
  return [
    ...sshOptions(target, settings),
    ...opts,
    ...destination(target),
    ...(op === 'start' ? ['exit'] : []),
  ];
}

function sshOptions(target: SshTarget, settings: SshSettings): string[] {
  const argv = [settings.program ?? 'ssh', '-oBatchMode=yes', '-oServerAliveInterval=15', '-x', '-T'];
  if (settings.verbose) argv.push('-v');
  if (target.configFile !== undefined) argv.push('-F', target.configFile);
  if (settings.cipher !== undefined) argv.push('-c', settings.cipher);
  if (target.port !== undefined) argv.push('-p', String(target.port));
  return argv;
}

/** `--` ends ssh's options: a host can never be taken for an option (it is validated as well). */
function destination(target: SshTarget): string[] {
  return ['--', target.user === undefined ? target.host : `${target.user}@${target.host}`];
}

/** ssh expands `%` tokens in a ControlPath; a literal `%` is written `%%`. */
const controlPathOption = (socket: string) => socket.replaceAll('%', '%%');

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
 * place where commands turn into shell text. `watchdog`: see {@link withWatchdog}; `control`: which
 * connection the ssh uses (exec/ssh-masters.ts).
 */
export function argvForGroup(
  group: readonly Command[],
  settings: SshSettings,
  o: { watchdog?: boolean; control?: SshControl } = {},
): string[] {
  const first = group[0];
  if (first === undefined) throw new Error('empty command group');
  const script = group.map((c) => shellJoin(c.argv)).join(' | ');
  if (first.place.ssh !== undefined) {
    return [...sshPrefix(first.place.ssh, settings, o.control), o.watchdog ? withWatchdog(script) : script];
  }
  if (group.length !== 1) throw new Error('local commands are never grouped');
  return [...first.argv];
}

/** A copy-pasteable rendering of a command or pipeline, for logs and --dryrun output. */
export function renderForLog(x: Command | Pipeline, settings: SshSettings): string {
  const groups = 'stages' in x ? groupStages(x) : [[x]];
  return groups
    .map((g) => {
      const line = shellJoin(argvForGroup(g, settings));
      const file = g.length === 1 && g[0]?.place.ssh === undefined ? g[0]?.stderrFile : undefined;
      return file === undefined ? line : `${line} 2>> ${shellJoin([file])}`;
    })
    .join(' | ');
}

/**
 * Makes a remote command end when its ssh client goes away. Without a tty sshd never signals the
 * remote command when the connection drops: it only closes the command's pipes, so a remote
 * `zfs send | zfs receive` (same host) runs on, and so does a `zfs send` that is not writing.
 * (`ssh -tt` would make sshd send SIGHUP, but a pty mangles a binary stream.)
 *
 * The one signal that always arrives is the end of the remote stdin. So for a remote group whose
 * stdin is free, i.e. the first stage of the pipeline (a pull's send, a same-host send|receive, a
 * single command), the runner gives ssh a pipe that it never writes to and never closes while
 * the command runs; the pipe closes when the command is stopped, when ssh dies (the channel
 * closes) and when bzfs dies in any way (the kernel closes it). On the remote side, in sh:
 * `cat` waits for that EOF while the script runs in the background with /dev/null as stdin.
 * If the script ends first it kills `cat` (with SIGPIPE, which shells do not report; status >= 128) and its exit code
 * is passed on. If `cat` sees EOF first, the client is gone: everything in the command's process
 * group gets TERM, CONT (a stopped process acts on TERM only once it runs) and, after 2 s, KILL.
 * That group holds exactly this command, because sshd starts each session's command in a new
 * session (setsid) — OpenSSH and Dropbear do.
 *
 * A remote group that is not first (a push's receive) reads the stream on its stdin, which ends
 * when the local ssh or the upstream stage dies: `zfs receive` then fails on the truncated stream.
 *
 * The script runs under `sh -c` so that it means the same whatever the remote login shell is.
 */
function withWatchdog(script: string): string {
  const body = [
    'exec 3<&0 </dev/null',
    'cat <&3 >/dev/null 2>&1 & c=$!',
    'exec 3<&-',
    `{ ${script}; s=$?; kill -s PIPE $c 2>/dev/null; exit $s; } & p=$!`,
    'wait $c',
    'if [ $? -lt 128 ]; then trap "" TERM; kill -s TERM 0; kill -s CONT 0; sleep 2; kill -s KILL 0; fi',
    'wait $p',
  ].join('; ');
  return shellJoin(['sh', '-c', body]);
}
