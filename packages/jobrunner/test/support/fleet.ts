/**
 * Support for fleet.itest.ts: the fleet's spec and ssh aliases, the bzfs wrapper with a movable clock,
 * the per-run logs, and listings of what each side holds. Hosts are ssh aliases of the ZFS test guest.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT, SSH_CONFIG, onZfs } from '../../../bzfs/test/integration/harness.js';

export const JOBRUNNER_BIN = `${REPO_ROOT}/packages/jobrunner/dist/bin/jobrunner.js`;
export const BZFS_AT_BUNDLE = `${REPO_ROOT}/packages/bzfs/dist/bzfs-at.mjs`;
export const JOB_ID = 'jr-fleet';
export const SRC_POOL = 'jfsrc';
export const SRC = `${SRC_POOL}/data`;
export const SRC_HOSTS = ['jf-src1', 'jf-src2'] as const;
export const DST_HOSTS = ['jf-dst1', 'jf-dst2'] as const;
export const DST_POOLS = ['jfdst1', 'jfdst2'] as const;
/** The plans of the spec, as counts per period; the assertions derive what each side keeps from them. */
export const SRC_KEEP = { '5minutely': 3, hourly: 1 } as const;
export const SRC_BOOKMARK_KEEP = { '5minutely': 6, hourly: 2 } as const;
export const DST_KEEP = { '5minutely': 5, hourly: 2 } as const;
export const ALL_ACTIONS = [
  '--create-src-snapshots',
  '--replicate',
  '--prune-src-snapshots',
  '--prune-src-bookmarks',
  '--prune-dst-snapshots',
  '--monitor-src-snapshots',
  '--monitor-dst-snapshots',
];

const counts = (o: Record<string, number>) =>
  `{ ${Object.entries(o)
    .map(([p, n]) => `${p}: ${n}`)
    .join(', ')} }`;

export function writeSpec(dir: string, logDir: string): string {
  const ssh = join(dir, 'bzfs_ssh_config');
  const yaml = [
    `jobId: ${JOB_ID}`,
    `rootDatasetPairs: [{ src: ${SRC}, dst: data }]`,
    'recursive: true',
    `srcHosts: [${SRC_HOSTS.join(', ')}]`,
    'dstHosts:',
    ...DST_HOSTS.map((h, i) => `  ${h}: { root: ${DST_POOLS[i]}/^SRC_HOST, targets: [onsite] }`),
    `srcSnapshotPlan: { prod: { onsite: ${counts(SRC_KEEP)} } }`,
    `srcBookmarkPlan: { prod: { onsite: ${counts(SRC_BOOKMARK_KEEP)} } }`,
    `dstSnapshotPlan: { prod: { onsite: ${counts(DST_KEEP)} } }`,
    'monitorSnapshotPlan:',
    '  prod:',
    '    onsite:',
    '      5minutely: { warning: 5 minutes, critical: 15 minutes }',
    '      hourly: { warning: 30 minutes, critical: 2 hours }',
    `ssh: { src: { configFile: ${ssh} }, dst: { configFile: ${ssh} } }`,
    `logDir: ${logDir}`,
    // One run at a time: both source hosts are the same pool here, and their creation runs must not race.
    'workers: 1',
    '',
  ].join('\n');
  const spec = join(dir, 'jobs.yaml');
  writeFileSync(spec, yaml);
  return spec;
}

/**
 * The testbed's ssh settings under this test's alias names; `down` aliases point at a closed port.
 * bzfs accepts only ssh config files whose name contains "bzfs_ssh_config".
 */
export function writeSshConfig(dir: string, down: readonly string[] = []): void {
  const testbed = readFileSync(SSH_CONFIG, 'utf8');
  const up = [...SRC_HOSTS, ...DST_HOSTS].filter((h) => !down.includes(h));
  const text = testbed.replace(/^Host\s.*$/m, `Host ${up.join(' ')}`);
  const closed = down.map((h) => `Host ${h}\n  HostName 127.0.0.1\n  Port 1\n  ConnectTimeout 5\n`).join('');
  writeFileSync(join(dir, 'bzfs_ssh_config'), closed + text, { mode: 0o600 });
}

/** A `--bzfs-program` that runs bzfs with its clock at the instant (ms) the test wrote to `instant-ms`. */
export function writeBzfsWrapper(dir: string): string {
  const path = join(dir, 'bzfs-at.sh');
  const script = `#!/bin/sh\nexec '${process.execPath}' '${BZFS_AT_BUNDLE}' "$(cat '${dir}/instant-ms')" "$@"\n`;
  writeFileSync(path, script, { mode: 0o755 });
  return path;
}

export function setBzfsInstant(dir: string, secs: number): void {
  writeFileSync(join(dir, 'instant-ms'), String(secs * 1000));
}

/** Sets the guest's clock, so that ZFS records `creation` at the instant bzfs believes it is. */
export async function setGuestClock(secs: number): Promise<void> {
  await onZfs(['date', '-s', `@${secs}`]);
}

export interface JobRun {
  exitCode: number;
  stderr: string;
  /** Per-run logs of this job run, keyed `action src→dst` (dst `-` for source-only runs). */
  logs: Map<string, string>;
}

export async function runJobrunner(
  ctx: { spec: string; wrapper: string; logDir: string },
  jobRun: string,
  args: readonly string[],
): Promise<JobRun> {
  const r = await execa(
    process.execPath,
    [JOBRUNNER_BIN, '--spec', ctx.spec, '--bzfs-program', ctx.wrapper, '--job-run', jobRun, ...args],
    { reject: false, env: { bzfs_disable_loopback: 'true', TZ: 'UTC' } },
  );
  return { exitCode: r.exitCode ?? 255, stderr: String(r.stderr), logs: runLogs(ctx.logDir, jobRun) };
}

function runLogs(logDir: string, jobRun: string): Map<string, string> {
  const logs = new Map<string, string>();
  if (!existsSync(logDir)) return logs;
  for (const day of readdirSync(logDir).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d))) {
    for (const f of readdirSync(join(logDir, day))) {
      if (!f.endsWith('.log')) continue; // beside each run log lies its run report, <log>.report.json
      const fields = f.replace(/\.log$/, '').split(',');
      if (fields[0] !== 'bzfs-jobrunner' || fields[3] !== JOB_ID || fields[4] !== jobRun) continue;
      logs.set(`${fields[1]} ${fields[7]}→${fields[8] || '-'}`, readFileSync(join(logDir, day, f), 'utf8'));
    }
  }
  return logs;
}

export function describeRun(run: JobRun): string {
  return `exit ${run.exitCode}\n${run.stderr}\n${[...run.logs].map(([k, v]) => `--- ${k}\n${v}`).join('\n')}`;
}

/** The `what` of each send a bzfs log executed, e.g. `['-i a → b']`; `full → a` for a full send. */
export function sends(log: string): string[] {
  return [...log.matchAll(/Executing \(([^)]*)\): .*zfs send/g)].map((m) => m[1]!);
}

export interface Listed {
  name: string;
  guid: string;
  /** ZFS `creation`, unix seconds. */
  creation: number;
}

/** Snapshots or bookmarks of one dataset (not its children), oldest first by createtxg. */
export async function listing(dataset: string, type: 'snapshot' | 'bookmark'): Promise<Listed[]> {
  const r = await onZfs([
    'zfs',
    'list',
    '-t',
    type,
    '-d',
    '1',
    '-Hp',
    '-o',
    'name,guid,creation',
    '-s',
    'createtxg',
    dataset,
  ]);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [full, guid, creation] = l.split('\t') as [string, string, string];
      return { name: full.slice(full.search(/[@#]/) + 1), guid, creation: Number(creation) };
    });
}

const PERIOD_SECS: Readonly<Record<string, number>> = { '5minutely': 300, hourly: 3600 };
const periodOf = (name: string): string => name.slice(name.lastIndexOf('_') + 1);

/**
 * The names of `all` (oldest first) that a plan of `keep` per period retains at `nowSecs`, by the
 * rule of --delete-dst-snapshots-except-plan: per period, the latest N and those younger than N periods.
 */
export function kept(
  all: readonly Listed[],
  keep: Readonly<Record<string, number>>,
  nowSecs: number,
): string[] {
  const out = new Set<string>();
  for (const [period, n] of Object.entries(keep)) {
    const ofPeriod = all.filter((s) => periodOf(s.name) === period);
    ofPeriod.slice(Math.max(0, ofPeriod.length - n)).forEach((s) => out.add(s.name));
    const since = nowSecs - n * PERIOD_SECS[period]!;
    ofPeriod.filter((s) => s.creation > since).forEach((s) => out.add(s.name));
  }
  return all.map((s) => s.name).filter((s) => out.has(s));
}

/** Prometheus sample value of `family` whose labels include all of `labels`; undefined if none. */
export function metric(text: string, family: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${family}{`)) continue;
    const inner = line.slice(family.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inner.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf('}') + 1).trim());
  }
  return undefined;
}
