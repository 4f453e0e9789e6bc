import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bzfs,
  createPool,
  destroyPool,
  fullState,
  hostSshArgs,
  snapshot,
  writeData,
  zfs,
  type Where,
} from './harness.js';

// A replication whose destination lies inside its own source tree (or is the source itself) would
// receive into the source, and with --force destroy source snapshots. However the machine is
// spelled — port, user, case, a host option overriding the locator — it must be refused before
// anything runs. No --dryrun here: if the check were bypassed, the run would really write.
const P = 'bzov';

describe('source/destination overlap on real ZFS', () => {
  beforeAll(async () => {
    await createPool(P);
    await zfs('create', `${P}/src`);
    await zfs('create', `${P}/src/child`);
    await writeData(`${P}/src`, 'f');
    await snapshot(`${P}/src@s1`, `${P}/src/child@s1`);
  });
  afterAll(() => destroyPool(P));

  it.each<[string, Where, string[]]>([
    [
      'an explicit default port',
      'host',
      ['-r', '--ssh-dst-port=22', `bzfs-src:${P}/src`, `bzfs-src:${P}/src/child`],
    ],
    [
      'a port as a separate word',
      'host',
      ['-r', '--ssh-dst-port', '22', `bzfs-src:${P}/src`, `bzfs-src:${P}/src/child`],
    ],
    [
      'different ports',
      'host',
      ['-r', '--ssh-src-port=22', '--ssh-dst-port=2222', `bzfs-src:${P}/src`, `bzfs-src:${P}/src/child`],
    ],
    ['different users', 'host', ['-r', `root@bzfs-src:${P}/src`, `bzfs-src:${P}/src/child`]],
    ['the host in another case', 'host', ['-r', `bzfs-src:${P}/src/child`, `BZFS-SRC:${P}/src`]],
    [
      'host options overriding the locators',
      'host',
      [
        '-r',
        '--ssh-src-host=bzfs-src',
        '--ssh-dst-host=bzfs-src',
        `bzfs-dst:${P}/src`,
        `bzfs-guest:${P}/src/child`,
      ],
    ],
    ['the same dataset without -r', 'host', [`bzfs-src:${P}/src`, `bzfs-src:${P}/src`]],
    ['local, nested', 'zfs', ['-r', `${P}/src`, `${P}/src/child`]],
    ['local, one side written -:', 'zfs', [`${P}/src`, `-:${P}/src`]],
  ])('is refused with exit 2 and nothing changed: %s', async (_what, where, args) => {
    const before = await fullState(P);
    const r = await bzfs(where === 'host' ? [...hostSshArgs(), ...args] : args, where);
    expect(r.stderr).toMatch(/overlap/);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toMatch(/Executing/);
    expect(await fullState(P)).toBe(before);
  });
});
