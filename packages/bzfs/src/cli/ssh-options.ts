import type { Argv } from 'yargs';

// The option declarations of ssh connection management; cli/options.ts adds them to the parser and
// cli/ssh-args.ts parses their values.

export function withSshOptions<T>(y: Argv<T>) {
  return y
    .option('ssh-program', {
      type: 'string',
      choices: ['ssh', 'hpnssh', '-'],
      default: 'ssh',
      describe: "The ssh client; '-' means no remote access (a remote SRC or DST is then refused)",
    })
    .option('ssh-cipher', {
      type: 'string',
      default: '^aes256-gcm@openssh.com',
      describe: "Cipher list in order of preference, passed as `ssh -c` (see 'Ciphers' in ssh_config(5))",
    })
    .option('max-concurrent-ssh-sessions-per-tcp-connection', {
      type: 'string',
      default: '8',
      describe:
        'Sessions one shared ssh connection carries at once, beyond that another connection (<= sshd MaxSessions); ' +
        'each zfs send/receive stream gets a connection of its own',
    })
    .option('ssh-exit-on-shutdown', { type: 'boolean', hidden: true });
}
