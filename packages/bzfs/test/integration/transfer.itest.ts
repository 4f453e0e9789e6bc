import { describe, expect, it } from '@jest/globals';
import { bzfs, expectReplica, freshPoolsForEachTest, onZfsSh, snapshot, writeData } from './harness.js';

/**
 * The transfer pipeline on real ZFS (bzfs runs on the ZFS machine; bzfs-src and bzfs-dst are its ssh aliases of
 * itself there): compression, buffering and pv between send and receive, --bwlimit, a helper one side lacks, --r2r.
 */

const SRC = 'bztsrc';
const DST = 'bztdst';

function expectOk(r: { exitCode: number; stderr: string }): void {
  if (r.exitCode !== 0) throw new Error(`bzfs exited ${r.exitCode}\n${r.stderr}`);
}

/** The `Executing (full → ...)` line: the pipeline as bzfs started it. */
function fullSendLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => /Executing \(full → /.test(l));
  if (line === undefined) throw new Error(`no full send in the log:\n${stderr}`);
  return line;
}

/** Random data (zstd cannot shrink it) and two snapshots: a full and an incremental step, each over 1 MiB. */
async function twoSnapshots(kb = 2048): Promise<void> {
  await writeData(`${SRC}/data`, 'f1', kb);
  await snapshot(`${SRC}/data@s1`);
  await writeData(`${SRC}/data`, 'f2', kb);
  await snapshot(`${SRC}/data@s2`);
}

describe('transfer pipeline on real ZFS', () => {
  freshPoolsForEachTest(SRC, DST);

  it('pull-push through zstd, mbuffer and pv on this host: a replica', async () => {
    await twoSnapshots();
    const r = await bzfs(['-v', `root@bzfs-src:${SRC}/data`, `root@bzfs-dst:${DST}/data`]);
    expectOk(r);
    const line = fullSendLine(r.stderr);
    // src leg | this host: mbuffer | pv | mbuffer | dst leg.
    expect(line).toMatch(
      /ssh .*bzfs-src .*zfs send .*\| zstd -c -1 \| mbuffer -s 2097152 -q -m 128M.* \| mbuffer -s 2097152 -q -m 128M \| env LC_ALL=C pv .* \| mbuffer .*\| ssh .*bzfs-dst .*mbuffer -s 2097152 -q -m 128M \| zstd -dc \| zfs receive/,
    );
    expect(r.stderr).toMatch(/-I s1 → s2|-i s1 → s2/);
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });

  it('push through pv, zstd and mbuffer on this host and mbuffer, zstd -dc on the destination: a replica', async () => {
    await twoSnapshots();
    const r = await bzfs(['-v', `${SRC}/data`, `root@bzfs-dst:${DST}/data`]);
    expectOk(r);
    const line = fullSendLine(r.stderr);
    expect(line).toMatch(
      /zfs send .*\| env LC_ALL=C pv .*--force '?--name=[^|]*--size=\d+ 2>> \S+\.pv \| zstd -c -1 \| mbuffer -s 2097152 -q -m 128M \| ssh .*bzfs-dst .*mbuffer -s 2097152 -q -m 128M \| zstd -dc \| zfs receive/,
    );
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });

  it('--bwlimit slows the stream: 8 MiB at 1 MiB/s take at least 6 s', async () => {
    await writeData(`${SRC}/data`, 'f1', 8192);
    await snapshot(`${SRC}/data@s1`);
    const start = Date.now();
    const r = await bzfs(['-v', '--bwlimit', '1m', `${SRC}/data`, `root@bzfs-dst:${DST}/data`]);
    const secs = (Date.now() - start) / 1000;
    expectOk(r);
    const line = fullSendLine(r.stderr);
    expect(line).toMatch(/pv .*--rate-limit=1m/);
    expect(line).toMatch(/mbuffer [^|]*-R 1M/);
    expect(line).toMatch(/mbuffer [^|]*-r 1M/);
    // A lower bound the limiter guarantees, whatever the machine's speed (pv counts the raw bytes, before zstd).
    expect(secs).toBeGreaterThanOrEqual(6);
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });

  it('a helper this host lacks is skipped with a debug line; the destination still uses its own', async () => {
    await twoSnapshots();
    // This host's bzfs sees a PATH without mbuffer; the destination's ssh session has the normal PATH.
    const bin = '/tmp/bzfs-itest/no-mbuffer-bin';
    await onZfsSh(
      'rm -rf "$1" && mkdir -p "$1" && for f in /usr/bin/* /usr/local/bin/*; do ' +
        '[ "${f##*/}" = mbuffer ] || ln -sf "$f" "$1/"; done',
      bin,
    );
    const r = await bzfs(['-v', `${SRC}/data`, `root@bzfs-dst:${DST}/data`], 'zfs', {
      path: `${bin}:/usr/sbin:/sbin`,
    });
    expectOk(r);
    const out = r.stderr;
    expect(out).toMatch(/Helper mbuffer not found on this host: transfers there go without it/);
    const line = fullSendLine(out);
    expect(line).toMatch(
      /\| zstd -c -1 \| ssh .*bzfs-dst .*mbuffer -s 2097152 -q -m 128M \| zstd -dc \| zfs receive/,
    );
    await expectReplica(`${SRC}/data`, `${DST}/data`);
  });

  it.each(['pull', 'push'])(
    '--r2r=%s: the stream runs between the two hosts, nothing of it here',
    async (mode) => {
      await twoSnapshots();
      const r = await bzfs(['-v', `--r2r=${mode}`, `root@bzfs-src:${SRC}/data`, `root@bzfs-dst:${DST}/data`]);
      expectOk(r);
      const line = fullSendLine(r.stderr);
      const [outer, far] = mode === 'pull' ? ['bzfs-dst', 'bzfs-src'] : ['bzfs-src', 'bzfs-dst'];
      const command = line.replace(/^.*Executing \([^)]*\): /, '');
      // One ssh to one end runs everything, no stage of the pipeline is a process of this host: unquoted there are only
      // the outer ssh and its host, the whole pipeline is its one quoted remote command.
      // (The ssh options may hold quoted words too: `-c '^aes256-gcm@openssh.com'`.)
      const quote = command.indexOf(` root@${outer} '`) + ` root@${outer} `.length;
      expect(command.slice(0, quote)).toMatch(new RegExp(`^ssh [^|]* root@${outer} $`));
      expect(command.endsWith("'")).toBe(true);
      // The nested ssh, exactly: no ControlPath (nor config file) of this host.
      expect(command).toMatch(new RegExp(`ssh -oBatchMode=yes -x -T -- root@${far}`));
      expect(command).not.toMatch(/pv /);
      expect(command).toMatch(/zstd -c -1/);
      await expectReplica(`${SRC}/data`, `${DST}/data`);
    },
  );
});
