import type { Argv } from 'yargs';

// The option declarations of the snapshot cache; cli/options.ts adds them to the parser, cli/args.ts reads them.

export function withCacheOptions<T>(y: Argv<T>) {
  return y.option('cache-snapshots', {
    type: 'boolean',
    describe:
      'Remember per dataset pair the snapshots_changed values of both sides after a replication found them in ' +
      'sync, and skip `zfs list -t snapshot` of pairs whose values are unchanged (OpenZFS >= 2.2; any doubt lists)',
  });
}
