import { describe, expect, it } from '@jest/globals';
import type { TransferSettings } from '../config/transfer.js';
import { LOCAL, type Command, type CommandResult, type CommandRunner, type Place } from '../exec/runner.js';
import { testConfig, testTaskContext } from '../../test/support/test-config.js';
import { linkOf, transferPipeline } from './transfer.js';

const SRC: Place = { ssh: { host: 'srchost' } };
const DST: Place = { ssh: { host: 'dsthost', user: 'bob' } };
const ON: Partial<TransferSettings> = {
  compression: { program: 'zstd', opts: ['-1'] },
  mbuffer: { program: 'mbuffer', opts: [] },
  pv: { program: 'pv', opts: ['--bytes'] },
};

/** Answers the helper check per host; records every command. */
class HelperRunner implements CommandRunner {
  readonly calls: Command[] = [];
  constructor(private readonly found: (p: Place) => string[]) {}
  run(cmd: Command): Promise<CommandResult> {
    this.calls.push(cmd);
    return Promise.resolve({ exitCode: 0, stdout: this.found(cmd.place).join('\n') + '\n', stderr: '' });
  }
  runPipeline(): Promise<CommandResult> {
    throw new Error('not expected');
  }
}

const send = (place: Place): Command => ({ place, argv: ['zfs', 'send', 'p/a@s1'], changesState: false });
const recv = (place: Place): Command => ({ place, argv: ['zfs', 'receive', 'q/a'], changesState: true });

function setup(transfer: Partial<TransferSettings>, found: (p: Place) => string[]) {
  const runner = new HelperRunner(found);
  const ctx = testTaskContext(runner, testConfig({ transfer }));
  return { runner, ctx };
}

describe('linkOf', () => {
  it.each<[Place, Place, string]>([
    [LOCAL, LOCAL, 'local'],
    [LOCAL, DST, 'push'],
    [SRC, LOCAL, 'pull'],
    [SRC, DST, 'pull-push'],
    [SRC, { ssh: { host: 'srchost' } }, 'same-remote'],
    [SRC, { ssh: { host: 'srchost', port: 2222 } }, 'pull-push'],
  ])('%j → %j: %s', (a, b, link) => {
    expect(linkOf(send(a), recv(b))).toBe(link);
  });
});

describe('transferPipeline', () => {
  it('asks each host once per run, with the names as arguments of a fixed script', async () => {
    const { runner, ctx } = setup(ON, () => ['zstd', 'mbuffer', 'pv']);
    await transferPipeline(ctx, send(LOCAL), recv(DST), 8 << 20);
    await transferPipeline(ctx, send(LOCAL), recv(DST), 8 << 20);
    expect(runner.calls.map((c) => c.place)).toEqual([LOCAL, DST]);
    expect(runner.calls[0]?.argv.slice(3)).toEqual(['sh', 'zstd', 'mbuffer', 'pv']);
    expect(runner.calls.every((c) => !c.changesState)).toBe(true);
  });

  it('push: each stage on its side; only the receive changes state', async () => {
    const { ctx } = setup(ON, () => ['zstd', 'mbuffer', 'pv']);
    const p = await transferPipeline(ctx, send(LOCAL), recv(DST), 8 << 20);
    expect(p.stages.map((s) => [s.place === DST ? 'dst' : 'here', s.argv[0], s.changesState])).toEqual([
      ['here', 'zfs', false],
      ['here', 'env', false],
      ['here', 'zstd', false],
      ['here', 'mbuffer', false],
      ['dst', 'mbuffer', false],
      ['dst', 'zstd', false],
      ['dst', 'zfs', true],
    ]);
  });

  it("pv's progress lines go to the run's pv log; no other stage's stderr does", async () => {
    const { runner } = setup(ON, () => ['zstd', 'mbuffer', 'pv']);
    const ctx = { ...testTaskContext(runner, testConfig({ transfer: ON })), pvLog: '/logs/run.log.pv' };
    const p = await transferPipeline(ctx, send(LOCAL), recv(DST), 8 << 20);
    expect(p.stages.map((s) => s.stderrFile)).toEqual([
      undefined,
      '/logs/run.log.pv',
      ...Array<undefined>(5).fill(undefined),
    ]);
  });

  it('a helper missing on one host: a debug line naming it and the host; the other host still uses its own', async () => {
    const { ctx } = setup(ON, (p) => (p === DST ? ['zstd'] : ['zstd', 'mbuffer', 'pv']));
    const p = await transferPipeline(ctx, send(LOCAL), recv(DST), 8 << 20);
    expect(ctx.log.lines).toContain(
      'D Helper mbuffer not found on host bob@dsthost: transfers there go without it',
    );
    expect(p.stages.filter((s) => s.argv[0] === 'mbuffer').map((s) => s.place)).toEqual([LOCAL]);
  });

  it('a local link says why compression and buffers are left out', async () => {
    const { ctx } = setup(ON, () => ['zstd', 'mbuffer', 'pv']);
    const p = await transferPipeline(ctx, send(LOCAL), recv(LOCAL), 8 << 20);
    expect(p.stages.map((s) => s.argv[0])).toEqual(['zfs', 'env', 'zfs']);
    expect(ctx.log.lines.join('\n')).toMatch(/D Transfer without zstd on this host \(local link\)/);
  });

  it('no helper enabled: the plain pair, and no host is asked', async () => {
    const { runner, ctx } = setup({}, () => []);
    const p = await transferPipeline(ctx, send(SRC), recv(DST), undefined);
    expect(p.stages).toEqual([send(SRC), recv(DST)]);
    expect(runner.calls).toEqual([]);
  });

  it('--r2r=pull: one command on the destination that changes state', async () => {
    const { ctx } = setup({ ...ON, r2r: 'pull' }, () => ['zstd', 'mbuffer', 'pv', 'sh', 'ssh']);
    const p = await transferPipeline(ctx, send(SRC), recv(DST), 8 << 20);
    expect(p.stages).toHaveLength(1);
    expect(p.stages[0]?.place).toBe(DST);
    expect(p.stages[0]?.changesState).toBe(true);
    expect(p.stages[0]?.argv[2]).toMatch(/^ssh -oBatchMode=yes -x -T -- srchost /);
  });

  it('--r2r=push without ssh on the source falls back with a warning', async () => {
    const { ctx } = setup({ ...ON, r2r: 'push' }, (p) => (p === SRC ? ['sh'] : ['sh', 'ssh', 'mbuffer']));
    const p = await transferPipeline(ctx, send(SRC), recv(DST), 8 << 20);
    expect(ctx.log.lines).toContain('W --r2r=push needs ssh on the src host; falling back to --r2r=off');
    expect(p.stages.length).toBeGreaterThan(1);
  });
});
