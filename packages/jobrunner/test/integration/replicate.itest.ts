/**
 * bzfs-jobrunner on real ZFS (issue 4): a spec with 2 source hosts and 2 destination hosts, all ssh
 * aliases of the ZFS test guest, run from THIS machine so that every bzfs run is pull-push over ssh.
 * The first `--replicate` makes every (source, destination) pair a full replica; after new source
 * snapshots, the second run sends only increments.
 *
 * A spec's `rootDatasetPairs` name the same source datasets on every source host, and here all the
 * "hosts" are one machine, so both source hosts read the same source pool (jrsrc). Their replicas
 * still land in separate trees, `jrdstN/<source host>/data`, one per (source, destination) pair.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import {
  REPO_ROOT,
  SSH_CONFIG,
  createPool,
  destroyPool,
  expectReplica,
  snapshotRows,
  writeData,
  zfs,
} from '../../../bzfs/test/integration/harness.js';

const JOBRUNNER_BIN = `${REPO_ROOT}/packages/jobrunner/dist/bin/jobrunner.js`;
const BZFS_BIN = `${REPO_ROOT}/packages/bzfs/dist/bin/bzfs.js`;
const JOB_ID = 'jr-itest';
const SRC_POOL = 'jrsrc';
const DST_POOLS = ['jrdst1', 'jrdst2'] as const;
const SRC_HOSTS = ['jr-src1', 'jr-src2'] as const;
const DST_HOSTS = ['jr-dst1', 'jr-dst2'] as const;
const SRC = `${SRC_POOL}/data`; // with a child: the spec is recursive
const POOLS = [SRC_POOL, ...DST_POOLS];

/** Every (source host, destination host) pair and where its replica lives. */
const PAIRS = SRC_HOSTS.flatMap((src) =>
  DST_HOSTS.map((dst, i) => ({ src, dst, dstRoot: `${DST_POOLS[i]}/${src}/data` })),
);

let dir = '';
let logDir = '';

/**
 * The testbed's ssh settings (HostName, Port, User, IdentityFile, ...) under this test's four alias
 * names. bzfs accepts only ssh config files whose name contains "bzfs_ssh_config".
 */
function writeSshConfig(path: string): void {
  const testbed = readFileSync(SSH_CONFIG, 'utf8');
  const hostLines = testbed.split('\n').filter((l) => /^Host\s/.test(l));
  if (hostLines.length !== 1) throw new Error(`expected one Host block in ${SSH_CONFIG}, got:\n${testbed}`);
  writeFileSync(path, testbed.replace(/^Host\s.*$/m, `Host ${[...SRC_HOSTS, ...DST_HOSTS].join(' ')}`), {
    mode: 0o600,
  });
}

function writeSpec(path: string, sshConfig: string): void {
  const yaml = [
    `jobId: ${JOB_ID}`,
    'rootDatasetPairs:',
    `  - { src: ${SRC}, dst: data }`,
    'recursive: true',
    `srcHosts: [${SRC_HOSTS.join(', ')}]`,
    'dstHosts:',
    ...DST_HOSTS.map((h, i) => `  ${h}: { root: ${DST_POOLS[i]}/^SRC_HOST, targets: [""] }`),
    'ssh:',
    `  src: { configFile: ${sshConfig} }`,
    `  dst: { configFile: ${sshConfig} }`,
    `logDir: ${logDir}`,
    'workers: 4',
    '',
  ].join('\n');
  writeFileSync(path, yaml);
}

/** Runs the jobrunner on this machine; returns its exit code, stderr and the per-run logs of this job run. */
async function runJobrunner(jobRun: string): Promise<{
  exitCode: number;
  stderr: string;
  logs: Map<string, string>;
}> {
  const r = await execa(
    process.execPath,
    [JOBRUNNER_BIN, '--spec', join(dir, 'jobs.yaml'), '--replicate', '--job-run', jobRun],
    // Make sure no alias is ever taken for this machine (it is not, but the rule depends on names).
    { reject: false, env: { bzfs_disable_loopback: 'true' } },
  );
  return { exitCode: r.exitCode ?? 255, stderr: String(r.stderr), logs: runLogs(jobRun) };
}

/**
 * The jobrunner's per-run logs (<logDir>/<day>/bzfs-jobrunner,replicate,<time>,<jobId>,<jobRun>,<seq>,
 * <localhost>,<src>,<dst>.log), keyed "src→dst". The first line is the bzfs command line, the rest is
 * what bzfs wrote to stdout and stderr.
 */
function runLogs(jobRun: string): Map<string, string> {
  const logs = new Map<string, string>();
  if (!existsSync(logDir)) return logs;
  for (const day of readdirSync(logDir)) {
    if (!/^\d{4}-\d\d-\d\d$/.test(day)) continue;
    for (const f of readdirSync(join(logDir, day))) {
      if (!f.endsWith('.log')) continue; // beside each run log lies its run report, <log>.report.json
      const fields = f.replace(/\.log$/, '').split(',');
      if (fields[0] !== 'bzfs-jobrunner' || fields[1] !== 'replicate') continue;
      if (fields[3] !== JOB_ID || fields[4] !== jobRun) continue;
      logs.set(`${fields[7]}→${fields[8]}`, readFileSync(join(logDir, day, f), 'utf8'));
    }
  }
  return logs;
}

function expectSucceeded(run: { exitCode: number; stderr: string; logs: Map<string, string> }): void {
  if (run.exitCode !== 0) {
    const logs = [...run.logs].map(([k, v]) => `--- ${k}\n${v}`).join('\n');
    throw new Error(`bzfs-jobrunner exited ${run.exitCode}\n${run.stderr}\n${logs}`);
  }
  expect(run.stderr).toMatch(/Ready to run 4 bzfs runs using 2\/2 src hosts .* 2\/2 dst hosts/);
  expect(run.stderr).toMatch(/Succeeded\. Bye!/);
  expect([...run.logs.keys()].sort()).toEqual(PAIRS.map((p) => `${p.src}→${p.dst}`).sort());
}

/**
 * The sends of a bzfs log, per source dataset: the `what` of each `Executing (what): ... zfs send ...`
 * line, e.g. `{ 'jrsrc/data': ['full → s1', '-i s1 → s2'], 'jrsrc/data/child': [...] }`. Each send must
 * run over ssh between this pair's two aliases (pull-push).
 */
function sendsByDataset(log: string, pair: { src: string; dst: string }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of log.split('\n')) {
    const m = /Executing \(([^)]*)\): (.*)$/.exec(line);
    if (m === null) continue;
    const [, what, cmd] = m as unknown as [string, string, string];
    // Other changes are logged the same way (e.g. the source's bookmarks, made by one `zfs program`).
    if (!cmd.includes("'zfs send ")) continue;
    // Helpers (compression, mbuffer, pv) may stand between the two ends of a stream of 1 MiB or more.
    expect(cmd).toMatch(
      new RegExp(`^ssh .* -- ${pair.src} 'zfs send .*\\| ssh .* -- ${pair.dst} '(.* \\| )?zfs receive `),
    );
    const ds = /'zfs send [^'|]*? ([^ ']+)@[^ '|]+(?:'| \|)/.exec(cmd)?.[1];
    if (ds === undefined) throw new Error(`no source snapshot in: ${line}`);
    (out[ds] ??= []).push(what);
  }
  return out;
}

async function expectAllReplicas(): Promise<void> {
  for (const p of PAIRS) await expectReplica(SRC, p.dstRoot);
}

async function snapshotAll(name: string): Promise<void> {
  await zfs('snapshot', '-r', `${SRC}@${name}`);
}

async function cleanup(): Promise<void> {
  const errors: unknown[] = [];
  for (const pool of POOLS) await destroyPool(pool).catch((e: unknown) => errors.push(e));
  // JR_ITEST_KEEP=1 keeps the spec, ssh config and run logs for a look afterwards.
  if (dir !== '' && process.env['JR_ITEST_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true });
  if (errors.length > 0) throw errors[0];
}

const canRun = SSH_CONFIG !== '' && existsSync(SSH_CONFIG);
const describeIfSsh = canRun ? describe : describe.skip;

describeIfSsh('bzfs-jobrunner --replicate, 2 source hosts × 2 destination hosts over ssh', () => {
  beforeAll(async () => {
    for (const bin of [JOBRUNNER_BIN, BZFS_BIN]) {
      if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run -s build\` first`);
    }
    dir = mkdtempSync(join(tmpdir(), 'jr-itest-'));
    logDir = join(dir, 'bzfs-logs'); // bzfs requires "bzfs-logs" in the last component
    const sshConfig = join(dir, 'bzfs_ssh_config');
    writeSshConfig(sshConfig);
    writeSpec(join(dir, 'jobs.yaml'), sshConfig);
    for (const pool of POOLS) await createPool(pool, 128);
    await zfs('create', SRC);
    await zfs('create', `${SRC}/child`);
  });
  afterAll(cleanup);

  it('the first run replicates every pair in full, the second sends only the increments', async () => {
    await writeData(SRC, 'f1');
    await writeData(`${SRC}/child`, 'c1');
    await snapshotAll('s1');
    await writeData(SRC, 'f2');
    await snapshotAll('s2');

    // Run 1: nothing on the destinations yet.
    const first = await runJobrunner('run1');
    expectSucceeded(first);
    for (const p of PAIRS) {
      const log = first.logs.get(`${p.src}→${p.dst}`)!;
      // Pull-push: bzfs on this machine, both sides reached through this test's ssh aliases.
      const cmdLine = log.split('\n', 1)[0]!;
      expect(cmdLine).toContain(BZFS_BIN);
      expect(cmdLine).toContain(` ${p.src}:${SRC} ${p.dst}:${p.dstRoot}`);
      // Per dataset: s1 in full, then s2 on top of it.
      expect(sendsByDataset(log, p)).toEqual({
        [SRC]: ['full → s1', '-i s1 → s2'],
        [`${SRC}/child`]: ['full → s1', '-i s1 → s2'],
      });
    }
    await expectAllReplicas();
    for (const p of PAIRS) {
      expect((await snapshotRows(p.dstRoot)).map((r) => r.name).sort()).toEqual([
        '/child@s1',
        '/child@s2',
        '@s1',
        '@s2',
      ]);
    }

    // Run 2: new snapshots on the source; only they travel.
    await writeData(SRC, 'f3');
    await writeData(`${SRC}/child`, 'c3');
    await snapshotAll('s3');
    await writeData(SRC, 'f4');
    await snapshotAll('s4');
    const second = await runJobrunner('run2');
    expectSucceeded(second);
    for (const p of PAIRS) {
      const byDataset = sendsByDataset(second.logs.get(`${p.src}→${p.dst}`)!, p);
      expect(Object.keys(byDataset).sort()).toEqual([SRC, `${SRC}/child`]);
      for (const whats of Object.values(byDataset)) {
        // No full send; incrementals from the latest common snapshot s2 up to s4 (one -I, or an -i chain).
        for (const w of whats) expect(w).toMatch(/^-[iI] s\d → s\d$/);
        expect(whats[0]).toMatch(/^-[iI] s2 → /);
        expect(whats.at(-1)).toMatch(/ → s4$/);
      }
      expect(second.logs.get(`${p.src}→${p.dst}`)).not.toMatch(/Executing \(full/);
    }
    await expectAllReplicas();
    for (const p of PAIRS) {
      expect((await snapshotRows(p.dstRoot)).map((r) => r.name).sort()).toEqual([
        '/child@s1',
        '/child@s2',
        '/child@s3',
        '/child@s4',
        '@s1',
        '@s2',
        '@s3',
        '@s4',
      ]);
    }
  }, 900_000); // a bound on a hang, generous for a loaded 2-core machine (4 ssh runs × 2 jobs), not a measurement
});
