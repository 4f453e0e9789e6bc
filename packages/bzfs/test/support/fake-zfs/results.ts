/** Small pieces every part of the fake ZFS shares: results, zfs's failures, argv without sudo. */
import type { CommandResult } from '../../../src/exec/runner.js';

/** A zfs command that failed the way real zfs does: this stderr line(s) and exit code. */
export class ZfsFailure extends Error {
  constructor(
    readonly stderr: string,
    readonly exitCode = 1,
  ) {
    super(stderr);
  }
}

/** zfs exits 2 (after its usage text) when a named dataset cannot be opened by some subcommands. */
export const USAGE_EXIT = 2;

export const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' });

export const missing = (name: string, exitCode = 1): ZfsFailure =>
  new ZfsFailure(`cannot open '${name}': dataset does not exist`, exitCode);

/** The argv without a leading `sudo -n`. */
export function withoutSudo(argv: readonly string[]): readonly string[] {
  return argv[0] === 'sudo' && argv[1] === '-n' ? argv.slice(2) : argv;
}

/** The command behind src/zfs/bookmark-program.ts's `sh -c 'pipe $1 into the rest' sh SCRIPT CMD...`. */
export function unwrapScriptOnStdin(argv: readonly string[]): readonly string[] {
  return argv[0] === 'sh' && argv[1] === '-c' && argv[3] === 'sh' && argv.length > 5 ? argv.slice(5) : argv;
}

/** `pool/a/b` → `pool/a`; undefined for a pool. */
export function parentOf(name: string): string | undefined {
  const i = name.lastIndexOf('/');
  return i < 0 ? undefined : name.slice(0, i);
}

export const byTxg = (a: { createtxg: bigint }, b: { createtxg: bigint }): number =>
  a.createtxg === b.createtxg ? 0 : a.createtxg < b.createtxg ? -1 : 1;
