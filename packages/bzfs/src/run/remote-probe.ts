import type { CommandRunner, SshTarget } from '../exec/runner.js';
import { BzfsError } from '../model/errors.js';

/** What bzfs learns of a remote login once per host and run: the uid (sudo or not) and the login shell. */
export interface RemoteFacts {
  readonly uid: string | undefined;
  readonly shell: string | undefined;
}

/**
 * One ssh session for both facts. Plain words under `sh -c`, so the login shell only has to pass one
 * quoted word on, which even the shells refused below do. sshd sets SHELL to the login shell.
 */
const PROBE_ARGV = ['sh', '-c', 'id -u; printenv SHELL'] as const;

function parseProbe(stdout: string): RemoteFacts {
  const [uid, shell] = stdout.split('\n').map((l) => l.trim());
  return { uid: /^\d+$/.test(uid ?? '') ? uid : undefined, shell: shell || undefined };
}

/**
 * Login shells that do not follow POSIX quoting: every remote command line bzfs sends is quoted for a
 * POSIX sh, and one of these would read it differently (csh expands `!` and `$` in places sh does not).
 */
const NON_POSIX_SHELLS = new Set(['csh', 'tcsh', 'fish', 'nu', 'nushell', 'xonsh', 'elvish']);

/** Throws (exit 3) for a login shell that would misread bzfs's quoting. */
export function checkLoginShell(facts: RemoteFacts, label: 'src' | 'dst', target: SshTarget): void {
  const name = facts.shell?.split('/').pop() ?? '';
  if (!NON_POSIX_SHELLS.has(name)) return;
  const user = target.user ?? 'the ssh user';
  throw new BzfsError(
    `Refusing to run commands on the ${label} host ${target.host}: the login shell of ${user} there is ` +
      `${facts.shell}, which does not follow POSIX shell quoting, and bzfs quotes every remote command for a ` +
      `POSIX sh. Make a POSIX shell the login shell of that user (e.g. \`chsh -s /bin/sh ${target.user ?? 'USER'}\` ` +
      'on that host), or connect as a user whose login shell is sh, bash, dash, ksh or zsh.',
  );
}

/** Runs the probe once per ssh target and run; later calls share the first answer. */
export function probeRemote(
  cache: Map<string, Promise<RemoteFacts>>,
  target: SshTarget,
  runner: CommandRunner,
  signal: AbortSignal,
): Promise<RemoteFacts> {
  const key = JSON.stringify([target.user, target.host, target.port, target.configFile]);
  let p = cache.get(key);
  if (p === undefined) {
    p = runner
      .run({ place: { ssh: target }, argv: PROBE_ARGV, changesState: false }, { signal })
      .then((r) => parseProbe(r.stdout));
    cache.set(key, p);
  }
  return p;
}
