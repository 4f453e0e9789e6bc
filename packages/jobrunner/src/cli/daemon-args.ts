/**
 * The original jobrunner's --daemon-replication-frequency, --daemon-prune-src-frequency,
 * --daemon-prune-dst-frequency and --daemon-monitor-snapshots-frequency: each overrides the spec's
 * `daemonFrequencies` entry of its actions (expand/daemon-frequency.ts).
 */
import { PERIOD_PATTERN, showValue } from '@bzfs-ts/bzfs';
import type { Argv } from 'yargs';
import type { DaemonFrequencies, DaemonFrequencyKey } from '../expand/daemon-frequency.js';
import { PERIOD_EXPECTED } from '../spec/names.js';

const OPTIONS: Readonly<Record<DaemonFrequencyKey, { option: string; actions: string }>> = {
  replication: { option: 'daemon-replication-frequency', actions: 'replicate' },
  pruneSrc: { option: 'daemon-prune-src-frequency', actions: 'prune-src-*' },
  pruneDst: { option: 'daemon-prune-dst-frequency', actions: 'prune-dst-snapshots' },
  monitorSnapshots: { option: 'daemon-monitor-snapshots-frequency', actions: 'monitor-*-snapshots' },
};

export function withDaemonOptions<T>(y: Argv<T>): Argv<T> {
  let p = y;
  for (const { option, actions } of Object.values(OPTIONS)) {
    p = p.option(option, {
      type: 'string',
      requiresArg: true,
      describe: `With --daemon-lifetime: how often the ${actions} daemons run, e.g. 10secondly (default: spec, else minutely)`,
    });
  }
  return p;
}

const PERIOD = new RegExp(PERIOD_PATTERN);

/** The frequencies given, or the message of the first invalid one. */
export function daemonFrequencies(a: Readonly<Record<string, unknown>>): DaemonFrequencies | string {
  const out: Partial<Record<DaemonFrequencyKey, string>> = {};
  for (const [key, { option }] of Object.entries(OPTIONS) as [DaemonFrequencyKey, { option: string }][]) {
    const v = a[option];
    if (v === undefined) continue;
    if (!PERIOD.test(String(v))) return `--${option} ${showValue(String(v))}: expected ${PERIOD_EXPECTED}`;
    out[key] = String(v);
  }
  return out;
}
