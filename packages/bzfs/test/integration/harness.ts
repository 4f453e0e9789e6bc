/**
 * Integration-test harness: runs commands where real ZFS is — the project's qemu guest
 * (BZFS_TESTBED=guest, reached through the generated ssh config) or this machine
 * (BZFS_TESTBED=local, e.g. a CI runner with zfsutils-linux) — and runs the built bzfs CLI
 * either on this machine or on the ZFS machine.
 */
import { afterAll, afterEach, beforeEach } from '@jest/globals';
import { chmodSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { shellJoin } from '../../src/exec/quote.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const BZFS_BIN = `${REPO_ROOT}/packages/bzfs/dist/bin/bzfs.js`;
/** The single-file build; used inside the emulated guest, where loading hundreds of module files is slow. */
const BZFS_BUNDLE = `${REPO_ROOT}/packages/bzfs/dist/bzfs.mjs`;
/** The CLI with its clock fixed at a given instant (test/support/bzfs-at.ts), bundled as the CLI is. */
const BZFS_AT_BUNDLE = `${REPO_ROOT}/packages/bzfs/dist/bzfs-at.mjs`;

const mode = process.env.BZFS_TESTBED;
if (mode !== 'guest' && mode !== 'local') {
  throw new Error(
    'BZFS_TESTBED is not set: the integration tier needs real ZFS. Run it with `npm test` ' +
      '(boots the qemu guest) or set BZFS_TESTBED=local on a machine with ZFS and root.',
  );
}
const TESTBED: 'guest' | 'local' = mode;
/** ssh config with the aliases bzfs-guest, bzfs-src and bzfs-dst (the ZFS machine under three names). */
export const SSH_CONFIG = process.env.BZFS_TESTBED_SSH_CONFIG ?? '';

export interface Result {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function consoleTail(): string {
  const f = process.env.BZFS_TESTBED_CONSOLE;
  if (!f) return '';
  try {
    return `\n--- guest console (tail) ---\n${readFileSync(f, 'utf8').split('\n').slice(-40).join('\n')}`;
  } catch {
    return '';
  }
}

/** Runs argv on the ZFS machine. Never through a locally built shell string. */
export async function onZfs(
  argv: readonly string[],
  opts: { allowFailure?: boolean; input?: string } = {},
): Promise<Result> {
  const [file, ...args] =
    TESTBED === 'guest' ? ['ssh', '-F', SSH_CONFIG, 'bzfs-guest', '--', shellJoin(argv)] : [...argv];
  const r = await execa(file!, args, {
    reject: false,
    stripFinalNewline: false,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  const res = { exitCode: r.exitCode ?? 255, stdout: String(r.stdout), stderr: String(r.stderr) };
  if (res.exitCode !== 0 && !opts.allowFailure) {
    const hint = TESTBED === 'guest' && res.exitCode === 255 ? consoleTail() : '';
    throw new Error(`on ZFS machine: ${shellJoin(argv)} → exit ${res.exitCode}\n${res.stderr}${hint}`);
  }
  return res;
}

/** A shell snippet on the ZFS machine, for test fixtures only (fixed text, values passed as "$1"...). */
export async function onZfsSh(script: string, ...args: string[]): Promise<string> {
  return (await onZfs(['sh', '-c', script, 'sh', ...args])).stdout;
}

const POOL_DIR = '/var/tmp/bzfs-itest';

/** A file-backed pool, mounted under /bzfs-itest/NAME. Destroys a leftover of the same name first. */
export async function createPool(name: string, sizeMb = 192): Promise<void> {
  await destroyPool(name);
  await onZfs(['mkdir', '-p', POOL_DIR]);
  await onZfs(['truncate', '-s', `${sizeMb}M`, `${POOL_DIR}/${name}.img`]);
  await onZfs([
    'zpool',
    'create',
    '-f',
    '-O',
    `mountpoint=/bzfs-itest/${name}`,
    '-O',
    'atime=off',
    name,
    `${POOL_DIR}/${name}.img`,
  ]);
}

export async function destroyPool(name: string): Promise<void> {
  const exists = await onZfs(['zpool', 'list', '-H', '-o', 'name', name], { allowFailure: true });
  // A receive that was just killed can keep the pool busy for a moment.
  for (let attempt = 1; exists.exitCode === 0; attempt++) {
    const r = await onZfs(['zpool', 'destroy', '-f', name], { allowFailure: attempt < 15 });
    if (r.exitCode === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await onZfs(['rm', '-f', `${POOL_DIR}/${name}.img`]);
}

/**
 * For every test of the calling describe block: fresh pools SRC and DST (each SIZE MiB) with an
 * empty dataset SRC/data made by `srcData` options, destroyed after each test and once more at
 * the end, whatever the outcome.
 */
export function freshPoolsForEachTest(
  src: string,
  dst: string,
  o: { sizeMb?: number; srcDataOpts?: string[] } = {},
): void {
  const destroyBoth = async () => {
    await destroyPool(src);
    await destroyPool(dst);
  };
  beforeEach(async () => {
    await createPool(src, o.sizeMb);
    await createPool(dst, o.sizeMb);
    await zfs('create', ...(o.srcDataOpts ?? []), `${src}/data`);
  });
  afterEach(destroyBoth);
  afterAll(destroyBoth);
}

export async function zfs(...argv: string[]): Promise<string> {
  return (await onZfs(['zfs', ...argv])).stdout;
}

/** Writes `kb` KiB of random data to FILE inside a mounted dataset. */
export async function writeData(dataset: string, file: string, kb = 64): Promise<void> {
  const mp = (await zfs('get', '-H', '-o', 'value', 'mountpoint', dataset)).trim();
  await onZfsSh('head -c "$1" /dev/urandom > "$2"', String(kb * 1024), `${mp}/${file}`);
}

export async function snapshot(...names: string[]): Promise<void> {
  for (const n of names) await zfs('snapshot', n);
}

export interface SnapRow {
  name: string;
  guid: string;
}

/** Snapshots (and bookmarks if asked) under ROOT, as relative names with their GUIDs. */
export async function snapshotRows(root: string, types = 'snapshot'): Promise<SnapRow[]> {
  const r = await onZfs(
    ['zfs', 'list', '-t', types, '-r', '-Hp', '-o', 'name,guid', '-s', 'createtxg', root],
    { allowFailure: true },
  );
  if (r.exitCode !== 0) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [name, guid] = l.split('\t');
      return { name: name!.slice(root.length), guid: guid! };
    });
}

export async function datasetNames(root: string): Promise<string[]> {
  const r = await onZfs(['zfs', 'list', '-r', '-H', '-o', 'name', root], { allowFailure: true });
  return r.exitCode === 0
    ? r.stdout
        .split('\n')
        .filter(Boolean)
        .map((n) => n.slice(root.length))
    : [];
}

/**
 * Brings a pool's space accounting to rest: `zpool sync` commits the open txg and the ones that
 * carry its deferred frees, `zpool wait -t free` waits for background frees of destroyed data.
 * Without it `used`, `available`, `logicalused` ... still move by a few KiB after the last write
 * (more so on a busy machine), and a comparison of two states fails by timing.
 */
async function settle(pool: string): Promise<void> {
  await onZfs(['zpool', 'sync', pool]);
  await onZfs(['zpool', 'wait', '-t', 'free', pool]);
}

/**
 * Every dataset's and snapshot's name, guid and all properties under a root: to prove "unchanged".
 * The pool is settled first, so two captures differ only if something changed the pool.
 */
export async function fullState(root: string): Promise<string> {
  await settle(root.split('/')[0]!);
  const list = await onZfs(
    ['zfs', 'list', '-t', 'all', '-r', '-Hp', '-o', 'name,guid,createtxg,used,referenced', root],
    { allowFailure: true },
  );
  const props = await onZfs(['zfs', 'get', '-r', '-Hp', '-t', 'all', 'all', root], { allowFailure: true });
  return `${list.stdout}${list.stderr}\n${props.stdout}`;
}

/** sha256 of every file of a snapshot, read through .zfs/snapshot (the destination is mounted read-only for it). */
async function fileChecksums(dataset: string, snap: string): Promise<string> {
  const mounted = (await zfs('get', '-H', '-o', 'value', 'mounted', dataset)).trim() === 'yes';
  if (!mounted) await zfs('mount', '-o', 'ro', dataset);
  try {
    const mp = (await zfs('get', '-H', '-o', 'value', 'mountpoint', dataset)).trim();
    return await onZfsSh(
      'cd "$1/.zfs/snapshot/$2" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum',
      mp,
      snap,
    );
  } finally {
    if (!mounted) await zfs('unmount', dataset);
  }
}

/**
 * Asserts that DST equals SRC: the same datasets, the same snapshot names with the same GUIDs,
 * and the same file contents in each dataset's newest snapshot.
 */
export async function expectReplica(srcRoot: string, dstRoot: string): Promise<void> {
  const byName = (a: SnapRow, b: SnapRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const [s, d] = await Promise.all([snapshotRows(srcRoot), snapshotRows(dstRoot)]);
  if (JSON.stringify([...s].sort(byName)) !== JSON.stringify([...d].sort(byName))) {
    throw new Error(`snapshots differ\nsrc ${srcRoot}:\n${fmt(s)}\ndst ${dstRoot}:\n${fmt(d)}`);
  }
  const latest = new Map<string, string>();
  for (const r of s /* oldest first: the last one per dataset wins */)
    latest.set(r.name.split('@')[0]!, r.name.split('@')[1]!);
  for (const [rel, snap] of latest) {
    const [a, b] = [await fileChecksums(srcRoot + rel, snap), await fileChecksums(dstRoot + rel, snap)];
    if (a !== b) throw new Error(`file contents differ in ${rel}@${snap}\nsrc:\n${a}\ndst:\n${b}`);
  }
}

const fmt = (rows: SnapRow[]) => rows.map((r) => `  ${r.name} ${r.guid}`).join('\n');

export type Where = 'host' | 'zfs';

/** Log dir of test runs, on whichever machine runs bzfs. */
export function logDirFor(where: Where): string {
  if (where === 'zfs' && TESTBED === 'guest') return '/tmp/bzfs-itest/bzfs-logs';
  const dir = `${tmpdir()}/bzfs-itest/bzfs-logs`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // bzfs refuses a log dir that others can read or write; one left by an older run may be 0755.
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Runs the built bzfs CLI. where=host: on this machine (remote sides via the testbed's ssh
 * aliases); where=zfs: on the ZFS machine itself (local mode, or push/pull to its own aliases).
 */
export async function bzfs(
  args: readonly string[],
  where: Where = 'zfs',
  /** path: the PATH bzfs runs with (e.g. one without a helper program). */
  opts: { allowFailure?: boolean; path?: string } = {},
): Promise<Result> {
  const bin = where === 'zfs' && TESTBED === 'guest' ? BZFS_BUNDLE : BZFS_BIN;
  const env = opts.path === undefined ? [] : ['env', `PATH=${opts.path}`];
  const argv = [...env, 'node', bin, '--log-dir', logDirFor(where), ...args];
  if (where === 'zfs') return onZfs(argv, { allowFailure: opts.allowFailure ?? true });
  const [file, ...rest] = argv;
  const r = await execa(file!, rest, { reject: false });
  return { exitCode: r.exitCode ?? 255, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * Runs bzfs on the ZFS machine as if the time were `instantMs` (ms since the epoch): what it plans
 * and names by the clock (snapshot creation, `N units ago` filters) sees that time; ZFS does not.
 */
export async function bzfsAt(instantMs: number, args: readonly string[]): Promise<Result> {
  const argv = ['node', BZFS_AT_BUNDLE, String(instantMs), '--log-dir', logDirFor('zfs'), ...args];
  return onZfs(argv, { allowFailure: true });
}

/** The ZFS machine's clock, in unix seconds: what `zfs snapshot` records as creation. */
export async function zfsMachineSecs(): Promise<number> {
  return Number((await onZfs(['date', '+%s'])).stdout.trim());
}

/** ssh options that make bzfs on this machine reach the ZFS machine's aliases. */
export const hostSshArgs = (): string[] =>
  SSH_CONFIG ? ['--ssh-src-config-file', SSH_CONFIG, '--ssh-dst-config-file', SSH_CONFIG] : [];

/** Polls `cond` until it holds; throws naming `what` after `timeoutMs` (a bound on a wait, not a measurement). */
export async function waitFor(what: string, cond: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
