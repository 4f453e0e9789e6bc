import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Tests only: remote command strings are checked against a real POSIX shell.
import { shellJoin } from './quote.js';
import { createShellSandbox, nulTerminated, type ShellSandbox } from '../../test/support/shell-sandbox.js';
import { LOCAL, type Command, type Place } from './runner.js';
import {
  argvForGroup,
  groupStages,
  masterArgv,
  renderForLog,
  samePlace,
  sshPrefix,
  type SshSettings,
} from './ssh.js';

const PLAIN: SshSettings = { controlPersistSecs: 600, verbose: false };

const hostA: Place = { ssh: { host: 'hostA', user: 'alice' } };
const hostB: Place = { ssh: { host: 'hostB', port: 2222, configFile: '/etc/x/bzfs_ssh_config' } };

const cmd = (place: Place, ...argv: string[]): Command => ({ place, argv, changesState: false });
const send = (place: Place) => cmd(place, 'zfs', 'send', '--raw', 'pool/src@s1');
const recv = (place: Place) => cmd(place, 'sudo', '-n', 'zfs', 'receive', '-s', '-F', '-u', 'pool/dst');

describe('sshPrefix', () => {
  it('always batch mode, no X11, no tty; `--` right before the host, which comes last', () => {
    const argv = sshPrefix({ host: 'backup' }, PLAIN);
    expect(argv[0]).toBe('ssh');
    expect(argv).toEqual(expect.arrayContaining(['-oBatchMode=yes', '-x', '-T']));
    expect(argv.slice(-2)).toEqual(['--', 'backup']);
    expect(argv.filter((a) => a === '--')).toHaveLength(1);
    expect(argv.some((a) => a.startsWith('-oControl'))).toBe(false);
    expect(argv).not.toContain('-v');
  });

  it('user, port and config file', () => {
    const argv = sshPrefix(
      { host: 'backup', user: 'bob', port: 2222, configFile: '/etc/bzfs_ssh_config' },
      PLAIN,
    );
    const dd = argv.indexOf('--');
    expect(argv.slice(dd)).toEqual(['--', 'bob@backup']);
    const opts = argv.slice(0, dd);
    expect(opts[opts.indexOf('-p') + 1]).toBe('2222');
    expect(opts[opts.indexOf('-F') + 1]).toBe('/etc/bzfs_ssh_config');
  });

  it('config file `none`', () => {
    const argv = sshPrefix({ host: 'h', configFile: 'none' }, PLAIN);
    expect(argv.slice(argv.indexOf('-F'), argv.indexOf('-F') + 2)).toEqual(['-F', 'none']);
  });

  it('a shared session names its master and never becomes one; a dedicated one shares nothing', () => {
    const shared = sshPrefix({ host: 'h' }, PLAIN, { socket: '/home/u/.ssh/bzfs/abc.0' });
    const dd = shared.indexOf('--');
    expect(shared.slice(0, dd)).toEqual(
      expect.arrayContaining(['-oControlPath=/home/u/.ssh/bzfs/abc.0', '-oControlMaster=no']),
    );
    expect(shared.some((a) => a.startsWith('-oControlPersist'))).toBe(false);
    const dedicated = sshPrefix({ host: 'h' }, PLAIN, 'dedicated');
    expect(dedicated.filter((a) => a.startsWith('-oControl'))).toEqual(['-oControlPath=none']);
  });

  it('a % in the socket path is passed literally (ssh expands % tokens)', () => {
    expect(sshPrefix({ host: 'h' }, PLAIN, { socket: '/x%y/s.0' })).toContain('-oControlPath=/x%%y/s.0');
  });

  it('program and cipher from the settings: hpnssh -c ...', () => {
    const argv = sshPrefix({ host: 'h' }, { ...PLAIN, program: 'hpnssh', cipher: '^aes256-gcm@openssh.com' });
    expect(argv[0]).toBe('hpnssh');
    expect(argv.slice(argv.indexOf('-c'), argv.indexOf('-c') + 2)).toEqual(['-c', '^aes256-gcm@openssh.com']);
    expect(argv.indexOf('-c')).toBeLessThan(argv.indexOf('--'));
  });

  it('masterArgv: start runs `exit` as a master that persists; check and exit are -O requests', () => {
    const t = { host: 'h', user: 'u', port: 2222 };
    const s = { ...PLAIN, controlPersistSecs: 90 };
    const start = masterArgv(t, s, '/d/k.0', 'start');
    expect(start.slice(-3)).toEqual(['--', 'u@h', 'exit']);
    expect(start).toEqual(
      expect.arrayContaining([
        '-oControlPath=/d/k.0',
        '-oControlMaster=yes',
        '-oControlPersist=90',
        '-p',
        '2222',
      ]),
    );
    const check = masterArgv(t, s, '/d/k.0', 'check');
    expect(check.slice(-4)).toEqual(['-O', 'check', '--', 'u@h']);
    expect(masterArgv(t, s, '/d/k.0', 'exit').slice(-4)).toEqual(['-O', 'exit', '--', 'u@h']);
  });

  it('verbose adds -v', () => {
    expect(sshPrefix({ host: 'h' }, { ...PLAIN, verbose: true })).toContain('-v');
  });

  it('IPv6 host with user', () => {
    expect(sshPrefix({ host: '::1', user: 'u' }, PLAIN).slice(-2)).toEqual(['--', 'u@::1']);
  });

  it('a host that looks like an option is still after `--`', () => {
    const argv = sshPrefix({ host: '-oProxyCommand=x' }, PLAIN);
    expect(argv.indexOf('-oProxyCommand=x')).toBe(argv.indexOf('--') + 1);
  });
});

describe('samePlace', () => {
  it('local with local; remote only with the identical target', () => {
    expect(samePlace(cmd(LOCAL, 'a'), cmd(LOCAL, 'b'))).toBe(true);
    expect(samePlace(cmd(LOCAL, 'a'), cmd(hostA, 'b'))).toBe(false);
    expect(samePlace(cmd(hostA, 'a'), cmd(LOCAL, 'b'))).toBe(false);
    expect(samePlace(cmd(hostA, 'a'), cmd({ ssh: { host: 'hostA', user: 'alice' } }, 'b'))).toBe(true);
    expect(samePlace(cmd(hostA, 'a'), cmd({ ssh: { host: 'hostA', user: 'bob' } }, 'b'))).toBe(false);
    expect(samePlace(cmd(hostA, 'a'), cmd({ ssh: { host: 'hostA', user: 'alice', port: 22 } }, 'b'))).toBe(
      false,
    );
    expect(
      samePlace(cmd(hostA, 'a'), cmd({ ssh: { host: 'hostA', user: 'alice', configFile: 'none' } }, 'b')),
    ).toBe(false);
  });
});

describe('groupStages / argvForGroup', () => {
  it('local: two separate local processes, no shell', () => {
    const p = { stages: [send(LOCAL), recv(LOCAL)] };
    const groups = groupStages(p);
    expect(groups).toEqual([[send(LOCAL)], [recv(LOCAL)]]);
    expect(groups.map((g) => argvForGroup(g, PLAIN))).toEqual([
      ['zfs', 'send', '--raw', 'pool/src@s1'],
      ['sudo', '-n', 'zfs', 'receive', '-s', '-F', '-u', 'pool/dst'],
    ]);
  });

  it('push: local send | ssh dst "zfs receive ..."', () => {
    const groups = groupStages({ stages: [send(LOCAL), recv(hostB)] });
    expect(groups).toHaveLength(2);
    expect(argvForGroup(groups[0]!, PLAIN)).toEqual(['zfs', 'send', '--raw', 'pool/src@s1']);
    const remote = argvForGroup(groups[1]!, PLAIN);
    expect(remote.slice(0, -1)).toEqual(sshPrefix(hostB.ssh!, PLAIN));
    expect(remote[remote.length - 1]).toBe('sudo -n zfs receive -s -F -u pool/dst');
  });

  it('pull: ssh src "zfs send ..." | local receive', () => {
    const groups = groupStages({ stages: [send(hostA), recv(LOCAL)] });
    expect(groups).toHaveLength(2);
    expect(argvForGroup(groups[0]!, PLAIN)).toEqual([
      ...sshPrefix(hostA.ssh!, PLAIN),
      'zfs send --raw pool/src@s1',
    ]);
    expect(argvForGroup(groups[1]!, PLAIN)[0]).toBe('sudo');
  });

  it('pull-push: two ssh processes, relayed by this process', () => {
    const groups = groupStages({ stages: [send(hostA), recv(hostB)] });
    expect(groups.map((g) => argvForGroup(g, PLAIN).slice(-2))).toEqual([
      ['alice@hostA', 'zfs send --raw pool/src@s1'],
      ['hostB', 'sudo -n zfs receive -s -F -u pool/dst'],
    ]);
  });

  it('both stages on the same remote host: one ssh call with a remote pipeline', () => {
    const groups = groupStages({ stages: [send(hostA), recv(hostA)] });
    expect(groups).toHaveLength(1);
    const argv = argvForGroup(groups[0]!, PLAIN);
    expect(argv.filter((a) => a === 'ssh')).toHaveLength(1);
    expect(argv[argv.length - 1]).toBe('zfs send --raw pool/src@s1 | sudo -n zfs receive -s -F -u pool/dst');
  });

  it('consecutive stages on the same host are grouped, others not', () => {
    const groups = groupStages({
      stages: [send(LOCAL), cmd(hostA, 'mbuffer'), recv(hostA), cmd(LOCAL, 'cat')],
    });
    expect(groups.map((g) => g.length)).toEqual([1, 2, 1]);
  });

  it('watchdog: the remote pipeline runs under `sh -c` with a watcher of the remote stdin', () => {
    const plain = argvForGroup([send(hostA), recv(hostA)], PLAIN);
    const guarded = argvForGroup([send(hostA), recv(hostA)], PLAIN, { watchdog: true });
    expect(guarded.slice(0, -1)).toEqual(plain.slice(0, -1));
    const [shell, dashC, body, ...rest] = wordsOf(guarded[guarded.length - 1]!);
    expect([shell, dashC, rest]).toEqual(['sh', '-c', []]);
    expect(body).toContain(`{ ${plain[plain.length - 1]!}; s=$?;`);
    expect(body).toMatch(/^exec 3<&0 <\/dev\/null; cat <&3 /);
    // A local command has no remote side to guard.
    expect(argvForGroup([send(LOCAL)], PLAIN, { watchdog: true })).toEqual(send(LOCAL).argv);
  });

  it('refuses an empty group and a grouped local command', () => {
    expect(() => argvForGroup([], PLAIN)).toThrow();
    expect(() => argvForGroup([send(LOCAL), recv(LOCAL)], PLAIN)).toThrow(/local/);
  });

  it('local argv is passed through verbatim, even with hostile characters', () => {
    const hostile = ['zfs', 'list', "pool/a b'; rm -rf / #", '$(x)'];
    expect(argvForGroup([cmd(LOCAL, ...hostile)], PLAIN)).toEqual(hostile);
  });
});

describe('renderForLog', () => {
  it('local pipeline', () => {
    expect(renderForLog({ stages: [send(LOCAL), recv(LOCAL)] }, PLAIN)).toBe(
      'zfs send --raw pool/src@s1 | sudo -n zfs receive -s -F -u pool/dst',
    );
  });

  it('push, pull and pull-push: the remote part is one quoted ssh argument', () => {
    const pre = (p: Place) => sshPrefix(p.ssh!, PLAIN).join(' ');
    expect(renderForLog({ stages: [send(LOCAL), recv(hostB)] }, PLAIN)).toBe(
      `zfs send --raw pool/src@s1 | ${pre(hostB)} 'sudo -n zfs receive -s -F -u pool/dst'`,
    );
    expect(renderForLog({ stages: [send(hostA), recv(LOCAL)] }, PLAIN)).toBe(
      `${pre(hostA)} 'zfs send --raw pool/src@s1' | sudo -n zfs receive -s -F -u pool/dst`,
    );
    expect(renderForLog({ stages: [send(hostA), recv(hostB)] }, PLAIN)).toBe(
      `${pre(hostA)} 'zfs send --raw pool/src@s1' | ${pre(hostB)} 'sudo -n zfs receive -s -F -u pool/dst'`,
    );
  });

  it('a single command', () => {
    expect(renderForLog(cmd(LOCAL, 'zfs', 'list', 'pool/a b'), PLAIN)).toBe("zfs list 'pool/a b'");
    expect(renderForLog(cmd(hostA, 'zfs', 'list', 'pool/a b'), PLAIN)).toBe(
      `${sshPrefix(hostA.ssh!, PLAIN).join(' ')} 'zfs list '"'"'pool/a b'"'"''`,
    );
  });
});

/*
 * Round trips through a real /bin/sh. Containment as in quote.test.ts: cwd and HOME in a fresh
 * scratch directory, PATH holding only `sh` (printf and echo are builtins; nothing else exists),
 * and no payload writes to an absolute path. Afterwards the work directory must be empty: a file
 * there means some payload was executed as shell syntax.
 */
let box: ShellSandbox;
beforeAll(() => {
  box = createShellSandbox('bzfs-ssh-');
});
afterAll(() => {
  expect(box.dispose()).toEqual([]);
});

const sh = (script: string): Buffer => box.run('/bin/sh', script);
const nul = nulTerminated;

/** What sh makes of `text` as the words of a command line. */
const wordsOf = (text: string): string[] => {
  const out = sh(`printf '%s\\0' ${text}`).toString('utf8');
  return out.split('\0').slice(0, -1);
};

const HOSTILE = [
  'pool/a b',
  "pool/it's",
  '"dq" and \'sq\'',
  '$(echo pwned > pwned-subst)',
  '`echo pwned > pwned-backtick`',
  'x; echo pwned > pwned-semicolon',
  'x | echo pwned > pwned-pipe',
  'x && echo pwned > pwned-and',
  "'; echo pwned > pwned-quote; '",
  '"; echo pwned > pwned-dquote; "',
  'a\necho pwned > pwned-newline',
  '$HOME ${PATH} ~ * ? [a] #c',
  '\\ backslash \\\\',
  '-oProxyCommand=echo pwned > pwned-opt',
  '',
  '\t tab',
  'ünïcødé €',
];

describe('remote command strings survive a POSIX sh exactly', () => {
  it('one remote command: the script gives back the exact argv', () => {
    const argv = ['printf', '%s\\0', ...HOSTILE];
    const ssh = argvForGroup([cmd(hostA, ...argv)], PLAIN);
    const script = ssh[ssh.length - 1]!;
    expect(sh(script)).toEqual(nul(HOSTILE));
  });

  it('a remote pipeline: `|` inside an argument never splits it', () => {
    const first = cmd(hostA, 'printf', '%s\\0', ...HOSTILE);
    const second = cmd(hostA, 'printf', '%s\\0', ...[...HOSTILE].reverse());
    const ssh = argvForGroup(groupStages({ stages: [first, second] })[0]!, PLAIN);
    expect(sh(ssh[ssh.length - 1]!)).toEqual(nul([...HOSTILE].reverse()));
  });

  it('with sudo -n: the argv after `sudo -n` is intact', () => {
    const argv = ['sudo', '-n', 'zfs', 'receive', '-u', ...HOSTILE];
    const script = argvForGroup([cmd(hostB, ...argv)], PLAIN).pop()!;
    expect(wordsOf(script)).toEqual(argv);
  });

  it('the logged ssh command line parses back into the ssh argv, and its script into the command', () => {
    const argv = ['zfs', 'receive', '-s', '-u', ...HOSTILE];
    const line = renderForLog(cmd(hostB, ...argv), PLAIN);
    const words = wordsOf(line);
    expect(words).toEqual(argvForGroup([cmd(hostB, ...argv)], PLAIN));
    expect(wordsOf(words[words.length - 1]!)).toEqual(argv);
  });

  it('a logged local pipeline, pasted into sh, runs exactly the recorded argvs', () => {
    const first = cmd(LOCAL, 'printf', '%s\\0', ...HOSTILE);
    const second = cmd(LOCAL, 'printf', '%s\\0', 'second', ...HOSTILE);
    const line = renderForLog({ stages: [first, second] }, PLAIN);
    expect(line).toBe(`${shellJoin(first.argv)} | ${shellJoin(second.argv)}`);
    expect(sh(line)).toEqual(nul(['second', ...HOSTILE]));
  });
});
