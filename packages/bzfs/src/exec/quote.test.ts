import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { UsageError } from '../model/errors.js';
import { shellJoin, shellQuote } from './quote.js';
import { createShellSandbox, nulTerminated, type ShellSandbox } from '../../test/support/shell-sandbox.js';

/** Every POSIX-ish shell present on this machine; /bin/sh is always among them. */
const SHELLS = ['/bin/sh', '/bin/dash', '/bin/bash'].filter((s) => existsSync(s));

let box: ShellSandbox;
beforeAll(() => {
  box = createShellSandbox('bzfs-quote-');
});
afterAll(() => {
  // A file left in the sandbox means some attack string was executed as shell syntax.
  expect(box.dispose()).toEqual([]);
});

/** `printf '%s\0' ARG...` as a quoted command line: the shell must print back exactly argv. */
function printfScript(argv: readonly string[]): string {
  return shellJoin(['printf', '%s\\0', ...argv]);
}

function runSh(shell: string, script: string): Buffer {
  return box.run(shell, script);
}

/** Round trip through one shell evaluation: `sh -c "printf '%s\0' <quoted argv>"`. */
function viaShell(shell: string, argv: readonly string[]): Buffer {
  return runSh(shell, printfScript(argv));
}

/**
 * Round trip through `depth` shell evaluations, like an ssh remote command that itself runs `sh -c`:
 * each level wraps the inner command line as the quoted argument of `sh -c`.
 */
function viaNestedShells(shell: string, argv: readonly string[], depth: number): Buffer {
  let script = printfScript(argv);
  for (let i = 1; i < depth; i++) script = shellJoin(['sh', '-c', script]);
  return runSh(shell, script);
}

const CONTROL_CHARS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('') + '\x7f';

const HOSTILE: readonly string[] = [
  '; rm -rf /',
  'a; rm -rf / #',
  '$(reboot)',
  '$(echo pwned)',
  '`reboot`',
  '`id`',
  "'",
  "''",
  "'''",
  "a'b",
  "'; rm -rf / '",
  `'"'"'`,
  '"',
  '""',
  '"$(id)"',
  'a"b\'c',
  '\\',
  '\\\\',
  "\\'",
  '\\"',
  'a\\',
  '\\n',
  '\\0',
  '\n',
  'a\nb',
  '\nrm -rf /\n',
  '\r\n',
  '\t',
  'a\tb',
  ' ',
  '  ',
  ' leading and trailing ',
  '*',
  '/*',
  '.*',
  '?',
  '[a-z]*',
  '[!a]',
  '{a,b}',
  '{1..3}',
  '~',
  '~root',
  '~/x',
  'a=~',
  '!',
  '!!',
  '!$',
  '!-1',
  '&&',
  'true && reboot',
  '||',
  '|',
  'a | cat /etc/passwd',
  '&',
  '>',
  '>pwned-redirect',
  '<',
  '<<EOF',
  '2>&1',
  '>|pwned-clobber',
  '(',
  ')',
  '(reboot)',
  '{ reboot; }',
  '#',
  'a #b',
  '#!/bin/sh',
  '-',
  '--',
  '-n',
  '-e',
  '-rf',
  '--version',
  '-oProxyCommand=touch /tmp/x',
  '%s',
  '%d%n%%',
  '$',
  '$$',
  '$?',
  '$0',
  '$1',
  '$@',
  '$*',
  '${IFS}',
  '$IFS',
  'a${IFS}b',
  '$((1+1))',
  '${PATH:?boom}',
  '$HOME',
  "$'\\n'",
  '\\$HOME',
  'ünïcödé',
  '日本語のデータセット',
  '😀 emoji',
  '\u202e right-to-left override',
  '\u00a0non-breaking space',
  '\u2028line separator',
  'é' /* precomposed */,
  'e\u0301' /* combining */,
  '\u00ff\u0080\u00c0',
  CONTROL_CHARS,
  '\x1b[31mred\x1b[0m',
  '\x07bell',
  '=',
  'a=b',
  'FOO=$(id)',
  '@',
  ':',
  ',',
  '.',
  '..',
  '/',
  'tank/a@snap',
  'user@host:tank/a',
  '',
  'x'.repeat(100_000),
  "'".repeat(20_000),
  '; $(`\'"\\\n*?~!&|<>'.repeat(2_000),
];

describe('shellQuote: exact forms', () => {
  it('leaves plain safe strings bare', () => {
    for (const s of ['tank', 'tank/a@snap_1', '-oBatchMode=yes', 'user@host:tank/a', '%C', 'a+b=c,d.e:f']) {
      expect(shellQuote(s)).toBe(s);
    }
  });
  it('writes the empty string as two single quotes', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellJoin(['a', '', 'b'])).toBe("a '' b");
  });
  it("single-quotes everything else, writing a quote as '\"'\"'", () => {
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
    expect(shellQuote("'")).toBe(`''"'"''`);
    expect(shellQuote('$(reboot)')).toBe("'$(reboot)'");
    expect(shellQuote('a\nb')).toBe("'a\nb'");
  });
  it('quotes every printable ASCII character outside the safe set, and unicode', () => {
    for (let c = 0x20; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      if (/[A-Za-z0-9_@%+=:,./-]/.test(ch)) continue;
      expect(shellQuote(ch).startsWith("'")).toBe(true);
      expect(shellQuote(`a${ch}b`).startsWith("'")).toBe(true);
    }
    expect(shellQuote('é')).toBe("'é'");
  });
  it('joins with single spaces; an empty argv is the empty string', () => {
    expect(shellJoin(['zfs', 'list', '-H', 'tank/a b'])).toBe("zfs list -H 'tank/a b'");
    expect(shellJoin([])).toBe('');
  });
  it('refuses a NUL byte, which no argv can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(UsageError);
    expect(() => shellJoin(['ok', '\0'])).toThrow(/NUL/);
  });
});

describe.each(SHELLS)('shellQuote round trip through %s', (shell) => {
  it.each(
    HOSTILE.map((s, i): [number, string, string] => [
      i,
      s.length > 40 ? `${JSON.stringify(s.slice(0, 40))}…` : JSON.stringify(s),
      s,
    ]),
  )('hostile #%i %s comes back byte for byte', (_i, _label, s) => {
    expect(viaShell(shell, [s]).equals(nulTerminated([s]))).toBe(true);
  });

  it('all hostile strings at once, as separate arguments, keep their boundaries', () => {
    const argv = HOSTILE.filter((s) => s.length < 1000);
    expect(viaShell(shell, argv).equals(nulTerminated(argv))).toBe(true);
  });

  it('every single byte 1..255 (as a code point), alone and between letters', () => {
    const argv: string[] = [];
    for (let c = 1; c < 256; c++) {
      const ch = String.fromCharCode(c);
      argv.push(ch, `a${ch}b`, `${ch}${ch}`);
    }
    expect(viaShell(shell, argv).equals(nulTerminated(argv))).toBe(true);
  });

  it('randomly generated hostile strings (seeded)', () => {
    const rand = mulberry32(0xb2f5);
    // No `/` and no command names: even a broken quoter could only touch files in the scratch cwd.
    const alphabet = [...'\'"\\`$;|&<>(){}[]*?~!#=%@:,.- \t\n\r\x01\x7fabcXYZ019_éü😀\u202e'];
    for (let batch = 0; batch < 10; batch++) {
      const argv = Array.from({ length: 40 }, () => {
        const len = Math.floor(rand() * 24);
        return Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)] ?? 'x').join(
          '',
        );
      });
      const got = viaShell(shell, argv);
      expect(got.equals(nulTerminated(argv))).toBe(true);
    }
  });

  it('nested twice (sh -c of a quoted sh -c command line) round-trips', () => {
    const argv = HOSTILE.filter((s) => s.length < 1000);
    expect(viaNestedShells(shell, argv, 2).equals(nulTerminated(argv))).toBe(true);
  });

  it('nested three times (like ssh -> sh -c -> sh -c) round-trips', () => {
    const argv = HOSTILE.filter((s) => s.length < 200);
    expect(viaNestedShells(shell, argv, 3).equals(nulTerminated(argv))).toBe(true);
  });

  it('the exact double evaluation sh -c "<shellJoin([sh, -c, shellJoin(argv)])>" round-trips', () => {
    for (const s of HOSTILE.filter((x) => x.length < 1000)) {
      const inner = shellJoin(['printf', '%s\\0', s]);
      const outer = shellJoin(['sh', '-c', inner]);
      expect(runSh(shell, outer).equals(nulTerminated([s]))).toBe(true);
    }
  });

  it('no injected command ever runs (canary files stay absent)', () => {
    // Canaries use only shell builtins and relative redirects, so they would fire despite the bare PATH.
    const attacks = [
      '; echo x >pwned1',
      '$(echo x >pwned2)',
      '`echo x >pwned3`',
      '&& echo x >pwned4',
      '| echo x >pwned5',
      '\necho x >pwned6',
      "'; echo x >pwned7; '",
      '"; echo x >pwned8; "',
      '> pwned9',
      '& echo x >pwned10',
      '\\; echo x >pwned11',
      '$(echo${IFS}x>pwned12)',
      "'\"'\"'; echo x >pwned13; '\"'\"'",
    ];
    for (let depth = 1; depth <= 3; depth++) {
      const got = viaNestedShells(shell, attacks, depth);
      expect(got.equals(nulTerminated(attacks))).toBe(true);
    }
    // Arguments that are themselves shell words must also stay inert as a command argv.
    runSh(shell, shellJoin(['true', ...attacks]));
    runSh(shell, shellJoin(['sh', '-c', shellJoin(['true', ...attacks])]));
    expect(box.leftovers()).toEqual([]);
  });
});

/** Small deterministic PRNG so a failing fuzz case is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
