import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { parseCli } from './args.js';
import { machineOf } from './overlap.js';

const ENV = { home: '/home/u', cpus: 8 };
const parse = (argv: readonly string[]) =>
  parseCli(argv, ENV).then(
    (r) => r,
    (e: unknown) => e,
  );

describe('source and destination overlap', () => {
  it.each<[string, string[]]>([
    ['--ssh-dst-port=22', ['-r', '--ssh-dst-port=22', 'h:tank/src', 'h:tank/src/child']],
    ['--ssh-dst-port 22', ['-r', '--ssh-dst-port', '22', 'h:tank/src', 'h:tank/src/child']],
    ['--ssh-src-port=2222', ['-r', '--ssh-src-port=2222', 'h:tank/src', 'h:tank/src/child']],
    ['both ports differ', ['-r', '--ssh-src-port=2222', '--ssh-dst-port=22', 'h:tank/a', 'h:tank/a']],
    ['users a@h vs b@h', ['-r', 'a@h:tank/src', 'b@h:tank/src/child']],
    ['--ssh-dst-user', ['--ssh-dst-user=b', 'a@h:tank/a', 'h:tank/a']],
    ['H vs h', ['-r', 'H:tank/src', 'h:tank/src/child']],
    ['FQDN with a trailing dot', ['h.example.org.:tank/a', 'H.Example.Org:tank/a']],
    ['--ssh-dst-host h override', ['-r', '--ssh-dst-host', 'h', 'h:tank/src', 'other:tank/src/child']],
    ['--ssh-src-host=h override', ['--ssh-src-host=h', 'other:tank/a', 'h:tank/a']],
    ['nested, src under dst', ['-r', 'h:tank/src/child', 'h:tank/src']],
    ['nested, dst under src', ['-r', 'h:tank/src', 'h:tank/src/child/grand']],
    ['the same dataset without -r', ['h:tank/a', 'h:tank/a']],
    ['local vs -:', ['tank/a', '-:tank/a']],
    ['local vs --ssh-dst-host=-', ['--ssh-dst-host=-', 'tank/a', 'h:tank/a']],
    ['local, nested with -r', ['-r', '--', '-:tank/a', 'tank/a/b']],
    ['IPv6 ::1 vs 0:0::1', ['||1:tank/a', '0|0||1:tank/a']],
    ['IPv6 case and zeros', ['fe80||A:tank/a', 'FE80|0|0|0|0|0|0|a:tank/a']],
    ['localhost vs local', ['localhost:tank/a', 'tank/a']],
    ['127.0.0.1 vs local', ['tank/a', '127.0.0.1:tank/a']],
    ['::1 vs local', ['tank/a', '||1:tank/a']],
    ['a later pair', ['tank/a', 'h:tank/a', 'h:tank/b', 'h:tank/b']],
  ])('refuses %s', async (_name, argv) => {
    const err = await parse(argv);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(ExitCode.USAGE);
    expect((err as Error).message).toMatch(/overlap/);
  });

  it.each<[string, string[]]>([
    ['siblings that share a prefix', ['-r', 'h:tank/src', 'h:tank/srcx']],
    ['nested without -r', ['h:tank/a', 'h:tank/a/b']],
    ['different hosts', ['-r', 'h:tank/a', 'g:tank/a']],
    ['a host override that separates them', ['--ssh-dst-host=g', 'h:tank/a', 'h:tank/a']],
    ['local vs a remote host', ['-r', 'tank/a', 'h:tank/a']],
    ['different IPv6 hosts', ['||1:tank/a', '||2:tank/a']],
  ])('accepts %s', async (_name, argv) => {
    const r = await parse(argv);
    expect(r).not.toBeInstanceOf(Error);
  });

  it('a machine is named by host only, canonically', () => {
    expect(machineOf({ dataset: 'x' })).toBe('local');
    expect(machineOf({ dataset: 'x', ssh: { host: 'Backup01.', user: 'u', port: 2222 } })).toBe('backup01');
    expect(machineOf({ dataset: 'x', ssh: { host: '0:0::1' } })).toBe('local');
    expect(machineOf({ dataset: 'x', ssh: { host: '2001:DB8:0:0:0:0:0:1' } })).toBe('2001:db8::1');
    expect(machineOf({ dataset: 'x', ssh: { host: '127.0.0.2' } })).toBe('local');
  });
});
