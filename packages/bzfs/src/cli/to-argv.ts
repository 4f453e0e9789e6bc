/**
 * Typed options of one `bzfs` invocation and their rendering to argv.
 *
 * This is the contract between the jobrunner and bzfs: the jobrunner builds a `BzfsOptions` value and
 * calls `toArgv()`, so renaming a bzfs flag breaks the build instead of the nightly job. Option names
 * follow the original bzfs long options (`--ssh-src-host`, `--delete-dst-snapshots-except-plan`, ...),
 * camel-cased.
 *
 * Rendering rules:
 * - every valued option is written as one token `--name=value`, so a value that starts with `-` can
 *   never be mistaken for another option;
 * - plan values are JSON, which is also a valid Python dict literal, so the original bzfs accepts them
 *   unchanged;
 * - dataset pairs come last, after `--`, because local locators look like options (`-:tank/ds`).
 */

/** `{org: {target: {period: count}}}`, e.g. `{prod: {onsite: {hourly: 36, daily: 31}}}`. */
export type SnapshotPlan = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>
>;

/** Age limits of one monitor check; durations are bzfs duration strings such as `"30 minutes"`. */
export interface MonitorAlert {
  readonly warning?: string;
  readonly critical?: string;
  /** For `oldest`: how many periods the oldest snapshot may lag (the plan's count). */
  readonly cycles?: number;
  /** For `oldest`: ignore snapshots that carry a `zfs hold`. */
  readonly oldestSkipHolds?: boolean;
}

/** `{org: {target: {period: {latest?, oldest?}}}}`, the value of `--monitor-snapshots`. */
export type MonitorSnapshotsPlan = Readonly<
  Record<
    string,
    Readonly<
      Record<
        string,
        Readonly<Record<string, { readonly latest?: MonitorAlert; readonly oldest?: MonitorAlert }>>
      >
    >
  >
>;

/** One `SRC DST` positional pair; each side is a locator `[[user@]host:]dataset`, `-:dataset` or `dummy`. */
export interface DatasetPair {
  readonly src: string;
  readonly dst: string;
}

export interface BzfsOptions {
  readonly datasetPairs: readonly DatasetPair[];
  readonly recursive?: boolean;
  readonly skipParent?: boolean;
  /** `true` renders the bare flag; the strings select the original's partial dry-run modes. */
  readonly dryrun?: boolean | 'send' | 'recv';

  readonly sshSrcUser?: string;
  readonly sshSrcHost?: string;
  readonly sshSrcPort?: number;
  readonly sshSrcConfigFile?: string;
  readonly sshDstUser?: string;
  readonly sshDstHost?: string;
  readonly sshDstPort?: number;
  readonly sshDstConfigFile?: string;

  readonly includeDatasetRegex?: readonly string[];
  readonly excludeDatasetRegex?: readonly string[];
  readonly includeSnapshotPlan?: SnapshotPlan;

  readonly skipReplication?: boolean;
  readonly createSrcSnapshots?: boolean;
  readonly createSrcSnapshotsPlan?: SnapshotPlan;
  /** `true` deletes snapshots; the strings choose what the original's `--delete-dst-snapshots=` deletes. */
  readonly deleteDstSnapshots?: boolean | 'snapshots' | 'bookmarks';
  readonly deleteDstSnapshotsExceptPlan?: SnapshotPlan;
  readonly monitorSnapshots?: MonitorSnapshotsPlan;

  readonly logDir?: string;
  readonly daemonFrequency?: string;
  /** Passed through verbatim, after the typed options and before `--`. */
  readonly extraArgs?: readonly string[];
}

/** Renders `opts` as bzfs argv (without the program name). */
export function toArgv(opts: BzfsOptions): string[] {
  const argv: string[] = [];
  const flag = (name: string, on: boolean | undefined): void => {
    if (on === true) argv.push(`--${name}`);
  };
  const value = (name: string, v: string | number | undefined): void => {
    if (v !== undefined) argv.push(`--${name}=${v}`);
  };
  const plan = (name: string, v: object | undefined): void => {
    if (v !== undefined) argv.push(`--${name}=${JSON.stringify(v)}`);
  };
  const optionalValue = (name: string, v: boolean | string | undefined): void => {
    if (v === true) argv.push(`--${name}`);
    else if (typeof v === 'string') argv.push(`--${name}=${v}`);
  };

  flag('recursive', opts.recursive);
  flag('skip-parent', opts.skipParent);
  optionalValue('dryrun', opts.dryrun);
  for (const side of ['src', 'dst'] as const) {
    const s = side === 'src' ? 'Src' : 'Dst';
    value(`ssh-${side}-user`, nonEmpty(opts[`ssh${s}User`]));
    value(`ssh-${side}-host`, nonEmpty(opts[`ssh${s}Host`]));
    value(`ssh-${side}-port`, opts[`ssh${s}Port`]);
    value(`ssh-${side}-config-file`, nonEmpty(opts[`ssh${s}ConfigFile`]));
  }
  for (const re of opts.includeDatasetRegex ?? []) value('include-dataset-regex', re);
  for (const re of opts.excludeDatasetRegex ?? []) value('exclude-dataset-regex', re);
  plan('include-snapshot-plan', opts.includeSnapshotPlan);
  flag('skip-replication', opts.skipReplication);
  flag('create-src-snapshots', opts.createSrcSnapshots);
  plan('create-src-snapshots-plan', opts.createSrcSnapshotsPlan);
  optionalValue('delete-dst-snapshots', opts.deleteDstSnapshots);
  plan('delete-dst-snapshots-except-plan', opts.deleteDstSnapshotsExceptPlan);
  plan('monitor-snapshots', opts.monitorSnapshots && monitorPlanToOriginal(opts.monitorSnapshots));
  value('log-dir', nonEmpty(opts.logDir));
  value('daemon-frequency', nonEmpty(opts.daemonFrequency));
  argv.push(...(opts.extraArgs ?? []));
  argv.push('--');
  for (const pair of opts.datasetPairs) argv.push(pair.src, pair.dst);
  return argv;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/** The original spells the alert keys in snake case (`oldest_skip_holds`). */
function monitorPlanToOriginal(plan: MonitorSnapshotsPlan): object {
  const alert = (a: MonitorAlert): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (a.warning !== undefined) out['warning'] = a.warning;
    if (a.critical !== undefined) out['critical'] = a.critical;
    if (a.cycles !== undefined) out['cycles'] = a.cycles;
    if (a.oldestSkipHolds !== undefined) out['oldest_skip_holds'] = a.oldestSkipHolds;
    return out;
  };
  return mapValues(plan, (targets) =>
    mapValues(targets, (periods) =>
      mapValues(periods, (p) => ({
        ...(p.latest && { latest: alert(p.latest) }),
        ...(p.oldest && { oldest: alert(p.oldest) }),
      })),
    ),
  );
}

function mapValues<A, B>(rec: Readonly<Record<string, A>>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, f(v)]));
}
