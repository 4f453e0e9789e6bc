import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { parseCli } from './args.js';

const ENV = { home: '/home/u', cpus: 8 };
const daemonOf = async (...opts: string[]) =>
  (await parseCli([...opts, 'pool/a', 'pool/b'], ENV)).config!.daemon;
const refusal = (...opts: string[]) =>
  parseCli([...opts, 'pool/a', 'pool/b'], ENV).then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('daemon options', () => {
  it("defaults as the original's: lifetime '0 seconds' (off), minutely, remote conf cache 300 s", async () => {
    expect(await daemonOf()).toEqual({
      lifetimeMs: 0,
      frequency: { unit: 'minutely', multiple: 1 },
      remoteConfCacheTtlMs: 300_000,
    });
  });

  it.each([
    ['86400 seconds', 86_400_000],
    ['30 days', 30 * 86_400_000],
    ['2 weeks', 14 * 86_400_000],
    ['25s', 25_000],
    ['1500 millis', 1_500],
  ])('--daemon-lifetime %s is %d ms (longer than one timer may wait is fine)', async (text, ms) => {
    expect((await daemonOf(`--daemon-lifetime=${text}`)).lifetimeMs).toBe(ms);
  });

  it.each([
    ['10secondly', { unit: 'secondly', multiple: 10 }],
    ['100millisecondly', { unit: 'millisecondly', multiple: 100 }],
    ['100 millisecondly', { unit: 'millisecondly', multiple: 100 }],
    ['hourly', { unit: 'hourly', multiple: 1 }],
  ])('--daemon-frequency %s', async (text, period) => {
    expect((await daemonOf(`--daemon-frequency=${text}`)).frequency).toEqual(period);
  });

  it.each(['', 'adhoc', '0secondly', '05minutely', 'every minute'])(
    '--daemon-frequency %p is refused with exit 2',
    async (text) => {
      const e = await refusal(`--daemon-frequency=${text}`);
      expect(e).toBeInstanceOf(UsageError);
      expect(e?.message).toMatch(/--daemon-frequency .*expected a period such as 'minutely'/);
    },
  );

  it.each(['-1s', 'forever', '5 fortnights'])('--daemon-lifetime %p is refused', async (text) => {
    const e = await refusal(`--daemon-lifetime=${text}`);
    expect(e).toBeInstanceOf(UsageError);
    expect(e?.message).toMatch(/--daemon-lifetime .*invalid duration/);
  });

  it('--explain with a lifetime is refused: it plans once', async () => {
    const e = await refusal('--explain', '--daemon-lifetime=60s');
    expect(e).toBeInstanceOf(UsageError);
    expect(e?.message).toMatch(/--explain .*--daemon-lifetime/);
    expect((await daemonOf('--explain', '--daemon-lifetime=0')).lifetimeMs).toBe(0);
  });

  it('the daemon options do not change the lock key: a duplicate started by cron exits 4', async () => {
    const key = async (...o: string[]) => (await parseCli([...o, 'pool/a', 'pool/b'], ENV)).config!.lockKey;
    expect(await key('--daemon-lifetime=1 days', '--daemon-frequency=10secondly')).toBe(await key());
  });
});
