import { describe, expect, it } from '@jest/globals';
import { UsageError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { describeTarget, formatLocator, parseLocator, type Locator } from './locator.js';
import { showValue } from './validate.js';

/** parseLocator(text) must fail with a UsageError (exit 2) naming `badPart` and matching `why`. */
function rejects(text: string, badPart: string, why?: RegExp): void {
  let caught: unknown;
  try {
    parseLocator(text);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(UsageError);
  const err = caught as UsageError;
  expect(err.exitCode).toBe(ExitCode.USAGE);
  expect(err.message).toContain(showValue(badPart));
  expect(err.message).toContain(showValue(text));
  if (why !== undefined) expect(err.message).toMatch(why);
}

describe('parseLocator', () => {
  it.each<[string, Locator]>([
    ['tank', { dataset: 'tank' }],
    ['tank/a/b', { dataset: 'tank/a/b' }],
    ['tank/a:b', { dataset: 'tank/a:b' }],
    ['tank/a:b:c', { dataset: 'tank/a:b:c' }],
    ['-:tank/a', { dataset: 'tank/a' }],
    ['-:tank/a:b', { dataset: 'tank/a:b' }],
    ['-:tank:b', { dataset: 'tank:b' }],
    ['-:tank/a b', { dataset: 'tank/a b' }],
    ['host:tank/a', { host: 'host', dataset: 'tank/a' }],
    ['host:tank/a:b', { host: 'host', dataset: 'tank/a:b' }],
    ['tank:b', { host: 'tank', dataset: 'b' }],
    ['alice@host:tank/a', { user: 'alice', host: 'host', dataset: 'tank/a' }],
    ['root@backup-01.example.com:pool/x', { user: 'root', host: 'backup-01.example.com', dataset: 'pool/x' }],
    ['127.0.0.1:tank', { host: '127.0.0.1', dataset: 'tank' }],
    ['user@||1:tank/x', { user: 'user', host: '::1', dataset: 'tank/x' }],
    ['||1:tank/x', { host: '::1', dataset: 'tank/x' }],
    ['fe80||1%eth0:tank', { host: 'fe80::1%eth0', dataset: 'tank' }],
    ['2001|db8||7:tank/a:b', { host: '2001:db8::7', dataset: 'tank/a:b' }],
    ['bzfs-src:dummy', { host: 'bzfs-src', dataset: 'dummy' }],
    ['dummy', { dataset: 'dummy' }],
  ])('%j', (text, expected) => {
    expect(parseLocator(text)).toEqual(expected);
  });

  it('leaves user and host absent (not undefined-valued keys) for a local dataset', () => {
    expect(Object.keys(parseLocator('-:tank/a'))).toEqual(['dataset']);
    expect(Object.keys(parseLocator('h:tank/a'))).toEqual(['host', 'dataset']);
  });

  it.each<[string, string, RegExp]>([
    ['tank/a;rm -rf /', 'tank/a;rm -rf /', /';'/],
    ['tank/$(id)', 'tank/$(id)', /'\$'/],
    ['tank/`id`', 'tank/`id`', /'`'/],
    ['host:tank/a;reboot', 'tank/a;reboot', /';'/],
    ['-oProxyCommand=x:tank/a', '-oProxyCommand=x', /host.*start with '-'/],
    ['-oProxyCommand=touch${IFS}x:tank', '-oProxyCommand=touch${IFS}x', /host.*start with '-'/],
    ['-oProxyCommand=/bin/x:tank', '-oProxyCommand=/bin/x:tank', /dataset name.*start with '-'/],
    ['host:tank/a\nb', 'tank/a\nb', /newline/],
    ['host\n:tank/a', 'host\n', /whitespace/],
    ['tank/a\tb', 'tank/a\tb', /tab/],
    ['user@-evil:tank', '-evil', /host.*start with '-'/],
    ['-evil@host:tank', '-evil', /user.*start with '-'/],
    ['-l@host:tank', '-l', /user.*start with '-'/],
    ['tank/../x', 'tank/../x', /'\.\.' component/],
    ['host:tank/../x', 'tank/../x', /'\.\.' component/],
    ['tank/./x', 'tank/./x', /'\.' component/],
    ['-tank', '-tank', /start with '-'/],
    ['-:-tank', '-tank', /start with '-'/],
    ['host:-tank', '-tank', /start with '-'/],
    ['-', '-', /start with '-'/],
    ['/tank/a', '/tank/a', /start with '\/'/],
    ['tank//a', 'tank//a', /'\/\/'/],
    ['tank/', 'tank/', /end with '\/'/],
    ['tank/a@snap', 'tank/a@snap', /'@'/],
    ['host:tank/a@snap', 'tank/a@snap', /'@'/],
    ['host:tank#bm', 'tank#bm', /'#'/],
    ['a..b:tank', 'a..b', /'\.\.'/],
    ['ho st:tank', 'ho st', /whitespace/],
    ['host;id:tank', 'host;id', /';'/],
    ['$(id):tank', '$(id)', /'\$'/],
    ['u;id@host:tank', 'u;id', /';'/],
    ['a@b@host:tank', 'b@host', /'@'/],
    ['user@host|x:tank', 'host:x', /IPv6/],
    ['user@::1:tank', 'user@::1:tank', /empty.*'\|'/],
    [':tank/a', ':tank/a', /host before ':' is empty/],
    ['@host:tank', '@host:tank', /user before '@' is empty/],
    ['user@-:tank', 'user', /local host/],
    ['host:', 'host:', /dataset after ':' is empty/],
    ['-:', '-:', /dataset after ':' is empty/],
    ['', '', /empty/],
    ['1tank/a', '1tank/a', /start with a letter/],
    [`tank/${'x'.repeat(300)}`, `tank/${'x'.repeat(300)}`, /characters long/],
  ])('rejects %j', (text, badPart, why) => {
    rejects(text, badPart, why);
  });

  it('rejects a non-string at run time', () => {
    expect(() => parseLocator(42 as unknown as string)).toThrow(UsageError);
  });
});

describe('formatLocator', () => {
  it.each<[Locator, string]>([
    [{ dataset: 'tank/a' }, 'tank/a'],
    [{ dataset: 'tank/a:b' }, 'tank/a:b'],
    [{ dataset: 'tank:b' }, '-:tank:b'],
    [{ dataset: 'tank:b/c' }, '-:tank:b/c'],
    [{ host: 'h', dataset: 'tank/a' }, 'h:tank/a'],
    [{ user: 'u', host: 'h', dataset: 'tank/a:b' }, 'u@h:tank/a:b'],
    [{ user: 'u', host: '::1', dataset: 'tank/x' }, 'u@||1:tank/x'],
  ])('%j -> %j', (loc, text) => {
    expect(formatLocator(loc)).toBe(text);
  });

  it('is the inverse of parseLocator', () => {
    const locs: Locator[] = [
      { dataset: 'tank' },
      { dataset: 'tank/a:b' },
      { dataset: 'tank:b' },
      { dataset: 'tank:b/c:d' },
      { dataset: 'tank/with space' },
      { host: 'h', dataset: 'tank:b' },
      { host: 'fe80::1%eth0', dataset: 'tank' },
      { user: 'alice', host: '2001:db8::1', dataset: 'pool/x:y' },
    ];
    for (const loc of locs) expect(parseLocator(formatLocator(loc))).toEqual(loc);
    for (const text of ['tank', '-:tank:b', 'u@h:tank/a', 'u@||1:tank/x', 'tank/a:b']) {
      expect(formatLocator(parseLocator(text))).toBe(text);
    }
  });
});

describe('describeTarget', () => {
  it('says where the dataset lives', () => {
    expect(describeTarget({ dataset: 'tank/a' })).toBe('tank/a (local)');
    expect(describeTarget({ host: 'backup01', dataset: 'tank/a' })).toBe('tank/a on backup01');
    expect(describeTarget({ user: 'alice', host: 'backup01', dataset: 'tank/a' })).toBe(
      'tank/a on alice@backup01',
    );
    expect(describeTarget({ user: 'root', host: '::1', dataset: 'tank/a' })).toBe('tank/a on root@[::1]');
  });
});
