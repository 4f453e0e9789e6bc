import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { MAX_TIMER_MS } from '../model/timer-limit.js';
import { parseCli } from './args.js';
import { parseDurationMs } from './values.js';

const ENV = { home: '/home/u', cpus: 8 };
const config = async (...opts: string[]) => {
  const r = await parseCli([...opts, 'pool/a', 'h:pool/b'], ENV);
  if (r.config === undefined) throw new Error('no config');
  return r.config;
};
async function refused(opts: string[], ...why: RegExp[]): Promise<void> {
  const err = await parseCli([...opts, 'pool/a', 'h:pool/b'], ENV).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(ExitCode.USAGE);
  for (const w of why) expect((err as Error).message).toMatch(w);
}

describe('durations (--timeout)', () => {
  it('the longest duration a Node timer can wait is 2^31-1 ms (24.8 days)', () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
    expect(parseDurationMs('24 days')).toBe(24 * 86_400_000);
    expect(parseDurationMs(`${MAX_TIMER_MS}ms`)).toBe(MAX_TIMER_MS);
  });

  it.each(['30d', '25 days', `${MAX_TIMER_MS + 1}ms`, '1000000h'])('%s is refused as too long', (text) => {
    expect(() => parseDurationMs(text, '--timeout')).toThrow(UsageError);
    expect(() => parseDurationMs(text, '--timeout')).toThrow(/--timeout .*at most 2147483647 ms/);
  });

  it.each(['0', '0s', '0ms', '0.0001s', '0.5ms'])('%s is refused: a timeout must be positive', (text) => {
    expect(() => parseDurationMs(text, '--timeout')).toThrow(/--timeout .*at least 1 ms/);
  });

  it('the CLI refuses them with exit 2 naming --timeout', async () => {
    await refused(['--timeout=30d'], /--timeout/, /30d/);
    await refused(['--timeout=0'], /--timeout/, /positive|at least/);
    expect((await config('--timeout=1ms')).run.timeoutMs).toBe(1);
  });
});

describe('integer options', () => {
  it.each(['0x16', '1e1', '22.0', '+22', ' 22', '-22', '', '0', '65536', '２２'])(
    '--ssh-dst-port=%j is refused',
    async (v) => {
      await refused([`--ssh-dst-port=${v}`], /port/);
      await refused([`--ssh-src-port=${v}`, '--ssh-src-host=g'], /port/);
    },
  );

  it('decimal ports still work, given either way', async () => {
    expect((await config('--ssh-dst-port=22')).pairs[0]?.dst.ssh?.port).toBe(22);
    expect((await config('--ssh-dst-port', '2222')).pairs[0]?.dst.ssh?.port).toBe(2222);
  });

  it.each(['2.5', '0x2', '1e1', '-1', 'two', ''])('--retries=%j is refused', async (v) => {
    await refused([`--retries=${v}`], /--retries/, /integer/);
  });

  it('--retries takes a non-negative integer', async () => {
    expect((await config('--retries=0')).run.retry.retries).toBe(0);
    expect((await config('--retries', '7')).run.retry.retries).toBe(7);
  });

  it.each(['0', '0.5', '-1', '1.5', '0x10', '1e3'])('--ssh-control-persist-secs=%j is refused', async (v) => {
    await refused([`--ssh-control-persist-secs=${v}`], /--ssh-control-persist-secs/, /integer >= 1/);
  });

  it('--ssh-control-persist-secs takes an integer >= 1', async () => {
    expect((await config('--ssh-control-persist-secs=1')).run.sshControlPersistSecs).toBe(1);
  });

  it.each(['0x10', '-1', 'soon', ''])('--retry-max-sleep-secs=%j is refused', async (v) => {
    await refused([`--retry-max-sleep-secs=${v}`], /--retry-max-sleep-secs/);
  });

  it('the retry sleeps take decimal numbers', async () => {
    const c = await config(
      '--retry-max-sleep-secs=1.5',
      '--retry-min-sleep-secs=0',
      '--retry-max-elapsed-secs=60',
    );
    expect(c.run.retry).toMatchObject({ maxSleepSecs: 1.5, minSleepSecs: 0, maxElapsedSecs: 60 });
  });

  it.each(['0', '0%', '00', '-1', '1.5', '0x2'])('--threads=%j is refused', async (v) => {
    await refused([`--threads=${v}`], /--threads/);
  });

  it('--threads N% rounds half to even, as the original: 70% of 5 cores is 3.5, so 4 threads', async () => {
    const r = await parseCli(['--threads=70%', 'pool/a', 'h:pool/b'], { ...ENV, cpus: 5 });
    expect(r.config?.run.threads).toBe(4);
    const six = await parseCli(['--threads=75%', 'pool/a', 'h:pool/b'], { ...ENV, cpus: 6 });
    expect(six.config?.run.threads).toBe(4);
  });

  it('--threads N% that rounds down to 0 becomes 1', async () => {
    expect((await config('--threads=1%')).run.threads).toBe(1);
    expect((await config('--threads=3')).run.threads).toBe(3);
  });
});

describe('--log-dir', () => {
  it.each([
    '/tmp/x\n/bzfs-logs',
    '/tmp/bzfs-logs\n',
    '/tmp/\rbzfs-logs',
    '/tmp/bzfs-logs\u0007',
    '/tmp/bzfs-logs\u202e',
  ])('%j is refused: a control character would reach log file names', async (dir) => {
    await refused([`--log-dir=${dir}`], /--log-dir/, /control character/);
  });

  it('ordinary paths, with spaces and unicode, still work', async () => {
    expect((await config('--log-dir=/var/log/my bzfs-logs')).run.logDir).toBe('/var/log/my bzfs-logs');
    expect((await config('--log-dir=/srv/é/bzfs-logs')).run.logDir).toBe('/srv/é/bzfs-logs');
  });
});
