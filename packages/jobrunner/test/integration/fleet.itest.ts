/**
 * The fleet, on real ZFS: 2 source hosts × 2 destination hosts (ssh aliases of the guest, one
 * pool per destination; both source hosts read the one source pool, as in replicate.itest.ts), a
 * `5minutely` + `hourly` plan, and every action run per cycle as cron would run them. Between cycles
 * bzfs's clock (the --bzfs-program wrapper) and the guest's clock move 5 minutes forward together, so
 * due-ness and `creation` agree. Cycle 3 has jf-dst2 unreachable. Assertions that need engineers A's
 * (--metrics-file, C3) and B's (safe pruning, C4) work are marked [C3]/[C4]; JR_FLEET_WITHOUT_PEERS=1
 * leaves them out (for a branch without that work).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import {
  BZFS_BIN,
  SSH_CONFIG,
  createPool,
  destroyPool,
  onZfs,
  writeData,
  zfs,
  zfsMachineSecs,
} from '../../../bzfs/test/integration/harness.js';
import * as f from '../support/fleet.js';

// A bound on a hang, not a measurement: 5 cycles of 22 runs over ssh on a loaded 2-core machine.
jest.setTimeout(1_800_000);
const PEERS = process.env['JR_FLEET_WITHOUT_PEERS'] !== '1';
const POOLS = [f.SRC_POOL, ...f.DST_POOLS];
const DATASETS = [f.SRC, `${f.SRC}/child`];
const CYCLES = 5;
const DOWN_CYCLE = 3;
const DOWN_HOST = 'jf-dst2';
const PAIRS = f.SRC_HOSTS.flatMap((src) =>
  f.DST_HOSTS.map((dst, i) => ({ src, dst, root: `${f.DST_POOLS[i]}/${src}/data` })),
);

let dir = '';
let ctx: { spec: string; wrapper: string; logDir: string };
/** Each cycle's instant, unix seconds; cycle 0's is set in beforeAll. */
const instants: number[] = [];
/** Every snapshot the source ever held, oldest first (each was seen right after its creation). */
const seen: f.Listed[] = [];
/** Per cycle: the jobrunner run and the metrics file after it. */
const runs: f.JobRun[] = [];
const metrics: string[] = [];
const metricsFile = () => join(dir, 'metrics.prom');

const instantOf = (cycle: number) => instants[cycle]!;
const nextFive = (secs: number) => (Math.floor(secs / 300) + 1) * 300;
const stamp = (secs: number) => new Date(secs * 1000).toISOString().slice(0, 19).replace('T', '_');
const names = (l: f.Listed[]) => l.map((s) => s.name);

async function cycle(k: number): Promise<f.JobRun> {
  // 5 minutes after the previous cycle, or the first 5-minute boundary after the guest's now if the
  // previous cycle took longer than that (a loaded machine): the guest's clock only ever moves forward.
  if (k > 0) instants[k] = Math.max(instants[k - 1]! + 300, nextFive(await zfsMachineSecs()));
  const t = instantOf(k);
  // One second after the instant: creation is then strictly inside the plans' time windows, never on an edge.
  await f.setGuestClock(t + 1);
  f.setBzfsInstant(dir, t);
  for (const ds of DATASETS) await writeData(ds, `c${k}`, 16);
  f.writeSshConfig(dir, k === DOWN_CYCLE ? [DOWN_HOST] : []);
  const extra = PEERS ? ['--metrics-file', metricsFile()] : [];
  const run = await f.runJobrunner(ctx, `cycle${k}`, [...f.ALL_ACTIONS, ...extra]);
  await onZfs(['zpool', 'sync', ...POOLS]);
  runs.push(run);
  metrics.push(PEERS && existsSync(metricsFile()) ? readFileSync(metricsFile(), 'utf8') : '');
  return run;
}

const canRun = SSH_CONFIG !== '' && existsSync(SSH_CONFIG);
(canRun ? describe : describe.skip)('bzfs-jobrunner, every action per cycle, on a 2 × 2 fleet', () => {
  beforeAll(async () => {
    for (const bin of [f.JOBRUNNER_BIN, f.BZFS_AT_BUNDLE, BZFS_BIN])
      if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run -s build\` first`);
    dir = mkdtempSync(join(tmpdir(), 'jr-fleet-'));
    const logDir = join(dir, 'bzfs-logs');
    f.writeSshConfig(dir);
    ctx = { spec: f.writeSpec(dir, logDir), wrapper: f.writeBzfsWrapper(dir), logDir };
    for (const pool of POOLS) await createPool(pool, 128);
    for (const ds of DATASETS) await zfs('create', ds);
    // Starts at the guest's real now or later, on a 5-minute boundary 10 minutes before an hour:
    // cycles 0 and 2 take an hourly snapshot.
    instants[0] = Math.ceil(((await zfsMachineSecs()) + 600) / 3600) * 3600 - 600;
  });
  afterAll(async () => {
    const errors: unknown[] = [];
    // The cycles moved the guest's clock up to hours ahead; later suites on this guest compare its
    // `creation` values with this machine's clock, so it goes back to this machine's time.
    await f.setGuestClock(Math.floor(Date.now() / 1000)).catch((e: unknown) => errors.push(e));
    for (const pool of POOLS) await destroyPool(pool).catch((e: unknown) => errors.push(e));
    if (dir !== '' && process.env['JR_ITEST_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true });
    if (errors.length > 0) throw errors[0];
  });

  it('creates on schedule, replicates to every destination, prunes both sides to the plans; a destination down for a cycle catches up incrementally', async () => {
    let before = new Map<string, f.Listed[]>(); // each pair's dst snapshots after the previous cycle
    for (let k = 0; k < CYCLES; k++) {
      const down = k === DOWN_CYCLE;
      const prevSrc = names(await f.listing(f.SRC, 'snapshot'));
      const run = await cycle(k);
      if (run.exitCode !== (down ? 3 : 0)) throw new Error(`cycle ${k}: ${f.describeRun(run)}`);
      // On schedule: one 5minutely snapshot per cycle, an hourly one on the hour (and in the first).
      const src = await f.listing(f.SRC, 'snapshot');
      const created = src.filter((s) => !prevSrc.includes(s.name));
      // Due when an hour boundary passed since the previous cycle (all of its snapshots are from then).
      const hourly = k === 0 || Math.floor(instantOf(k) / 3600) > Math.floor(instantOf(k - 1) / 3600);
      expect(names(created)).toEqual(
        (hourly ? ['hourly', '5minutely'] : ['5minutely']).map(
          (p) => `prod_onsite_${stamp(instantOf(k))}_${p}`,
        ),
      );
      seen.push(...created);
      // A failed replication stops its source host's later stages: nothing is pruned in the down cycle.
      const t = instantOf(k);
      const srcKept = down ? [...prevSrc, ...names(created)] : f.kept(seen, f.SRC_KEEP, t);
      for (const ds of DATASETS) {
        expect(names(await f.listing(ds, 'snapshot'))).toEqual(srcKept);
        const bookmarks = await f.listing(ds, 'bookmark');
        expect(f.kept(bookmarks, f.SRC_BOOKMARK_KEEP, t)).toEqual(names(bookmarks));
      }
      const srcGuid = new Map(src.map((s) => [s.name, s.guid]));
      const now = new Map<string, f.Listed[]>();
      for (const p of PAIRS) {
        const key = `${p.src}→${p.dst}`;
        const dst = await f.listing(p.root, 'snapshot');
        now.set(key, dst);
        if (down) {
          // The reachable destination got the new snapshots (not pruned this cycle); the other nothing.
          const extra = p.dst === DOWN_HOST ? [] : names(created);
          expect(names(dst)).toEqual([...names(before.get(key)!), ...extra]);
          continue;
        }
        // Converged: the newest snapshots, pruned to the destination's plan, with the source's GUIDs.
        expect(names(dst)).toEqual(f.kept(seen, f.DST_KEEP, t));
        for (const s of dst) if (srcGuid.has(s.name)) expect(s.guid).toBe(srcGuid.get(s.name));
        for (const s of await f.listing(`${p.root}/child`, 'snapshot')) expect(names(dst)).toContain(s.name);
        if (k === DOWN_CYCLE + 1 && p.dst === DOWN_HOST) {
          // Caught up from the common base it kept: no full send, its older snapshots are the same ones.
          const old = before.get(key)!;
          for (const s of old.filter((o) => names(dst).includes(o.name)))
            expect(dst.find((d) => d.name === s.name)?.guid).toBe(s.guid);
          const log = run.logs.get(`replicate ${key}`) ?? '';
          expect(f.sends(log).length).toBeGreaterThan(0);
          for (const w of f.sends(log)) expect(w).toMatch(/^-[iI] /);
          expect(f.sends(log)[0]).toContain(`${old.at(-1)!.name} → `);
        }
      }
      // Every monitor run ran and found nothing late (the exit code is 0); in the down cycle none ran.
      for (const p of PAIRS) expect(run.logs.has(`monitor-dst-snapshots ${p.src}→${p.dst}`)).toBe(!down);
      for (const h of f.SRC_HOSTS) expect(run.logs.has(`monitor-src-snapshots ${h}→-`)).toBe(!down);
      if (down) expect(run.stderr).toMatch(new RegExp(`replicate/${DOWN_HOST} failed`));
      before = now;
    }
  });

  (PEERS ? it : it.skip)(
    "[C4] the source's prune runs keep each destination's latest common snapshot, and say so",
    () => {
      const normal = runs[DOWN_CYCLE - 1]!.stderr;
      for (const p of PAIRS.filter((x) => x.src === 'jf-src1'))
        expect(normal).toMatch(
          new RegExp(
            // One line per kept snapshot, naming every destination that holds it.
            `keeping ${f.SRC}@prod_onsite_\\S+: latest common snapshot with (\\S+ \\(\\S+\\), )*${p.dst} \\(${p.root}\\)`,
          ),
        );
    },
  );

  (PEERS ? it : it.skip)(
    '[C3] the metrics file shows the lag of the down destination growing, then falling',
    () => {
      const labels = { job: f.JOB_ID, src_host: 'jf-src1', src_dataset: f.SRC, dst_host: DOWN_HOST };
      const at = (k: number, family: string, l: Record<string, string> = labels) =>
        f.metric(metrics[k]!, family, l);
      const lag = 'bzfs_replication_lag_seconds';
      const newest = 'bzfs_replication_newest_snapshot_timestamp_seconds';
      expect(at(DOWN_CYCLE - 1, newest)!).toBeGreaterThanOrEqual(instantOf(DOWN_CYCLE - 1));
      expect(at(DOWN_CYCLE, newest)).toBe(at(DOWN_CYCLE - 1, newest));
      expect(at(DOWN_CYCLE, lag)!).toBeGreaterThan(at(DOWN_CYCLE - 1, lag)!);
      expect(at(DOWN_CYCLE + 1, lag)!).toBeLessThan(at(DOWN_CYCLE, lag)!);
      expect(at(DOWN_CYCLE, 'bzfs_replication_last_exit_code')).not.toBe(0);
      expect(at(DOWN_CYCLE + 1, 'bzfs_replication_last_exit_code')).toBe(0);
      const healthy = { ...labels, dst_host: 'jf-dst1' };
      expect(at(DOWN_CYCLE, newest, healthy)!).toBeGreaterThan(at(DOWN_CYCLE - 1, newest, healthy)!);
      expect(at(DOWN_CYCLE, 'bzfs_monitor_status', { job: f.JOB_ID, side: 'src', dataset: f.SRC })).toBe(0);
    },
  );

  it('once snapshots stop, monitoring turns WARNING (1), then CRITICAL (2)', async () => {
    const last = instantOf(CYCLES - 1);
    const monitor = ['--monitor-src-snapshots', '--monitor-dst-snapshots'];
    for (const [minutes, code] of [
      [1, 0],
      [12, 1],
      [25, 2],
    ] as const) {
      f.setBzfsInstant(dir, last + minutes * 60);
      const run = await f.runJobrunner(ctx, `monitor${minutes}`, monitor);
      if (run.exitCode !== code) throw new Error(`${minutes} minutes after: ${f.describeRun(run)}`);
    }
  });

  it('--compare-snapshot-lists: every row is in both, except what the destination keeps longer', async () => {
    const dst = PAIRS[0]!;
    const r = await execa(
      process.execPath,
      [
        BZFS_BIN,
        '--compare-snapshot-lists',
        '--recursive',
        '--log-dir',
        ctx.logDir,
        `--ssh-src-config-file=${join(dir, 'bzfs_ssh_config')}`,
        `--ssh-dst-config-file=${join(dir, 'bzfs_ssh_config')}`,
        `${dst.src}:${f.SRC}`,
        `${dst.dst}:${dst.root}`,
      ],
      { reject: false, env: { TZ: 'UTC' } },
    );
    if (r.exitCode !== 0) throw new Error(`${r.stdout}\n${r.stderr}`);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out.match(/Snapshots only in src: 0$/gm)?.length).toBe(DATASETS.length);
    const rows = tsvRows(ctx.logDir);
    expect(rows.filter((x) => x.location === 'src')).toEqual([]);
    for (const ds of DATASETS) {
      const rel = ds.slice(f.SRC.length);
      const onSrc = new Set(
        [...(await f.listing(ds, 'snapshot')), ...(await f.listing(ds, 'bookmark'))].map((s) => s.guid),
      );
      const dstSnaps = await f.listing(`${dst.root}${rel}`, 'snapshot');
      const only = rows
        .filter((x) => x.location === 'dst' && x.relName.startsWith(`${rel}@`))
        .map((x) => x.relName);
      expect(only).toEqual(dstSnaps.filter((s) => !onSrc.has(s.guid)).map((s) => `${rel}@${s.name}`));
      // The destination keeps snapshots the source pruned; the source's bookmarks of them make them `all`.
      const srcSnaps = new Set((await f.listing(ds, 'snapshot')).map((s) => s.guid));
      expect(dstSnaps.filter((s) => !srcSnaps.has(s.guid)).length).toBeGreaterThan(0);
    }
  });

  (PEERS ? it : it.skip)(
    "[C4] a destination that lags but answers keeps its latest common snapshot on the source, though the source's plan drops it",
    async () => {
      // jf-dst2 (for jf-src1) last got the final cycle's snapshot; three newer ones go to jf-dst1 only.
      const base = seen.at(-1)!.name;
      const lagging = PAIRS.find((p) => p.src === 'jf-src1' && p.dst === DOWN_HOST)!;
      const jr = async (id: string, ...args: string[]): Promise<f.JobRun> => {
        const r = await f.runJobrunner(ctx, id, ['--src-host', 'jf-src1', ...args]);
        if (r.exitCode !== 0) throw new Error(f.describeRun(r));
        return r;
      };
      let t = instantOf(CYCLES - 1) + 30 * 60;
      for (let i = 0; i < 3; i++, t += 300) {
        await f.setGuestClock(t + 1);
        f.setBzfsInstant(dir, t);
        await jr(`lag${i}`, '--dst-host', 'jf-dst1', '--create-src-snapshots', '--replicate');
      }
      await f.setGuestClock(t + 1);
      f.setBzfsInstant(dir, t);
      const all = await f.listing(f.SRC, 'snapshot');
      expect(f.kept(all, f.SRC_KEEP, t)).not.toContain(base); // the plan alone would delete it
      const prune = await jr('lag-prune', '--prune-src-snapshots');
      expect(prune.stderr).toContain(
        `keeping ${f.SRC}@${base}: latest common snapshot with ${DOWN_HOST} (${lagging.root})`,
      );
      const expected = new Set([...f.kept(all, f.SRC_KEEP, t), base]);
      for (const ds of DATASETS)
        expect(names(await f.listing(ds, 'snapshot'))).toEqual(names(all).filter((n) => expected.has(n)));
      // The lagging destination then continues incrementally from that base.
      const catchUp = await jr('lag-catch-up', '--dst-host', DOWN_HOST, '--replicate');
      const log = catchUp.logs.get(`replicate jf-src1→${DOWN_HOST}`) ?? '';
      expect(f.sends(log)[0]).toMatch(new RegExp(`^-[iI] ${base} → `));
    },
  );
});

/** The rows of the snapshots TSV that --compare-snapshot-lists wrote under the log dir. */
function tsvRows(logDir: string): { location: string; relName: string }[] {
  const files = readdirSync(logDir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.tsv'));
  const texts = files
    .map((p) => readFileSync(join(logDir, p), 'utf8'))
    .filter((t) => t.startsWith('location\tcreation_iso'));
  if (texts.length !== 1)
    throw new Error(`expected one snapshots TSV under ${logDir}, found ${texts.length}`);
  return texts[0]!
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => {
      const c = l.split('\t');
      return { location: c[0]!, relName: c[3]! };
    });
}
