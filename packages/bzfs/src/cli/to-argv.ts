/**
 * Typed options of one `bzfs` invocation and their rendering to argv.
 *
 * This is the contract between the jobrunner and bzfs: the jobrunner builds a `BzfsOptions` value and
 * calls `toArgv()`. Every flag comes from BZFS_FLAG, which the type-check holds to the long names bzfs's
 * parser declares (option-table.ts), so renaming a bzfs flag breaks the build instead of the nightly
 * job. Option fields follow the original bzfs long options (`--ssh-src-host`,
 * `--delete-dst-snapshots-except-plan`, ...), camel-cased.
 *
 * Rendering rules:
 * - every valued option is written as one token `--name=value`, so a value that starts with `-` can
 *   never be mistaken for another option;
 * - plan values are JSON, which is also a valid Python dict literal, so the original bzfs accepts them
 *   unchanged;
 * - dataset pairs come last, after `--`, because local locators look like options (`-:tank/ds`).
 */
import { exactNamePattern } from '../filters/name-matcher.js';
import type { BzfsLongOption } from './option-table.js';

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
  /**
   * Snapshot (or bookmark) names, matched exactly, that form a snapshot filter group of their own. Groups are a
   * union, so these names are selected in addition to what the other groups select; in except mode
   * (--delete-dst-snapshots-except-plan) they are kept in addition to what the plan keeps. Rendered as
   * `--new-snapshot-filter-group` and one `--include-snapshot-regex` per name; the plans' groups come after it
   * and start their own groups. The jobrunner's cross-destination prune guard sets it.
   */
  readonly keepSnapshotNames?: readonly string[];
  readonly monitorSnapshots?: MonitorSnapshotsPlan;

  readonly logDir?: string;
  /** bzfs-ts's --run-report-file: where the run writes its JSON report (see readRunReport). */
  readonly runReportFile?: string;
  readonly daemonFrequency?: string;
  /** Passed through verbatim, after the typed options and before `--`. */
  readonly extraArgs?: readonly string[];
}

type OptionField = Exclude<keyof BzfsOptions, 'datasetPairs' | 'extraArgs'>;

/**
 * The bzfs flag of each option field, checked against the long names bzfs's parser declares: a
 * renamed or removed bzfs option fails the type-check here, and a field without a flag too.
 */
export const BZFS_FLAG = {
  recursive: 'recursive',
  skipParent: 'skip-parent',
  dryrun: 'dryrun',
  sshSrcUser: 'ssh-src-user',
  sshSrcHost: 'ssh-src-host',
  sshSrcPort: 'ssh-src-port',
  sshSrcConfigFile: 'ssh-src-config-file',
  sshDstUser: 'ssh-dst-user',
  sshDstHost: 'ssh-dst-host',
  sshDstPort: 'ssh-dst-port',
  sshDstConfigFile: 'ssh-dst-config-file',
  includeDatasetRegex: 'include-dataset-regex',
  excludeDatasetRegex: 'exclude-dataset-regex',
  includeSnapshotPlan: 'include-snapshot-plan',
  skipReplication: 'skip-replication',
  createSrcSnapshots: 'create-src-snapshots',
  createSrcSnapshotsPlan: 'create-src-snapshots-plan',
  deleteDstSnapshots: 'delete-dst-snapshots',
  deleteDstSnapshotsExceptPlan: 'delete-dst-snapshots-except-plan',
  keepSnapshotNames: 'include-snapshot-regex',
  monitorSnapshots: 'monitor-snapshots',
  logDir: 'log-dir',
  runReportFile: 'run-report-file',
  daemonFrequency: 'daemon-frequency',
} as const satisfies Record<OptionField, BzfsLongOption>;

/** Starts the group of keepSnapshotNames, so that no filter option before it can narrow that group. */
export const NEW_GROUP_FLAG = 'new-snapshot-filter-group' satisfies BzfsLongOption;

/** The option fields whose values are of type V (e.g. the boolean flags). */
type FieldsOf<V> = {
  [K in OptionField]-?: NonNullable<BzfsOptions[K]> extends V ? K : never;
}[OptionField];

/** Renders `opts` as bzfs argv (without the program name). */
export function toArgv(opts: BzfsOptions): string[] {
  const argv: string[] = [];
  // Each helper takes the field, so a value is always rendered under its own field's flag.
  const flag = (f: FieldsOf<boolean>): void => {
    if (opts[f] === true) argv.push(`--${BZFS_FLAG[f]}`);
  };
  const value = (f: FieldsOf<string | number>): void => {
    const v = opts[f];
    if (v !== undefined && v !== '') argv.push(`--${BZFS_FLAG[f]}=${v}`);
  };
  const repeated = (f: FieldsOf<readonly string[]>): void => {
    for (const v of opts[f] ?? []) argv.push(`--${BZFS_FLAG[f]}=${v}`);
  };
  const plan = (f: FieldsOf<SnapshotPlan | MonitorSnapshotsPlan>, v: object | undefined = opts[f]): void => {
    if (v !== undefined) argv.push(`--${BZFS_FLAG[f]}=${JSON.stringify(v)}`);
  };
  const optionalValue = (f: FieldsOf<boolean | string>): void => {
    const v = opts[f];
    if (v === true) argv.push(`--${BZFS_FLAG[f]}`);
    else if (typeof v === 'string') argv.push(`--${BZFS_FLAG[f]}=${v}`);
  };

  flag('recursive');
  flag('skipParent');
  optionalValue('dryrun');
  for (const s of ['Src', 'Dst'] as const) {
    value(`ssh${s}User`);
    value(`ssh${s}Host`);
    value(`ssh${s}Port`);
    value(`ssh${s}ConfigFile`);
  }
  repeated('includeDatasetRegex');
  repeated('excludeDatasetRegex');
  plan('includeSnapshotPlan');
  flag('skipReplication');
  flag('createSrcSnapshots');
  plan('createSrcSnapshotsPlan');
  optionalValue('deleteDstSnapshots');
  plan('deleteDstSnapshotsExceptPlan');
  if (opts.keepSnapshotNames !== undefined && opts.keepSnapshotNames.length > 0) {
    argv.push(`--${NEW_GROUP_FLAG}`);
    for (const n of opts.keepSnapshotNames)
      argv.push(`--${BZFS_FLAG.keepSnapshotNames}=${exactNamePattern(n)}`);
  }
  plan('monitorSnapshots', opts.monitorSnapshots && monitorPlanToOriginal(opts.monitorSnapshots));
  value('logDir');
  value('runReportFile');
  value('daemonFrequency');
  argv.push(...(opts.extraArgs ?? []));
  argv.push('--');
  for (const pair of opts.datasetPairs) argv.push(pair.src, pair.dst);
  return argv;
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
