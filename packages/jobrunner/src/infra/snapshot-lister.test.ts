import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZfsTreeLister, listArgv } from './snapshot-lister.js';

const FIELDS = ['-Hp', '-o', 'name,guid,createtxg,creation', '-s', 'createtxg'];
const signal = new AbortController().signal;

describe('listArgv', () => {
  it('lists a local tree with zfs alone, recursively or the dataset alone', () => {
    expect(
      listArgv({ locator: '-:tank/a', isLocal: true }, { kinds: 'snapshot,bookmark', recursive: true }),
    ).toEqual(['zfs', 'list', '-t', 'snapshot,bookmark', '-r', ...FIELDS, 'tank/a']);
    expect(listArgv({ locator: '-:tank/a', isLocal: true }, { kinds: 'snapshot', recursive: false })).toEqual(
      ['zfs', 'list', '-t', 'snapshot', '-d', '1', ...FIELDS, 'tank/a'],
    );
  });

  it('lists a remote tree over ssh with the spec’s user, port and config file, the remote command quoted', () => {
    const argv = listArgv(
      {
        locator: 'fd00||1:bak/my vms',
        isLocal: false,
        ssh: { user: 'bk', port: 2222, configFile: '/etc/bzfs/ssh_config' },
      },
      { kinds: 'snapshot', recursive: true },
    );
    expect(argv).toEqual([
      'ssh',
      '-oBatchMode=yes',
      '-oServerAliveInterval=15',
      '-x',
      '-T',
      '-F',
      '/etc/bzfs/ssh_config',
      '-p',
      '2222',
      '--',
      'bk@fd00::1',
      "zfs list -t snapshot -r -Hp -o name,guid,createtxg,creation -s createtxg 'bak/my vms'",
    ]);
  });
});

describe('ZfsTreeLister', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobrunner-lister-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A fake zfs that prints `out` to stdout, `err` to stderr and exits with `code`. */
  const fakeZfs = (name: string, out: string, err: string, code: number): string => {
    const p = join(dir, name);
    writeFileSync(p, `#!/bin/sh\nprintf '%s' '${out}'\nprintf '%s' '${err}' >&2\nexit ${code}\n`);
    chmodSync(p, 0o755);
    return p;
  };
  const local = { locator: '-:tank/a', isLocal: true };

  it('parses the listing with bzfs’s parser', async () => {
    const zfs = fakeZfs('ok', 'tank/a@s1\t123\t7\t1700000000\ntank/a#s1\t123\t7\t1700000000\n', '', 0);
    const got = await new ZfsTreeLister(zfs).list(local, {
      kinds: 'snapshot,bookmark',
      recursive: true,
      signal,
    });
    expect(got.map((e) => [e.kind, e.name, e.guid, e.createtxg])).toEqual([
      ['snapshot', 's1', '123', 7n],
      ['bookmark', 's1', '123', 7n],
    ]);
  });

  /** A fake zfs whose listing of tank/a says "does not exist"; the pool tank answers `poolCode`. */
  const missingTree = (name: string, poolCode: number): string => {
    const p = join(dir, name);
    const missing = (ds: string): string => `echo "cannot open '${ds}': dataset does not exist" >&2; exit 1`;
    const pool = poolCode === 0 ? 'echo tank; exit 0' : missing('tank');
    writeFileSync(
      p,
      `#!/bin/sh\nfor a; do last=$a; done\nif [ "$last" = tank ]; then ${pool}; fi\n${missing('tank/a')}\n`,
    );
    chmodSync(p, 0o755);
    return p;
  };

  it('gives a tree that does not exist yet, in a pool that is there, as empty', async () => {
    const zfs = missingTree('missing', 0);
    await expect(
      new ZfsTreeLister(zfs).list(local, { kinds: 'snapshot', recursive: true, signal }),
    ).resolves.toEqual([]);
  });

  it('throws when the pool itself is not there: a drive that is away still holds its common snapshot', async () => {
    const zfs = missingTree('no-pool', 1);
    await expect(
      new ZfsTreeLister(zfs).list(local, { kinds: 'snapshot', recursive: true, signal }),
    ).rejects.toThrow(/^pool tank is not there \(not imported, or a removable drive that is not attached\)$/);
  });

  it('throws the last stderr line of any other failure', async () => {
    const zfs = fakeZfs('fail', '', 'some noise\nssh: Could not resolve hostname nas3\n', 255);
    await expect(
      new ZfsTreeLister(zfs).list(local, { kinds: 'snapshot', recursive: true, signal }),
    ).rejects.toThrow(/^ssh: Could not resolve hostname nas3$/);
  });
});
