import type { DatasetPair, SshConfig } from '../config/types.js';
import { UsageError } from '../model/errors.js';
import { integerAtLeast } from './values.js';

/** The ssh settings of the parsed options (cli/ssh-options.ts); refuses a remote endpoint without ssh. */
export function sshSettings(a: Record<string, unknown>, pairs: readonly DatasetPair[]): SshConfig {
  const program = String(a['ssh-program']);
  if (program === '-') {
    const remote = pairs.flatMap((p) => [p.src, p.dst]).find((e) => e.ssh !== undefined);
    if (remote !== undefined)
      throw new UsageError(
        `--ssh-program=- disables remote access, but ${remote.ssh!.host}:${remote.dataset} is remote; ` +
          'give --ssh-program=ssh or only local datasets',
      );
  }
  const cipher = String(a['ssh-cipher']);
  // One `ssh -c` argument, which ssh takes whatever it starts with; a cipher list has no spaces or quotes.
  if (!/^[\^+-]?[A-Za-z0-9@._,-]*$/.test(cipher))
    throw new UsageError(
      `--ssh-cipher ${JSON.stringify(cipher)}: expected a comma-separated list of cipher names`,
    );
  return {
    program: program === '-' ? undefined : program,
    cipher: cipher === '' ? undefined : cipher,
    maxSessionsPerConnection: integerAtLeast(
      a['max-concurrent-ssh-sessions-per-tcp-connection'],
      '--max-concurrent-ssh-sessions-per-tcp-connection',
      1,
    ),
    exitOnShutdown: Boolean(a['ssh-exit-on-shutdown']),
  };
}
