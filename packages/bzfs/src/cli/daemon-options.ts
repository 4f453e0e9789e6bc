import type { Argv } from 'yargs';

// The option declarations of daemon mode; cli/options.ts adds them to the parser, cli/daemon-args.ts parses them.
// Hidden, as in the original (its help text for them is commented out); README.md documents them.

export function withDaemonOptions<T>(y: Argv<T>) {
  return y
    .option('daemon-lifetime', {
      type: 'string',
      default: '0 seconds',
      hidden: true,
      describe: 'Run the job again and again in this process until this much time has passed (0: once)',
    })
    .option('daemon-frequency', {
      type: 'string',
      default: 'minutely',
      hidden: true,
      describe: "With --daemon-lifetime: start a cycle every period, e.g. '10secondly', '100millisecondly'",
    })
    .option('daemon-remote-conf-cache-ttl', {
      type: 'string',
      default: '300 seconds',
      hidden: true,
      describe: 'With --daemon-lifetime: how long what was detected about a remote host stays valid',
    });
}
