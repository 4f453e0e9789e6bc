// Test helper (in test/, outside the shipped src/): a contained real shell for quoting tests.
// Tests only: the quoted text is checked against a real POSIX shell.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Containment for tests that feed attack strings to a real shell, possibly as root: if quoting
 * were ever broken, nothing may happen outside a scratch directory. Every shell runs with cwd and
 * HOME in a fresh scratch directory and a PATH holding only `sh` (so `rm`, `reboot`, `id`,
 * `touch` ... are "not found"; printf, echo and true are builtins), and no attack string may
 * redirect to an absolute path. `dispose()` returns what appeared in the work directory: anything
 * there means some attack string was executed as shell syntax.
 */
export interface ShellSandbox {
  run(shell: string, script: string): Buffer;
  /** What appeared in the work directory so far. */
  leftovers(): string[];
  dispose(): string[];
}

export function createShellSandbox(prefix: string): ShellSandbox {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  const bin = join(scratch, 'bin');
  const work = join(scratch, 'work');
  mkdirSync(bin);
  mkdirSync(work);
  symlinkSync('/bin/sh', join(bin, 'sh'));
  return {
    run: (shell, script) =>
      execFileSync(shell, ['-c', script], {
        cwd: work,
        env: { PATH: bin, HOME: work, LC_ALL: 'C' },
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    leftovers: () => readdirSync(work),
    dispose: () => {
      const leftovers = readdirSync(work);
      rmSync(scratch, { recursive: true, force: true });
      return leftovers;
    },
  };
}

/** The bytes `printf '%s\0' ARG...` writes for argv: each argument's UTF-8 bytes followed by a NUL. */
export function nulTerminated(argv: readonly string[]): Buffer {
  return Buffer.concat(argv.flatMap((a) => [Buffer.from(a, 'utf8'), Buffer.from([0])]));
}
