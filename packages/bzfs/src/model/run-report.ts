/**
 * The run report (--run-report-file, a bzfs-ts extension): one JSON document per run that says how it ended and,
 * per dataset, what replication and monitoring found, so that a caller (the jobrunner) reads facts instead of
 * parsing logs. The shape is a contract between the two programs; `version` changes when it does. Pure.
 */
import { ExitCode } from './exit-codes.js';

export type RunOutcome = 'ok' | 'alert' | 'error' | 'usage-error' | 'still-running';

interface ReplicatedSnapshot {
  readonly name: string;
  /** Decimal string: a uint64 exceeds Number's exact range. */
  readonly guid: string;
  /** Unix seconds. */
  readonly creation: number;
}

export interface ReplicationEntry {
  readonly srcDataset: string;
  readonly dstDataset: string;
  readonly ok: boolean;
  /** `zfs send -nvP` estimates of what the steps sent (the stream never passes through bzfs to be counted). */
  readonly bytes: number;
  readonly durationSeconds: number;
  /** The newest snapshot the destination shares with the source after this run; null if none is known. */
  readonly newestSnapshot: ReplicatedSnapshot | null;
}

/** 0 OK, 1 WARNING, 2 CRITICAL: the worst check of the dataset. */
export type MonitorStatus = 0 | 1 | 2;

export interface MonitorEntry {
  readonly side: 'src' | 'dst';
  readonly dataset: string;
  readonly status: MonitorStatus;
}

export interface RunReport {
  readonly version: 1;
  readonly exitCode: number;
  readonly outcome: RunOutcome;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly replication: readonly ReplicationEntry[];
  readonly monitor: readonly MonitorEntry[];
}

/** How a run ended, from its exit code and whether that code is a monitor alert's. */
export function outcomeOf(exitCode: number, alerted: boolean): RunOutcome {
  if (exitCode === ExitCode.OK) return 'ok';
  if (alerted && (exitCode === ExitCode.WARNING || exitCode === ExitCode.CRITICAL)) return 'alert';
  if (exitCode === ExitCode.USAGE) return 'usage-error';
  return exitCode === ExitCode.STILL_RUNNING ? 'still-running' : 'error';
}

const OUTCOMES: ReadonlySet<unknown> = new Set(['ok', 'alert', 'error', 'usage-error', 'still-running']);

/** The report in `text`, or undefined when it is not one (malformed JSON, another version, a wrong field). */
export function parseRunReport(text: string): RunReport | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v['version'] !== 1 || !OUTCOMES.has(v['outcome'])) return undefined;
  if (!isCount(v['exitCode']) || !isNum(v['startedAt']) || !isNum(v['finishedAt'])) return undefined;
  const { replication, monitor } = v;
  if (!Array.isArray(replication) || !replication.every(isReplicationEntry)) return undefined;
  if (!Array.isArray(monitor) || !monitor.every(isMonitorEntry)) return undefined;
  return v as unknown as RunReport;
}

function isReplicationEntry(e: unknown): boolean {
  if (!isRecord(e) || !isStr(e['srcDataset']) || !isStr(e['dstDataset'])) return false;
  if (typeof e['ok'] !== 'boolean' || !isCount(e['bytes']) || !isNum(e['durationSeconds'])) return false;
  const s = e['newestSnapshot'];
  return s === null || (isRecord(s) && isStr(s['name']) && isStr(s['guid']) && isNum(s['creation']));
}

function isMonitorEntry(e: unknown): boolean {
  return (
    isRecord(e) &&
    (e['side'] === 'src' || e['side'] === 'dst') &&
    isStr(e['dataset']) &&
    (e['status'] === 0 || e['status'] === 1 || e['status'] === 2)
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
