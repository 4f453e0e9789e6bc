import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { lockKeyOf } from './lock-key.js';
import { parseCli } from './args.js';

const ENV = { home: '/home/u', cpus: 8 };

async function ssh(argv: string[], pair = ['pool/src', 'pool/dst']) {
  const r = await parseCli([...argv, '--', ...pair], ENV);
  return r.config!;
}
const refused = (argv: string[], pair?: string[]) =>
  ssh(argv, pair).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('ssh options', () => {
  it("the original's defaults: ssh, ^aes256-gcm@openssh.com, 8 sessions, no exit on shutdown", async () => {
    expect((await ssh([])).ssh).toEqual({
      program: 'ssh',
      cipher: '^aes256-gcm@openssh.com',
      maxSessionsPerConnection: 8,
      exitOnShutdown: false,
    });
  });

  it('values as given', async () => {
    const c = await ssh([
      '--ssh-program=hpnssh',
      '--ssh-cipher=aes128-ctr,chacha20-poly1305@openssh.com',
      '--max-concurrent-ssh-sessions-per-tcp-connection=3',
      '--ssh-exit-on-shutdown',
    ]);
    expect(c.ssh).toEqual({
      program: 'hpnssh',
      cipher: 'aes128-ctr,chacha20-poly1305@openssh.com',
      maxSessionsPerConnection: 3,
      exitOnShutdown: true,
    });
  });

  it('an empty --ssh-cipher leaves the choice to ssh; --ssh-program=- is no program', async () => {
    const c = await ssh(['--ssh-cipher=', '--ssh-program=-']);
    expect(c.ssh.cipher).toBeUndefined();
    expect(c.ssh.program).toBeUndefined();
  });

  it('--ssh-program=- with a remote SRC or DST is a usage error that names it', async () => {
    const e = await refused(['--ssh-program=-'], ['pool/src', 'backup:pool/dst']);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toContain('backup:pool/dst');
    expect(await refused(['--ssh-program=-', '--ssh-src-host=prod'])).toBeInstanceOf(UsageError);
  });

  it.each([
    ['--ssh-program=scp'],
    ['--ssh-cipher=aes128-ctr; rm -rf /'],
    ['--ssh-cipher=a b'],
    ['--max-concurrent-ssh-sessions-per-tcp-connection=0'],
  ])('refused: %s', async (opt) => {
    expect(await refused([opt])).toBeInstanceOf(UsageError);
  });

  it('how hosts are reached is no part of the lock key', async () => {
    const a = await ssh([]);
    const b = await ssh(['--ssh-program=hpnssh', '--ssh-cipher=aes128-ctr', '--ssh-exit-on-shutdown']);
    expect(lockKeyOf(b)).toBe(lockKeyOf(a));
  });
});
