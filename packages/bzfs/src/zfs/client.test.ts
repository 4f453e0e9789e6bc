import { describe, expect, it } from '@jest/globals';
import { CommandFailedError, LOCAL, type CommandResult, type CommandRunner } from '../exec/runner.js';
import { BzfsError } from '../model/errors.js';
import { ZfsClient } from './client.js';
import { isResumeTokenRejected, missingDatasets } from './stderr.js';

/** A runner whose every command ends with the given result. */
function answering(result: CommandResult): CommandRunner {
  return { run: async () => result, runPipeline: async () => result };
}

const client = (r: CommandResult) =>
  new ZfsClient({ label: 'dst', place: LOCAL, sudo: false }, answering(r), () => ({}));

describe('ZfsClient reads', () => {
  it('a missing dataset is an answer, not an error', async () => {
    const c = client({ exitCode: 1, stdout: '', stderr: "cannot open 'p/x': dataset does not exist\n" });
    expect(await c.listSnapshots('p/x')).toBeUndefined();
    expect(await c.exists('p/x')).toBe(false);
  });

  it.each([
    ['cannot open pool/x: dataset is busy', 1, true],
    ['ssh: connect to host nas port 22: Connection refused', 255, true],
    ["cannot open 'p/x': permission denied", 1, false],
  ])('a failed read (%s) is retryable only when transient', async (stderr, exitCode, retryable) => {
    const e = await client({ exitCode, stdout: '', stderr })
      .listSnapshots('p/x')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandFailedError);
    expect((e as CommandFailedError).retryable).toBe(retryable);
  });
});

describe('ZfsClient.listSnapshotsOf', () => {
  const line = (ds: string, name: string, txg: number, holds: number) =>
    `${ds}@${name}\t7\t${txg}\t1700000000\t${holds}\n`;

  it('groups one listing by dataset; a dataset zfs names as missing has no entry, one without snapshots []', async () => {
    const c = client({
      exitCode: 1,
      stdout: line('p/b', 's1', 10, 0) + line('p/a', 's1', 11, 2) + line('p/b', 's2', 12, 0),
      stderr: "cannot open 'p/gone': dataset does not exist\n",
    });
    const got = await c.listSnapshotsOf(['p/a', 'p/gone', 'p/b', 'p/empty']);
    expect([...got].map(([ds, s]) => [ds, s.map((x) => `${x.name}:${x.userrefs}`)])).toEqual([
      ['p/a', ['s1:2']],
      ['p/b', ['s1:0', 's2:0']],
      ['p/empty', []],
    ]);
  });

  it('any other failure is an error, retryable only when transient', async () => {
    const e = await client({ exitCode: 1, stdout: '', stderr: "cannot open 'p/a': permission denied\n" })
      .listSnapshotsOf(['p/a'])
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandFailedError);
    expect((e as CommandFailedError).retryable).toBe(false);
  });
});

describe('missingDatasets', () => {
  it.each([
    [
      "cannot open 'p/a': dataset does not exist\ncannot open 'p/b c': dataset does not exist\n",
      ['p/a', 'p/b c'],
    ],
    ["cannot open 'p/a': dataset does not exist\ncannot open 'p/b': permission denied\n", undefined],
    ['', undefined],
  ])('%j → %j', (stderr, names) => {
    expect(missingDatasets(stderr)).toEqual(names);
  });
});

describe('ZfsClient: what the dataset deletions read', () => {
  it('entryCounts gives every dataset asked about a count, zero when zfs named none of its entries', async () => {
    const c = client({ exitCode: 0, stdout: 'p/a@s1\np/a#b1\n', stderr: '' });
    expect([...(await c.entryCounts(['p/a', 'p/b'], { bookmarks: true }))]).toEqual([
      ['p/a', { snapshots: 1, bookmarks: 1 }],
      ['p/b', { snapshots: 0, bookmarks: 0 }],
    ]);
  });

  it('entryCounts: a dataset that vanished fails the listing, retryably (a retry lists the tree again)', async () => {
    const c = client({
      exitCode: 1,
      stdout: 'p/a@s1\n',
      stderr: "cannot open 'p/b': dataset does not exist\n",
    });
    const e = await c.entryCounts(['p/a', 'p/b'], { bookmarks: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BzfsError);
    expect((e as BzfsError).retryable).toBe(true);
  });

  it('wouldDestroyTree: the names, or undefined when the dataset is gone', async () => {
    const ok = client({ exitCode: 0, stdout: 'destroy\tp/a@s\ndestroy\tp/a\n', stderr: '' });
    expect(await ok.wouldDestroyTree('p/a', { dependents: false })).toEqual(['p/a@s', 'p/a']);
    const gone = client({ exitCode: 1, stdout: '', stderr: "cannot open 'p/a': dataset does not exist\n" });
    expect(await gone.wouldDestroyTree('p/a', { dependents: false })).toBeUndefined();
  });
});

describe('ZfsClient.resumeState', () => {
  it('a decode that exits 0 without toname/toguid keeps the partial receive: an error, not a stale token', async () => {
    const c = client({ exitCode: 0, stdout: '1-abc-c8-789cabab\n', stderr: '' });
    const e = await c.resumeState('p/x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BzfsError);
    expect((e as BzfsError).message).toMatch(/It is kept; `zfs receive -A p\/x`/);
  });
});

describe('isResumeTokenRejected', () => {
  it.each([
    ['cannot resume send: resume token is corrupt (invalid format)', true],
    ['cannot resume send: resume token is corrupt (checksum mismatch)', true],
    ['cannot resume send: resume token is corrupt', true],
    ['Connection reset by peer', false],
    ["cannot resume send: 'p/s@a' used in the initial send no longer exists", false],
  ])('%s → %s', (stderr, rejected) => {
    expect(isResumeTokenRejected(stderr)).toBe(rejected);
  });
});

describe('ZfsClient.listDatasets with snapshots_changed', () => {
  it('a zfs older than 2.2 refuses the property: listed again without it (no values: the cache lists)', async () => {
    const argvs: string[][] = [];
    const runner: CommandRunner = {
      run: async (cmd) => {
        argvs.push([...cmd.argv]);
        return cmd.argv.some((a) => a.includes('snapshots_changed'))
          ? { exitCode: 2, stdout: '', stderr: "bad property list: invalid property 'snapshots_changed'\n" }
          : { exitCode: 0, stdout: 'p/a\tfilesystem\t-\n', stderr: '' };
      },
      runPipeline: async () => ({ exitCode: 1, stdout: '', stderr: '' }),
    };
    const c = new ZfsClient({ label: 'dst', place: LOCAL, sudo: false }, runner, () => ({}));
    const listed = await c.listDatasets('p/a', false, ['receive_resume_token', 'snapshots_changed']);
    expect(listed).toEqual([{ name: 'p/a', type: 'filesystem', resumeToken: '-' }]);
    expect(argvs.map((a) => a[4])).toEqual([
      'name,type,receive_resume_token,snapshots_changed',
      'name,type,receive_resume_token',
    ]);
  });
});
