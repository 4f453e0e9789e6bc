/**
 * The per-action cadence of daemons, as the original jobrunner passes it: each run of an action gets its
 * `--daemon-frequency` (bzfs uses it only with a --daemon-lifetime, which is passed through like any other bzfs
 * option). Snapshot creation gets none: a creating daemon wakes when its plan's labels are due. The original
 * writes the frequency into every run, the default `minutely` too; bzfs-ts writes it only when the spec or the
 * command line sets one, which means the same to bzfs (its own default is minutely).
 */
import type { BzfsOptions } from '@bzfs-ts/bzfs';
import type { Action } from './actions.js';

export type DaemonFrequencyKey = 'replication' | 'pruneSrc' | 'pruneDst' | 'monitorSnapshots';
export type DaemonFrequencies = Readonly<Partial<Record<DaemonFrequencyKey, string>>>;

const KEY_OF: Readonly<Record<Action, DaemonFrequencyKey | undefined>> = {
  'create-src-snapshots': undefined,
  replicate: 'replication',
  'prune-src-snapshots': 'pruneSrc',
  'prune-src-bookmarks': 'pruneSrc',
  'prune-dst-snapshots': 'pruneDst',
  'monitor-src-snapshots': 'monitorSnapshots',
  'monitor-dst-snapshots': 'monitorSnapshots',
};

/** The `daemonFrequency` option of an action's runs: the command line's over the spec's, else none. */
export function daemonFrequencyOption(
  action: Action,
  fromSpec: DaemonFrequencies | undefined,
  fromCli: DaemonFrequencies | undefined,
): Partial<BzfsOptions> {
  const key = KEY_OF[action];
  const f = key === undefined ? undefined : (fromCli?.[key] ?? fromSpec?.[key]);
  return f === undefined ? {} : { daemonFrequency: f };
}
