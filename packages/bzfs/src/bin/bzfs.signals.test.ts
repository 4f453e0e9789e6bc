import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fakeBin,
  killSleepers,
  sleepers,
  uniqueMark,
  waitUntil,
  within,
} from '../../test/support/test-procs.js';

/*
 * The built CLI against a fake `zfs` first on PATH whose child sleeps while holding the pipes:
 * SIGTERM must end bzfs within seconds and leave nothing running; a second SIGTERM ends it at once
 * even when the children ignore SIGTERM.
 */
const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/bin/bzfs.js');
const MARK = uniqueMark();
const plain = fakeBin({ zfs: `sleep ${MARK}\necho never` });
// Ignores SIGTERM, and so does its sleep (an ignored signal stays ignored across fork and exec).
const deaf = fakeBin({ zfs: `trap '' TERM\nsleep ${MARK}\necho never` });
const logs = mkdtempSync(join(tmpdir(), 'bzfs-signals-'));
afterEach(() => killSleepers(MARK));
afterAll(() => {
  plain.dispose();
  deaf.dispose();
  rmSync(logs, { recursive: true, force: true });
});
jest.setTimeout(60_000);

/** Starts the built bzfs on a local pair, with the given fake `zfs` first on PATH. */
function startBzfs(fake: { dir: string }, extra: string[] = []) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npm run -s build)`);
  const child = spawn('node', [BIN, '--log-dir', join(logs, 'bzfs-logs'), ...extra, 'pool/src', 'pool/dst'], {
    env: { ...process.env, PATH: `${fake.dir}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((r) =>
    child.on('exit', (code) => r({ code, output })),
  );
  return { child, exited };
}

describe('bzfs stops on SIGTERM (built CLI, fake zfs on PATH)', () => {
  it('SIGTERM: bzfs exits within seconds with exit code 3, and no child process is left', async () => {
    const { child, exited } = startBzfs(plain);
    expect(await waitUntil(() => sleepers(MARK).length > 0)).toBe(true);
    child.kill('SIGTERM');
    const r = await within(exited, 20_000);
    expect(r).not.toBe('pending');
    if (r === 'pending') child.kill('SIGKILL');
    else {
      expect(r.code).toBe(3);
      expect(r.output).toMatch(/terminated by SIGTERM/);
    }
    expect(await waitUntil(() => sleepers(MARK).length === 0, 10_000)).toBe(true);
  });

  it('SIGTERM twice: bzfs exits at once, killing children that ignore SIGTERM', async () => {
    const { child, exited } = startBzfs(deaf);
    expect(await waitUntil(() => sleepers(MARK).length > 0)).toBe(true);
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    const r = await within(exited, 20_000);
    expect(r).not.toBe('pending');
    if (r === 'pending') child.kill('SIGKILL');
    else {
      expect(r.code).toBe(3);
      expect(r.output).toMatch(/Received SIGTERM again/);
      // "At once", shown without a clock: the children ignore SIGTERM, so the ordinary way out waits
      // for the 5 s grace period's SIGKILL and then ends with "Stopped: ...". Exiting from the second
      // signal's handler never gets there, however slow the machine.
      expect(r.output).not.toMatch(/Stopped: /);
      expect(r.output).not.toMatch(/Failed to replicate/);
    }
    expect(await waitUntil(() => sleepers(MARK).length === 0, 10_000)).toBe(true);
  });

  it('--timeout: bzfs stops, says the timeout fired, exits 3, and no child process is left', async () => {
    const { child, exited } = startBzfs(plain, ['--timeout', '1s']);
    const r = await within(exited, 20_000);
    expect(r).not.toBe('pending');
    if (r === 'pending') child.kill('SIGKILL');
    else {
      expect(r.code).toBe(3);
      expect(r.output).toMatch(/\(timed out after --timeout 1s\)/);
      expect(r.output).toMatch(/Stopped: timed out after --timeout 1s/);
      expect(r.output).not.toMatch(/cancelled/);
    }
    expect(await waitUntil(() => sleepers(MARK).length === 0, 10_000)).toBe(true);
  });
});
