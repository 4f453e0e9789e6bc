import { describe, expect, it } from '@jest/globals';
import { LOCAL, type Place } from '../exec/runner.js';
import type { Clock } from '../infra/clock.js';
import { DEFAULT_ANCHORS } from '../model/anchors.js';
import { ExitCode } from '../model/exit-codes.js';
import { creationLabels } from '../plan/create/label.js';
import { parseSnapshotPlan } from '../plan/create/snapshot-plan.js';
import { parseTimeFormat } from '../plan/create/time-format.js';
import { describeCall, FakeZfs } from '../../test/support/fake-runner.js';
import {
  isPipeline,
  mutating,
  pair,
  pipelines,
  run,
  simpleWorld,
  snaps,
} from '../../test/support/run-world.js';

describe('runAll: a first replication', () => {
  it('replicates local → local and exits 0', async () => {
    const fake = simpleWorld();
    const { code, log } = await run(fake, { pairs: [pair('pool/src', 'pool/dst')] });
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3']);
    expect(pipelines(fake)).toEqual([
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/dst',
      'zfs send --raw --compressed -I pool/src@s1 pool/src@s3 | zfs receive -s -u pool/dst',
    ]);
    expect(log.some((l) => l.includes('Replication done') && l.includes('1 of 1 dataset(s)'))).toBe(true);
    // No `id -u` for local sides.
    expect(fake.log().some((l) => l.startsWith('id'))).toBe(false);
  });

  it('a non-root local user gets `sudo -n` on mutating commands only', async () => {
    const fake = simpleWorld();
    await run(fake, {}, { localIsRoot: false });
    expect(pipelines(fake)[0]).toBe(
      'sudo -n zfs send --raw --compressed pool/src@s1 | sudo -n zfs receive -s -F -u pool/dst',
    );
    expect(
      fake
        .log()
        .filter((l) => l.includes('list'))
        .every((l) => l.startsWith('zfs list')),
    ).toBe(true);
  });

  it('--no-privilege-elevation: never sudo', async () => {
    const fake = simpleWorld();
    await run(fake, { noPrivilegeElevation: true }, { localIsRoot: false });
    expect(fake.log().some((l) => l.includes('sudo'))).toBe(false);
  });

  it('missing destination ancestors are created top-down with `zfs create -u`, before any send', async () => {
    const fake = simpleWorld();
    const { code } = await run(fake, { pairs: [pair('pool/src', 'pool/a/b/c/dst')] });
    expect(code).toBe(ExitCode.OK);
    expect(mutating(fake).slice(0, 4)).toEqual([
      'zfs create -u pool/a',
      'zfs create -u pool/a/b',
      'zfs create -u pool/a/b/c',
      'zfs send --raw --compressed pool/src@s1 | zfs receive -s -F -u pool/a/b/c/dst',
    ]);
    expect(snaps(fake, 'pool/a/b/c/dst')).toEqual(['s1', 's2', 's3']);
  });

  it('existing ancestors are not created again', async () => {
    const fake = simpleWorld().addDatasets(LOCAL, 'pool/a', 'pool/a/b');
    await run(fake, { pairs: [pair('pool/src', 'pool/a/b/c/dst')] });
    expect(mutating(fake).filter((l) => l.includes('create'))).toEqual(['zfs create -u pool/a/b/c']);
  });

  it('a missing destination pool is an error (exit 3), nothing is created', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1');
    const { code, log } = await run(fake, { pairs: [pair('pool/src', 'nopool/dst')] });
    expect(code).toBe(ExitCode.ERROR);
    expect(fake.mutatingCalls()).toEqual([]);
    expect(log.some((l) => l.includes('Destination pool nopool does not exist'))).toBe(true);
  });

  it('a missing source dataset is an error (exit 3)', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
    const { code, log } = await run(fake, {});
    expect(code).toBe(ExitCode.ERROR);
    expect(log.some((l) => l.includes('Source dataset does not exist: pool/src'))).toBe(true);
    expect(fake.mutatingCalls()).toEqual([]);
  });

  it('--skip-replication lists nothing and sends nothing', async () => {
    const fake = simpleWorld();
    const { code } = await run(fake, { replication: { skip: true } });
    expect(code).toBe(ExitCode.OK);
    expect(fake.calls).toEqual([]);
  });
});

describe('runAll: remote sides', () => {
  const backup: Place = { ssh: { host: 'backup', user: 'bob' } };
  const rootAtBackup: Place = { ssh: { host: 'backup', user: 'root' } };

  const PROBE = '[backup] sh -c id -u; printenv SHELL';

  it('push to a non-root remote user: `id -u` decides on sudo for the receive', async () => {
    const fake = simpleWorld().addDatasets(backup, 'pool').setUid(backup, '1000');
    const { code } = await run(fake, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: backup })] });
    expect(code).toBe(ExitCode.OK);
    expect(fake.log()).toContain(PROBE);
    expect(pipelines(fake)[0]).toBe(
      'zfs send --raw --compressed pool/src@s1 | [backup] sudo -n zfs receive -s -F -u pool/dst',
    );
    expect(snaps(fake, 'pool/dst', backup)).toEqual(['s1', 's2', 's3']);
  });

  it('a remote user that is uid 0 needs no sudo; user root gets none whatever the probe says', async () => {
    const fake = simpleWorld().addDatasets(backup, 'pool');
    await run(fake, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: backup })] });
    expect(pipelines(fake)[0]).toContain('[backup] zfs receive');

    const fake2 = simpleWorld().addDatasets(rootAtBackup, 'pool').setUid(rootAtBackup, '1000');
    await run(fake2, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: rootAtBackup })] });
    expect(pipelines(fake2)[0]).toContain('[backup] zfs receive');
  });

  it('the login probe runs once per host and run, however many pairs name the host', async () => {
    const fake = simpleWorld().addDatasets(backup, 'pool').setUid(backup, '1000');
    const pairs = [
      pair('pool/src', 'pool/dst', { dstPlace: backup }),
      pair('pool/src', 'pool/dst2', { dstPlace: backup }),
    ];
    expect((await run(fake, { pairs })).code).toBe(ExitCode.OK);
    expect(fake.log().filter((l) => l === PROBE)).toHaveLength(1);
  });

  it.each(['/bin/csh', '/usr/local/bin/tcsh', '/usr/bin/fish', '/opt/nu/bin/nu', '/usr/bin/xonsh'])(
    'a remote login shell %s that breaks POSIX quoting: exit 3 with the way out, nothing else runs there',
    async (shell) => {
      const fake = simpleWorld().addDatasets(backup, 'pool').setShell(backup, shell);
      const { code, log } = await run(fake, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: backup })] });
      expect(code).toBe(ExitCode.ERROR);
      expect(
        log.some(
          (l) => l.includes(`login shell of bob there is ${shell}`) && l.includes('chsh -s /bin/sh bob'),
        ),
      ).toBe(true);
      expect(fake.log().filter((l) => l.startsWith('[backup]'))).toEqual([PROBE]);
    },
  );

  it('bash, zsh or an unset SHELL pass the login check', async () => {
    for (const shell of ['/bin/bash', '/usr/bin/zsh', '']) {
      const fake = simpleWorld().addDatasets(backup, 'pool').setShell(backup, shell);
      const { code } = await run(fake, { pairs: [pair('pool/src', 'pool/dst', { dstPlace: backup })] });
      expect(code).toBe(ExitCode.OK);
    }
  });

  it('pull: the send runs on the source host, the receive locally', async () => {
    const src: Place = { ssh: { host: 'prod' } };
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(src, 'tank/data', 's1');
    const { code } = await run(fake, { pairs: [pair('tank/data', 'pool/dst', { srcPlace: src })] });
    expect(code).toBe(ExitCode.OK);
    expect(pipelines(fake)).toEqual([
      '[prod] zfs send --raw --compressed tank/data@s1 | zfs receive -s -F -u pool/dst',
    ]);
    expect(
      fake
        .mutatingCalls()
        .filter((c) => !isPipeline(c))
        .map(describeCall),
    ).toEqual(['[prod] zfs bookmark tank/data@s1 tank/data#s1']);
  });
});

describe('runAll: time', () => {
  it("measures how long a pair took with the injected clock, not the machine's", async () => {
    // Each reading of the monotonic clock advances it by 1.25 s: the pair started, the dataset started and
    // ended (its duration for the run report), the pair done.
    let t = 0;
    const clock: Clock = { wallMs: () => 0, now: () => (t += 1250), sleep: async () => {} };
    const r = await run(simpleWorld(), { pairs: [pair('pool/src', 'pool/dst')] }, { clock });
    expect(r.code).toBe(ExitCode.OK);
    expect(r.log.join('\n')).toMatch(/Replication done: .*; took 3\.8s/);
  });
});

describe('runAll: create-src-snapshots runs first; dummy is a destination for create-only runs', () => {
  const create = {
    labels: creationLabels(parseSnapshotPlan("{'p': {'o': {'adhoc': 1}}}", '--create-src-snapshots-plan')),
    timeFormat: parseTimeFormat('%Y%m%d'),
    zone: { kind: 'fixed', offsetMinutes: 0 } as const,
    anchors: DEFAULT_ANCHORS,
    evenIfNotDue: false,
  };
  const clock: Clock = { wallMs: () => Date.UTC(2025, 0, 2), now: () => 0, sleep: async () => {} };

  it('creates, then replicates the new snapshot in the same run', async () => {
    const fake = simpleWorld();
    const { code } = await run(fake, { create }, { clock });
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/dst')).toEqual(['s1', 's2', 's3', 'p_o_20250102_adhoc']);
  });

  it('SRC dummy --skip-replication: creates only, and never lists dummy', async () => {
    const fake = simpleWorld();
    const { code } = await run(
      fake,
      { pairs: [pair('pool/src', 'dummy')], create, replication: { skip: true } },
      { clock },
    );
    expect(code).toBe(ExitCode.OK);
    expect(snaps(fake, 'pool/src')).toEqual(['s1', 's2', 's3', 'p_o_20250102_adhoc']);
    expect(fake.log().some((l) => l.includes('dummy'))).toBe(false);
  });

  it('SRC dummy without --skip-replication: the snapshots are made, then replication is refused with the fix', async () => {
    const fake = simpleWorld();
    const { code, log } = await run(fake, { pairs: [pair('pool/src', 'dummy')], create }, { clock });
    expect(code).toBe(ExitCode.ERROR);
    expect(snaps(fake, 'pool/src')).toContain('p_o_20250102_adhoc');
    expect(log.some((l) => l.includes('add --skip-replication'))).toBe(true);
  });
});
