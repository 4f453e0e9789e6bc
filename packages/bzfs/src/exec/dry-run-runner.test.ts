import { describe, expect, it } from '@jest/globals';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { BzfsError } from '../model/errors.js';
import { zfsCmd, type ZfsArgv } from '../zfs/commands.js';
import { DryRunRunner, type StateChangePolicy } from './dry-run-runner.js';
import { LOCAL, type Command, type CommandResult, type CommandRunner, type Pipeline } from './runner.js';

/** Records what reached the real runner; every command succeeds with "ran". */
function recording() {
  const ran: string[] = [];
  const ok = (stages: readonly Command[]): Promise<CommandResult> => {
    ran.push(stages.map((s) => s.argv.join(' ')).join(' | '));
    return Promise.resolve({ exitCode: 0, stdout: 'ran', stderr: '' });
  };
  const inner: CommandRunner = { run: (c) => ok([c]), runPipeline: (p) => ok(p.stages) };
  return { inner, ran };
}

const cmd = (z: ZfsArgv): Command => ({ place: LOCAL, argv: z.argv, changesState: z.changesState });
const render = (p: Pipeline) => p.stages.map((s) => s.argv.join(' ')).join(' | ');

function setup(policy: StateChangePolicy) {
  const { inner, ran } = recording();
  const log = memoryLogger();
  return { runner: new DryRunRunner(inner, { policy, log, render }), ran, log: log.lines };
}

const LIST = cmd(zfsCmd.listSnapshots(['p/a']));
const DESTROY = cmd(zfsCmd.destroySnapshots('p/a', ['s1'], { dependents: false, unmount: false }));
const SEND = cmd(zfsCmd.send([], undefined, 'p/a@s1'));
const RECV = cmd(zfsCmd.receive([], { resumable: true, force: true }, 'p/b'));
const RECV_N = cmd(zfsCmd.receive([], { resumable: false, force: true, dryRun: true }, 'p/b'));

describe('DryRunRunner: a real run', () => {
  it('logs every state-changing command before running it', async () => {
    const { runner, ran, log } = setup('run');
    const r = await runner.run(DESTROY);
    expect(r).toEqual({ exitCode: 0, stdout: 'ran', stderr: '' });
    expect(ran).toEqual(['zfs destroy p/a@s1']);
    expect(log).toEqual(['I Executing: zfs destroy p/a@s1']);
  });

  it('a labelled pipeline is logged with its label', async () => {
    const { runner, ran, log } = setup('run');
    await runner.runPipeline({ stages: [SEND, RECV] }, { what: 'full → s1' });
    expect(ran).toEqual(['zfs send p/a@s1 | zfs receive -s -F p/b']);
    expect(log).toEqual(['I Executing (full → s1): zfs send p/a@s1 | zfs receive -s -F p/b']);
  });

  it('announceOnly announces and does not run, even in a real run', async () => {
    const { runner, ran, log } = setup('run');
    const r = await runner.runPipeline(
      { stages: [SEND, RECV_N] },
      { what: '-i s1 → s2', announceOnly: true },
    );
    expect(r.simulated).toBe(true);
    expect(ran).toEqual([]);
    expect(log).toEqual(['I Would execute (-i s1 → s2): zfs send p/a@s1 | zfs receive -F -n p/b']);
  });
});

describe('DryRunRunner: --dryrun', () => {
  it('a state-changing command is logged as "Would execute" and not run; the result says simulated', async () => {
    const { runner, ran, log } = setup('simulate');
    const r = await runner.run(DESTROY);
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: '', simulated: true });
    expect(ran).toEqual([]);
    expect(log).toEqual(['I Would execute: zfs destroy p/a@s1']);
  });

  it('a pipeline with one state-changing stage is not run', async () => {
    const { runner, ran, log } = setup('simulate');
    const r = await runner.runPipeline({ stages: [SEND, RECV] }, { what: 'full → s1' });
    expect(r.simulated).toBe(true);
    expect(ran).toEqual([]);
    expect(log).toEqual(['I Would execute (full → s1): zfs send p/a@s1 | zfs receive -s -F p/b']);
  });

  it('reads pass through, unlogged, with their output', async () => {
    const { runner, ran, log } = setup('simulate');
    const r = await runner.run(LIST);
    expect(r.stdout).toBe('ran');
    expect(r.simulated).toBeUndefined();
    expect(ran).toHaveLength(1);
    expect(log).toEqual([]);
  });

  it('send | receive -n (--dryrun=recv) really runs: nothing in it changes state', async () => {
    const { runner, ran, log } = setup('simulate');
    const r = await runner.runPipeline({ stages: [SEND, RECV_N] }, { what: 'full → s1' });
    expect(r.simulated).toBeUndefined();
    expect(ran).toEqual(['zfs send p/a@s1 | zfs receive -F -n p/b']);
    expect(log).toEqual(['I Executing (full → s1): zfs send p/a@s1 | zfs receive -F -n p/b']);
  });
});

describe('DryRunRunner: --explain', () => {
  it('refuses a state-changing command with an error that names it; nothing runs', async () => {
    const { runner, ran } = setup('refuse');
    const e = await runner.runPipeline({ stages: [SEND, RECV] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BzfsError);
    expect((e as Error).message).toMatch(/--explain.*zfs send p\/a@s1 \| zfs receive -s -F p\/b/);
    expect(ran).toEqual([]);
  });

  it('lets reads through', async () => {
    const { runner, ran } = setup('refuse');
    await runner.run(LIST);
    await runner.run(cmd(zfsCmd.decodeResumeToken('1-x')));
    expect(ran).toHaveLength(2);
  });
});
