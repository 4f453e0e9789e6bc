/**
 * Snapshot plans: `{org: {target: {period: count}}}`, the value of --create-src-snapshots-plan,
 * --include-snapshot-plan and --delete-dst-snapshots-except-plan. For creation a count only says
 * whether to make snapshots of that period at all (> 0); selection and retention read it as "keep N".
 */
import { UsageError } from '../../model/errors.js';
import { parsePeriod, type Period } from '../../model/period.js';
import { showValue } from '../../model/validate.js';
import { parseDictLiteral, type Literal } from './dict-literal.js';

export interface PlanEntry {
  /** The organisation, the first part of the snapshot name (`prod` in `prod_onsite_..._hourly`). */
  readonly org: string;
  /** The logical replication target, the second part; '' leaves that part out of the name. */
  readonly target: string;
  /** The period as written, the last part of the name: `hourly`, `10minutely`, `adhoc`, ... */
  readonly periodName: string;
  /** The parsed period; undefined for `adhoc` and any other non-periodic suffix. */
  readonly period: Period | undefined;
  readonly count: number;
}

/** The plan --create-src-snapshots uses when --create-src-snapshots-plan is absent or empty (as the original). */
export const DEFAULT_CREATE_PLAN = "{'bzfs': {'onsite': {'adhoc': 1}}}";

/** One `org.target.period` leaf of a plan dict, whatever it holds (a count, or a monitor's alerts). */
export interface PlanLeaf {
  readonly org: string;
  readonly target: string;
  readonly periodName: string;
  readonly value: Literal;
}

/** A UsageError naming the option, the whole value and the path to the bad part. */
export function planProblem(option: string, text: string, path: readonly string[], why: string): UsageError {
  return new UsageError(`${option} ${showValue(text)}: ${path.map((p) => showValue(p)).join('.')}: ${why}`);
}

/**
 * The leaves of `{org: {target: {period: ...}}}` in the order written; anything but a dict of dicts of
 * dicts is refused with the path to the bad part. `holds` names what the period dicts hold, for that message.
 */
export function planLeaves(text: string, option: string, holds: string): PlanLeaf[] {
  const dictAt = (lit: Literal, path: string[], of: string): ReadonlyMap<string, Literal> => {
    if (lit.kind === 'dict') return lit.entries;
    const where = path.length === 0 ? 'the plan' : path.map((p) => showValue(p)).join('.');
    throw new UsageError(`${option} ${showValue(text)}: ${where} must be a dict of ${of}`);
  };
  const leaves: PlanLeaf[] = [];
  const root = parseDictLiteral(text, option);
  for (const [org, targets] of dictAt(root, [], 'organisations')) {
    for (const [target, periods] of dictAt(targets, [org], 'targets')) {
      for (const [periodName, value] of dictAt(periods, [org, target], holds))
        leaves.push({ org, target, periodName, value });
    }
  }
  return leaves;
}

/**
 * Entries in the order written. Refused, with the path to the bad part: anything but a dict of
 * dicts of dicts, and a count that is not a non-negative integer.
 */
export function parseSnapshotPlan(text: string, option: string): PlanEntry[] {
  return planLeaves(text, option, 'periods with counts').map(({ org, target, periodName, value }) => {
    const n = value.kind === 'number' && /^(0|[1-9][0-9]*)$/.test(value.text) ? Number(value.text) : NaN;
    if (!Number.isSafeInteger(n)) {
      const got = value.kind === 'number' || value.kind === 'word' ? value.text : `a ${value.kind}`;
      throw planProblem(
        option,
        text,
        [org, target, periodName],
        `the count must be a non-negative integer, got ${got}`,
      );
    }
    return { org, target, periodName, period: parsePeriod(periodName), count: n };
  });
}
