import { describe, expect, it } from '@jest/globals';
import { execa } from 'execa';
import {
  freshPoolsForEachTest,
  BZFS_BIN,
  bzfs,
  expectReplica,
  fullState,
  hostSshArgs,
  logDirFor,
  onZfs,
  onZfsSh,
  snapshot,
  writeData,
  zfs,
  waitFor,
} from './harness.js';

const S = 'bzsrc';
const D = 'bzdst';
const pair = [`bzfs-src:${S}/data`, `bzfs-dst:${D}/data`];

/** Starts bzfs on this machine without waiting for it. */
function startBzfs(args: readonly string[]) {
  return execa('node', [BZFS_BIN, '--log-dir', logDirFor('host'), ...hostSshArgs(), ...args], {
    reject: false,
  });
}

async function guestProcesses(pattern: string): Promise<string> {
  return (
    await onZfs(['sh', '-c', 'ps -eo args | grep -E "$1" | grep -v grep || true', 'sh', pattern])
  ).stdout.trim();
}

describe('safety (real ZFS)', () => {
  freshPoolsForEachTest(S, D, { sizeMb: 256, srcDataOpts: ['-o', 'compression=off'] });

  it('an interrupted transfer (bzfs killed mid-stream) is resumed by the next run, not resent; no zfs send is left behind', async () => {
    await writeData(`${S}/data`, 'big', 40 * 1024);
    await snapshot(`${S}/data@s1`);
    // --bwlimit: 40 MiB at 2 MiB/s take at least 20 s, so the kill below lands mid-stream whatever the machine's
    // speed. (A kill 2.5 s after `zfs receive` appeared came before any data had landed once the stream's ssh legs
    // got connections of their own: no partial dataset, no token.)
    const first = startBzfs([...pair, '--bwlimit=2m']);
    // Kill once data has landed: ZFS keeps a resumable partial receive only if it holds some of the stream.
    await waitFor(
      'the partial receive to hold data',
      async () => {
        const r = await onZfs(['zfs', 'get', '-Hp', '-o', 'value', 'used', `${D}/data`], {
          allowFailure: true,
        });
        return r.exitCode === 0 && Number(r.stdout.trim()) > 1024 * 1024;
      },
      120_000,
    );
    first.kill('SIGTERM');
    const killed = await first;
    expect(killed.exitCode).not.toBe(0);
    await waitFor(
      'child processes to go',
      async () => (await guestProcesses('zfs (send|receive)')) === '',
      15_000,
    );
    const token = (await zfs('get', '-H', '-o', 'value', 'receive_resume_token', `${D}/data`)).trim();
    expect(token).toMatch(/^[0-9a-f]+-/);

    const second = await bzfs(pair.concat(hostSshArgs()), 'host');
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toMatch(/Executing \(resume → s1\): .*zfs send .*-t [0-9a-f]+-/);
    expect(second.stderr).not.toMatch(/full → s1/);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('a stale partial receive (its snapshot was deleted on the source) is cleared, and replication goes on', async () => {
    await writeData(`${S}/data`, 'f1');
    await snapshot(`${S}/data@s1`);
    expect((await bzfs([...pair, ...hostSshArgs()], 'host')).exitCode).toBe(0);
    await writeData(`${S}/data`, 'f2', 4096);
    await snapshot(`${S}/data@s2`);
    // An interrupted incremental receive of s2, then s2 disappears from the source.
    await onZfsSh(
      'zfs send -i "$1@s1" "$1@s2" | head -c 400000 | zfs receive -s "$2" || true',
      `${S}/data`,
      `${D}/data`,
    );
    expect((await zfs('get', '-H', '-o', 'value', 'receive_resume_token', `${D}/data`)).trim()).toMatch(
      /^[0-9a-f]+-/,
    );
    await zfs('destroy', `${S}/data@s2`);
    await snapshot(`${S}/data@s3`);
    const r = await bzfs([...pair, ...hostSshArgs()], 'host');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Discarding partial receive state of bzdst\/data/);
    expect(r.stderr).toMatch(/zfs receive -A/);
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('a second identical run exits 4 at once while the first still runs', async () => {
    await writeData(`${S}/data`, 'big', 24 * 1024);
    await snapshot(`${S}/data@s1`);
    const first = startBzfs(pair);
    try {
      await waitFor(
        'the first run to start its receive',
        async () => (await guestProcesses('zfs receive')).length > 0,
      );
      // Same job, options in another order: still the same lock.
      const started = Date.now();
      const second = await bzfs([...pair, ...hostSshArgs()], 'host');
      expect(second.stderr).toMatch(/still running/);
      expect(second.exitCode).toBe(4);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await first).exitCode).toBe(0);
    } finally {
      first.kill('SIGTERM');
      await first;
    }
    await expectReplica(`${S}/data`, `${D}/data`);
  });

  it('--dryrun leaves both sides byte-for-byte unchanged, on a first run and on a forced incremental', async () => {
    await writeData(`${S}/data`, 'f');
    await snapshot(`${S}/data@s1`);
    const src0 = await fullState(S);
    const dst0 = await fullState(D);
    const dry = await bzfs([...pair, ...hostSshArgs(), '--dryrun'], 'host');
    expect(dry.exitCode).toBe(0);
    expect(dry.stderr).toMatch(/Would execute/);
    expect(await fullState(S)).toBe(src0);
    expect(await fullState(D)).toBe(dst0);

    expect((await bzfs([...pair, ...hostSshArgs()], 'host')).exitCode).toBe(0);
    await snapshot(`${D}/data@dst_only`, `${S}/data@s2`);
    const src1 = await fullState(S);
    const dst1 = await fullState(D);
    const dryForce = await bzfs([...pair, ...hostSshArgs(), '--force', '-n'], 'host');
    expect(dryForce.exitCode).toBe(0);
    expect(dryForce.stderr).toMatch(/Would execute: .*zfs rollback -r/);
    expect(await fullState(S)).toBe(src1);
    expect(await fullState(D)).toBe(dst1);
  });

  it.each([
    [`${S}/data;touch /tmp/pwned`, `${D}/data`],
    [`${S}/$(touch /tmp/pwned)`, `${D}/data`],
    [`${S}/data`, `${D}/x\`touch /tmp/pwned\``],
    [`${S}/data`, `${D}/a\nb`],
    [`-oProxyCommand=touch /tmp/pwned:${S}/data`, `${D}/data`],
    [`bzfs-src:-rf`, `${D}/data`],
  ])('rejects the hostile name %j with exit 2, running nothing', async (src, dst) => {
    const r = await bzfs([src, dst], 'zfs');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bzfs: error: /);
    expect((await onZfs(['test', '-e', '/tmp/pwned'], { allowFailure: true })).exitCode).not.toBe(0);
  });

  it('replicates a valid dataset name with spaces and colons through ssh quoting', async () => {
    await zfs('create', `${S}/my data:v1`);
    await writeData(`${S}/my data:v1`, 'f');
    await snapshot(`${S}/my data:v1@s 1`);
    const r = await bzfs([...hostSshArgs(), `bzfs-src:${S}/my data:v1`, `bzfs-dst:${D}/my data:v1`], 'host');
    expect(r.exitCode).toBe(0);
    await expectReplica(`${S}/my data:v1`, `${D}/my data:v1`);
  });
});
