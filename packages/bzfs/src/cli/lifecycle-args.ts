import type {
  CreateSettings,
  DatasetDeletionSettings,
  MonitorSettings,
  RetentionSettings,
} from '../config/lifecycle.js';
import { ANCHOR_SPECS, periodAnchors, type AnchorKey } from '../model/anchors.js';
import { UsageError } from '../model/errors.js';
import { parseTimeZone } from '../model/time-zone.js';
import { showValue } from '../model/validate.js';
import { creationLabels } from '../plan/create/label.js';
import { DEFAULT_CREATE_PLAN, parseSnapshotPlan } from '../plan/create/snapshot-plan.js';
import { DEFAULT_TIME_FORMAT, parseTimeFormat } from '../plan/create/time-format.js';
import { parseMonitorRules } from '../plan/monitor/rules.js';

/**
 * The parsed options of the lifecycle tasks: --create-src-snapshots*, --delete-dst-snapshots*, --delete-*-datasets,
 * --monitor-snapshots*.
 */

type Parsed = Readonly<Record<string, unknown>>;

/** --create-src-snapshots and its options; undefined without --create-src-snapshots. */
export function createSettings(a: Parsed): CreateSettings | undefined {
  if (!a['create-src-snapshots']) return undefined;
  const planText = a['create-src-snapshots-plan'] as string | undefined;
  const option = '--create-src-snapshots-plan';
  let entries = parseSnapshotPlan(planText?.trim() ? planText : DEFAULT_CREATE_PLAN, option);
  // As in the original: an empty plan (`{}`, what a job spec without plan expands to) means the default.
  if (entries.length === 0) entries = parseSnapshotPlan(DEFAULT_CREATE_PLAN, option);
  return {
    labels: creationLabels(entries),
    timeFormat: parseTimeFormat(
      (a['create-src-snapshots-timeformat'] as string | undefined) ?? DEFAULT_TIME_FORMAT,
    ),
    zone: parseTimeZone((a['create-src-snapshots-timezone'] as string | undefined) ?? ''),
    anchors: anchorsOf(a),
    evenIfNotDue: Boolean(a['create-src-snapshots-even-if-not-due']),
  };
}

/** The period anchors given on the command line, each a decimal integer checked against its range. */
function anchorsOf(a: Parsed): CreateSettings['anchors'] {
  const given: Partial<Record<AnchorKey, number>> = {};
  for (const key of Object.keys(ANCHOR_SPECS) as AnchorKey[]) {
    const option = ANCHOR_SPECS[key].option;
    const v = a[option];
    if (v === undefined) continue;
    const text = String(v).trim();
    if (!/^[+-]?[0-9]+$/.test(text))
      throw new UsageError(`--${option} ${showValue(String(v))}: expected a decimal integer`);
    given[key] = Number(text);
  }
  return periodAnchors(given);
}

/** --delete-dst-snapshots [snapshots|bookmarks] and its options; undefined without --delete-dst-snapshots. */
export function retentionSettings(a: Parsed, hasExceptPlan: boolean): RetentionSettings | undefined {
  const what = a['delete-dst-snapshots'] as string | undefined;
  if (what === undefined) {
    const orphan = [
      'delete-dst-snapshots-except',
      'delete-dst-snapshots-no-crosscheck',
      'force-delete-latest-common-snapshot',
    ].find((o) => a[o]);
    const given = hasExceptPlan ? 'delete-dst-snapshots-except-plan' : orphan;
    if (given !== undefined)
      throw new UsageError(
        `--${given} only applies with --delete-dst-snapshots [snapshots|bookmarks]; add that option`,
      );
    return undefined;
  }
  if (what !== '' && what !== 'snapshots' && what !== 'bookmarks') {
    throw new UsageError(
      `--delete-dst-snapshots ${showValue(what)}: expected 'snapshots' or 'bookmarks' (or nothing: snapshots); ` +
        'to give datasets right after it, write --delete-dst-snapshots=snapshots',
    );
  }
  return {
    kind: what === 'bookmarks' ? 'bookmark' : 'snapshot',
    except: hasExceptPlan || Boolean(a['delete-dst-snapshots-except']),
    crosscheck: !a['delete-dst-snapshots-no-crosscheck'],
    forceDeleteLatestCommonSnapshot: Boolean(a['force-delete-latest-common-snapshot']),
  };
}

const MONITOR_FLAGS = [
  'monitor-snapshots-dont-warn',
  'monitor-snapshots-dont-crit',
  'monitor-snapshots-no-latest-check',
  'monitor-snapshots-no-oldest-check',
];

/**
 * --monitor-snapshots DICT and its flags; undefined without it, and (as in the original) when the plan turns
 * every check off, e.g. `{}`: there is nothing to monitor then.
 */
export function monitorSettings(a: Parsed): MonitorSettings | undefined {
  const text = a['monitor-snapshots'] as string | undefined;
  if (text === undefined) {
    const orphan = MONITOR_FLAGS.find((o) => a[o]);
    if (orphan !== undefined)
      throw new UsageError(`--${orphan} only applies with --monitor-snapshots DICT; add that option`);
    return undefined;
  }
  const rules = parseMonitorRules(text, {
    noLatestCheck: Boolean(a['monitor-snapshots-no-latest-check']),
    noOldestCheck: Boolean(a['monitor-snapshots-no-oldest-check']),
  });
  if (rules.length === 0) return undefined;
  return {
    rules,
    dontWarn: Boolean(a['monitor-snapshots-dont-warn']),
    dontCrit: Boolean(a['monitor-snapshots-dont-crit']),
  };
}

/**
 * --delete-dst-datasets, and --delete-empty-dst-datasets [snapshots|snapshots+bookmarks] (bare: snapshots+bookmarks,
 * as the original's const).
 */
export function datasetDeletionSettings(a: Parsed): DatasetDeletionSettings {
  const empty = a['delete-empty-dst-datasets'] as string | undefined;
  if (empty !== undefined && empty !== '' && empty !== 'snapshots' && empty !== 'snapshots+bookmarks') {
    throw new UsageError(
      `--delete-empty-dst-datasets ${showValue(empty)}: expected 'snapshots' or 'snapshots+bookmarks' (or nothing: ` +
        'snapshots+bookmarks); to give datasets right after it, write --delete-empty-dst-datasets=snapshots+bookmarks',
    );
  }
  return {
    missingOnSource: Boolean(a['delete-dst-datasets']),
    empty: empty === undefined ? undefined : empty === 'snapshots' ? 'snapshots' : 'snapshots+bookmarks',
  };
}
