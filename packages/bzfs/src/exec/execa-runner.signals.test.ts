import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { BzfsError } from '../model/errors.js';
import { ExecaRunner } from './execa-runner.js';
import { CommandFailedError, LOCAL, type Command, type Place, type RunOptions } from './runner.js';
import {
  FAKE_SSH,
  fakeBin,
  killSleepers,
  sleepers,
  uniqueMark,
  waitUntil,
  within,
} from '../../test/support/test-procs.js';

/*
 * Stopping commands whose descendants hold their pipes. The fake `zfs` is a shell script whose
 * child `sleep MARK` keeps the script's stdout and stderr open: a kill of only the script would
 * leave the pipes open and the sleep running. The fake `ssh` runs its "remote" command in a new
 * session, like sshd, so only the remote side itself can end it.
 */
const MARK = uniqueMark();
const bin = fakeBin({
  zfs: [
    // Like the real one, a receive reads its stream to the end (it fails on a truncated stream).
    'if [ "$1" = receive ]; then exec cat >/dev/null; fi',
    `sleep ${MARK}`,
    'echo never',
  ].join('\n'),
  ssh: FAKE_SSH,
});
afterEach(() => killSleepers(MARK));
afterAll(() => bin.dispose());
jest.setTimeout(60_000);

const runner = new ExecaRunner({
  ssh: { controlPersistSecs: 1, verbose: false },
  env: { ...process.env, PATH: `${bin.dir}:${process.env.PATH ?? ''}` },
});
const REMOTE: Place = { ssh: { host: 'remotehost' } };
const zfsCmd = (place: Place, ...args: string[]): Command => ({
  place,
  argv: ['zfs', ...args],
  changesState: false,
});

/** Starts `go`, aborts once a sleeper is running, and returns how it ended (or 'pending'). */
async function abortWhenRunning(go: (o: RunOptions) => Promise<unknown>, reason?: unknown) {
  const ac = new AbortController();
  const done = go({ signal: ac.signal }).catch((e: unknown) => e);
  expect(await waitUntil(() => sleepers(MARK).length > 0)).toBe(true);
  ac.abort(reason);
  return within(done, 20_000);
}

describe('stopping commands whose descendants hold the pipes', () => {
  it('an abort ends a single command at once, and none of its processes is left', async () => {
    const e = await abortWhenRunning((o) => runner.run(zfsCmd(LOCAL, 'list'), o));
    expect(e).toBeInstanceOf(CommandFailedError);
    expect(await waitUntil(() => sleepers(MARK).length === 0, 10_000)).toBe(true);
  });

  it('an abort ends every stage of a pipeline, and none of their processes is left', async () => {
    const e = await abortWhenRunning((o) =>
      runner.runPipeline(
        { stages: [zfsCmd(LOCAL, 'send', 'p/a@s'), { place: LOCAL, argv: ['cat'], changesState: false }] },
        o,
      ),
    );
    expect(e).toBeInstanceOf(CommandFailedError);
    expect(await waitUntil(() => sleepers(MARK).length === 0, 10_000)).toBe(true);
  });

  it('a per-command timeout ends such a command too, and says it timed out', async () => {
    const e = await within(
      runner.run(zfsCmd(LOCAL, 'list'), { timeoutMs: 300 }).catch((x: unknown) => x),
      20_000,
    );
    expect((e as Error).message).toMatch(/timed out/);
    expect(await waitUntil(() => sleepers(MARK).length === 0, 10_000)).toBe(true);
  });

  it('the abort reason is reported, not just "cancelled"', async () => {
    const e = await abortWhenRunning(
      (o) => runner.run(zfsCmd(LOCAL, 'list'), o),
      new BzfsError('timed out after --timeout 1s'),
    );
    expect((e as Error).message).toMatch(/\(timed out after --timeout 1s\)/);
    expect((e as Error).message).not.toMatch(/cancelled/);
    expect((e as CommandFailedError).retryable).toBe(false);
  });

  it('an aborted command is reported as failed even with allowFailure: its result means nothing', async () => {
    const e = await abortWhenRunning((o) => runner.run(zfsCmd(LOCAL, 'list'), { ...o, allowFailure: true }));
    expect(e).toBeInstanceOf(CommandFailedError);
  });

  it('nothing is started once the run is aborted', async () => {
    const ac = new AbortController();
    ac.abort(new BzfsError('terminated by SIGTERM'));
    const e = await runner.run(zfsCmd(LOCAL, 'list'), { signal: ac.signal }).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/terminated by SIGTERM/);
    expect(sleepers(MARK)).toEqual([]);
  });

  it('a command that exits is done, though a process it left behind keeps its pipes open (ssh -v ControlMaster)', async () => {
    const r = await within(
      runner.run({
        place: LOCAL,
        argv: ['sh', '-c', `(sleep ${MARK} &); echo ok; echo log >&2`],
        changesState: false,
      }),
      20_000,
    );
    expect(r).toEqual({ exitCode: 0, stdout: 'ok\n', stderr: 'log\n' });
  });
});

describe('remote commands end when the local ssh is killed (fake ssh, local sh as the remote shell)', () => {
  it('same host: ssh h "zfs send | zfs receive" — both remote processes end', async () => {
    const e = await abortWhenRunning((o) =>
      runner.runPipeline({ stages: [zfsCmd(REMOTE, 'send', 'p/a@s'), zfsCmd(REMOTE, 'receive', 'p/b')] }, o),
    );
    expect(e).toBeInstanceOf(CommandFailedError);
    expect(await waitUntil(() => sleepers(MARK).length === 0, 15_000)).toBe(true);
  });

  it('pull: ssh src "zfs send" | local receive — the remote send ends', async () => {
    const e = await abortWhenRunning((o) =>
      runner.runPipeline({ stages: [zfsCmd(REMOTE, 'send', 'p/a@s'), zfsCmd(LOCAL, 'receive', 'p/b')] }, o),
    );
    expect(e).toBeInstanceOf(CommandFailedError);
    expect(await waitUntil(() => sleepers(MARK).length === 0, 15_000)).toBe(true);
  });

  it('push: local send | ssh dst "zfs receive" — the remote receive ends with its stream', async () => {
    const e = await abortWhenRunning((o) =>
      runner.runPipeline({ stages: [zfsCmd(LOCAL, 'send', 'p/a@s'), zfsCmd(REMOTE, 'receive', 'p/b')] }, o),
    );
    expect(e).toBeInstanceOf(CommandFailedError);
    expect(await waitUntil(() => sleepers(MARK).length === 0, 15_000)).toBe(true);
  });

  it('a single remote command that is killed ends on the remote side too', async () => {
    const e = await abortWhenRunning((o) => runner.run(zfsCmd(REMOTE, 'list'), o));
    expect(e).toBeInstanceOf(CommandFailedError);
    expect(await waitUntil(() => sleepers(MARK).length === 0, 15_000)).toBe(true);
  });

  it('a remote command that is not killed keeps its output and exit code', async () => {
    const script = 'printf \'%s\\n\' "$@"; echo err >&2; exit 7';
    const argv = ['sh', '-c', script, 'sh', 'a b', "it's", '$(x)'];
    const r = await runner.run({ place: REMOTE, argv, changesState: false }, { allowFailure: true });
    expect(r).toEqual({ exitCode: 7, stdout: "a b\nit's\n$(x)\n", stderr: 'err\n' });
  });

  it('a remote pipeline that is not killed passes its data through', async () => {
    const r = await runner.runPipeline({
      stages: [
        { place: REMOTE, argv: ['printf', '%s', 'x|y'], changesState: false },
        { place: REMOTE, argv: ['tr', 'xy', 'XY'], changesState: false },
        { place: LOCAL, argv: ['cat'], changesState: false },
      ],
    });
    expect(r.stdout).toBe('X|Y');
  });
});
