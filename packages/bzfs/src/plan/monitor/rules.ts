/**
 * The value of --monitor-snapshots, `{org: {target: {period: {latest|oldest: {warning, critical, cycles,
 * oldest_skip_holds}}}}}`, read into the rules the monitor checks. A limit is DUR + cycles × the period's
 * nominal length (cycles default 1, for `oldest` too: the jobrunner passes the plan's count), so that an
 * hourly label with `warning: '30 minutes'` warns when its latest snapshot is over 90 minutes old. A DUR
 * that is missing or zero turns that severity off; a check with neither is not made.
 */
import { DURATION_UNITS, durationWordsMs } from '../../filters/time-range.js';
import { parsePeriod, periodMs } from '../../model/period.js';
import type { Literal } from '../create/dict-literal.js';
import type { SnapshotLabel } from '../create/label.js';
import { planLeaves, planProblem, type PlanLeaf } from '../create/snapshot-plan.js';

export type CheckKind = 'latest' | 'oldest';

/** The total age limits of one check; an absent one is not checked. */
export interface AgeLimits {
  readonly warningMs?: number;
  readonly criticalMs?: number;
}

export interface MonitorRule {
  readonly label: SnapshotLabel;
  readonly latest?: AgeLimits;
  readonly oldest?: AgeLimits;
  /** oldest_skip_holds: a held snapshot (`zfs hold`) is passed over when picking the oldest. */
  readonly oldestSkipHolds: boolean;
}

const OPTION = '--monitor-snapshots';
const KINDS: readonly CheckKind[] = ['latest', 'oldest'];

/**
 * The rules, longest period first (the original's order: dailies are checked before hourlies), then by name,
 * descending as the original sorts them. Hidden --monitor-snapshots-no-{latest,oldest}-check drop those checks.
 */
export function parseMonitorRules(
  text: string,
  o: { readonly noLatestCheck: boolean; readonly noOldestCheck: boolean },
): MonitorRule[] {
  const rules: MonitorRule[] = [];
  for (const leaf of planLeaves(text, OPTION, "'latest' or 'oldest' checks")) {
    const problem = (path: readonly string[], why: string) =>
      planProblem(OPTION, text, [leaf.org, leaf.target, leaf.periodName, ...path], why);
    const label = labelOf(leaf);
    const checks = dictOf(leaf.value, () => problem([], "must be a dict of 'latest' or 'oldest' checks"));
    let latest: AgeLimits | undefined;
    let oldest: AgeLimits | undefined;
    let oldestSkipHolds = false;
    for (const [kind, value] of checks) {
      if (!KINDS.includes(kind as CheckKind)) throw problem([kind], "must be 'latest' or 'oldest'");
      const read = readCheck(kind as CheckKind, value, label, (key, why) => problem([kind, ...key], why));
      if (kind === 'latest') latest = read.limits;
      else [oldest, oldestSkipHolds] = [read.limits, read.skipHolds];
    }
    if (o.noLatestCheck) latest = undefined;
    if (o.noOldestCheck) oldest = undefined;
    if (latest !== undefined || oldest !== undefined)
      rules.push({ label, ...(latest && { latest }), ...(oldest && { oldest }), oldestSkipHolds });
  }
  return rules.sort(longestFirst);
}

function labelOf(leaf: PlanLeaf): SnapshotLabel {
  const { org, target, periodName } = leaf;
  return { org, target, periodName, period: parsePeriod(periodName) };
}

function dictOf(lit: Literal, fail: () => Error): ReadonlyMap<string, Literal> {
  if (lit.kind !== 'dict') throw fail();
  return lit.entries;
}

type Fail = (path: readonly string[], why: string) => Error;

function readCheck(
  kind: CheckKind,
  value: Literal,
  label: SnapshotLabel,
  fail: Fail,
): { limits: AgeLimits | undefined; skipHolds: boolean } {
  const entries = dictOf(value, () => fail([], 'must be a dict with warning, critical and cycles'));
  let warning = 0;
  let critical = 0;
  let cycles = 1;
  let skipHolds = false;
  for (const [key, v] of entries) {
    if (key === 'warning') warning = durationOf(v, () => fail([key], DURATION_EXPECTED));
    else if (key === 'critical') critical = durationOf(v, () => fail([key], DURATION_EXPECTED));
    else if (key === 'cycles') cycles = cyclesOf(v, () => fail([key], 'must be a non-negative integer'));
    else if (key === 'oldest_skip_holds' && kind === 'oldest')
      skipHolds = booleanOf(v, () => fail([key], 'must be true or false'));
    else {
      const keys =
        kind === 'oldest'
          ? "'warning', 'critical', 'cycles' or 'oldest_skip_holds'"
          : "'warning', 'critical' or 'cycles'";
      throw fail([key], `must be ${keys}`);
    }
  }
  if (warning <= 0 && critical <= 0) return { limits: undefined, skipHolds };
  const extra = cycles * (label.period === undefined ? 0 : periodMs(label.period));
  return {
    limits: {
      ...(warning > 0 && { warningMs: warning + extra }),
      ...(critical > 0 && { criticalMs: critical + extra }),
    },
    skipHolds,
  };
}

const DURATION_EXPECTED = `must be a duration such as '30 minutes' (units: ${DURATION_UNITS.join(', ')})`;

function durationOf(v: Literal, fail: () => Error): number {
  const ms = v.kind === 'string' ? durationWordsMs(v.value) : undefined;
  if (ms === undefined) throw fail();
  return ms;
}

function cyclesOf(v: Literal, fail: () => Error): number {
  const text = v.kind === 'number' ? v.text : v.kind === 'string' ? v.value : '';
  const n = /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw fail();
  return n;
}

/** Python's True/False (the original's dict literals) and JSON's true/false (what the jobrunner writes). */
function booleanOf(v: Literal, fail: () => Error): boolean {
  if (v.kind === 'word' && /^(true|True)$/.test(v.text)) return true;
  if (v.kind === 'word' && /^(false|False)$/.test(v.text)) return false;
  throw fail();
}

const nominalMs = (r: MonitorRule) => (r.label.period === undefined ? 0 : periodMs(r.label.period));
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The parts as the original compares them, with their `_`: `org_`, `target_` or '', `_period` or ''. */
const parts = (l: SnapshotLabel) => [
  `${l.org}_`,
  l.target === '' ? '' : `${l.target}_`,
  l.periodName === '' ? '' : `_${l.periodName}`,
];

/** Longest period first; then by the name's parts, descending (as the original's reverse sort). */
function longestFirst(a: MonitorRule, b: MonitorRule): number {
  const [x, y] = [parts(a.label), parts(b.label)];
  return nominalMs(b) - nominalMs(a) || x.reduce((c, _, i) => c || compare(y[i]!, x[i]!), 0);
}
