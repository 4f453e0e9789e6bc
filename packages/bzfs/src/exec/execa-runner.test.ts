import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecaRunner } from './execa-runner.js';
import { CommandFailedError, LOCAL, type Pipeline } from './runner.js';

// Real (harmless) local processes: the runner's job is exactly how processes are wired.
const runner = new ExecaRunner({ ssh: { controlPersistSecs: 1, verbose: false } });
const pipe = (...argvs: string[][]): Pipeline => ({
  stages: argvs.map((argv) => ({ place: LOCAL, argv, changesState: false })),
});

describe('ExecaRunner pipelines', () => {
  it('connects stages directly: every byte arrives', async () => {
    const r = await runner.runPipeline(pipe(['head', '-c', '5000000', '/dev/zero'], ['wc', '-c']));
    expect(r.stdout.trim()).toBe('5000000');
    expect(r.exitCode).toBe(0);
  });

  it('reports the consumer that failed, not the producer that died of the broken pipe', async () => {
    const e = await runner
      .runPipeline(pipe(['yes'], ['sh', '-c', 'head -c 10 >/dev/null; echo refused >&2; exit 3']))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandFailedError);
    expect((e as CommandFailedError).processExitCode).toBe(3);
    expect((e as CommandFailedError).stderr).toMatch(/refused/);
  });

  it('reports a producer that failed', async () => {
    const e = await runner
      .runPipeline(pipe(['sh', '-c', 'echo boom >&2; exit 7'], ['cat']))
      .catch((x: unknown) => x);
    expect((e as CommandFailedError).processExitCode).toBe(7);
    expect((e as CommandFailedError).message).toMatch(/boom/);
  });

  it("appends a local stage's stderr to its stderrFile (0600) instead of capturing it, and logs the redirect", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bzfs-pv-')), 'run.log.pv');
    const lines: string[] = [];
    const r = await new ExecaRunner({
      ssh: { controlPersistSecs: 1, verbose: false },
      onExec: (l) => lines.push(l),
    }).runPipeline({
      stages: [
        {
          place: LOCAL,
          argv: ['sh', '-c', 'echo progress >&2; echo data'],
          changesState: false,
          stderrFile: file,
        },
        { place: LOCAL, argv: ['sh', '-c', 'cat; echo own >&2'], changesState: false },
      ],
    });
    expect(r.stdout).toBe('data\n');
    expect(r.stderr).toBe('own\n');
    expect(readFileSync(file, 'utf8')).toBe('progress\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines).toEqual([`sh -c 'echo progress >&2; echo data' 2>> ${file} | sh -c 'cat; echo own >&2'`]);
  });

  it('returns the failure instead of throwing with allowFailure', async () => {
    const r = await runner.runPipeline(pipe(['true'], ['sh', '-c', 'exit 5']), { allowFailure: true });
    expect(r.exitCode).toBe(5);
  });

  it('kills every stage when aborted', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 200);
    const e = await runner
      .runPipeline(pipe(['sleep', '30'], ['sleep', '30']), { signal: ac.signal })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandFailedError);
    expect((e as Error).message).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('kills every stage on timeout', async () => {
    const e = await runner
      .runPipeline(pipe(['sleep', '30'], ['cat']), { timeoutMs: 200 })
      .catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/timed out/);
  });

  it.each([
    [['no-such-program-bzfs']],
    [['no-such-program-bzfs'], ['cat']],
    [['true'], ['no-such-program-bzfs']],
  ])('a program that cannot be started fails with exit 127 and says why: %j', async (...argvs) => {
    const e = await runner.runPipeline(pipe(...argvs)).catch((x: unknown) => x);
    expect((e as CommandFailedError).processExitCode).toBe(127);
    expect((e as CommandFailedError).message).toMatch(/no-such-program-bzfs ENOENT/);
    expect((e as CommandFailedError).retryable).toBe(false);
  });

  it('runs a single command through execa with its stdout', async () => {
    const r = await runner.run({ place: LOCAL, argv: ['printf', '%s', 'a b'], changesState: false });
    expect(r.stdout).toBe('a b');
  });
});
