/**
 * bzfs options that the jobrunner sets itself for each run. Passing one through (on the command line
 * or in `bzfsOptions`) would apply it to every run — e.g. a deletion flag to a replication — so it is
 * refused, as the original does ("Overriding protected argument ... is not allowed").
 */
const PROTECTED_BZFS_OPTIONS: readonly string[] = [
  '--create-src-snapshots',
  '--create-src-snapshots-plan',
  '--skip-replication',
  '--include-snapshot-plan',
  '--include-snapshot-regex',
  '--exclude-snapshot-regex',
  '--include-snapshot-times-and-ranks',
  '--delete-dst-datasets',
  '--delete-dst-snapshots',
  '--delete-dst-snapshots-except',
  '--delete-dst-snapshots-except-plan',
  '--delete-empty-dst-datasets',
  '--monitor-snapshots',
  '--log-file-prefix',
  '--log-file-infix',
  '--log-file-suffix',
  '--timeout',
  // Per action, from daemonFrequencies or --daemon-*-frequency.
  '--daemon-frequency',
  '--ssh-src-host',
  '--ssh-dst-host',
];

const PROTECTED = new Set(PROTECTED_BZFS_OPTIONS.map((o) => o.slice(2)));

/** True for the long name (without dashes) of a protected option; callers normalize spellings first. */
export function isProtectedOption(longName: string): boolean {
  return PROTECTED.has(longName);
}

export function protectedOptionMessage(option: string): string {
  return `option ${option} is set by the jobrunner for each run and may not be overridden`;
}
