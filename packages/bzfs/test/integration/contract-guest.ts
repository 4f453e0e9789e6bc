/**
 * Real ZFS as a ContractWorld (test/support/contract/), for contract.itest.ts. Every command runs
 * in one long-lived shell on the ZFS machine: under emulation each ssh session costs about half a
 * second, more than the zfs command itself, and the contract runs a few hundred commands. bzfs's
 * argvs reach that shell quoted exactly as ssh.ts quotes them for a remote host.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { isRetryableFailure } from '../../src/exec/retryable.js';
import { CommandFailedError, LOCAL, type CommandRunner } from '../../src/exec/runner.js';
import { shellJoin } from '../../src/exec/quote.js';
import type { ContractWorld, Fixture, SnapshotIdentity } from '../support/contract/types.js';
import { SSH_CONFIG, type Result } from './harness.js';

const HEADER = /^@@bzct (\d+) (\d+)\s+(\d+)\s+(\d+)\s*$/;

/** One `sh` on the ZFS machine; scripts run one after another, each with its own exit code and output. */
export class ZfsShell {
  private readonly child: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private gone: string | undefined;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    const argv =
      process.env.BZFS_TESTBED === 'local' ? ['sh'] : ['ssh', '-F', SSH_CONFIG, 'bzfs-guest', '--', 'sh'];
    this.child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    this.child.stdout.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake?.();
    });
    this.child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    this.child.on('exit', (code) => {
      this.gone = `the shell on the ZFS machine exited (${code}): ${err}`;
      this.wake?.();
    });
    this.child.stdin.write('T=$(mktemp -d)\n');
  }

  /** Runs shell text with stdin from /dev/null. */
  exec(script: string): Promise<Result> {
    const p = this.queue.then(() => this.execNow(script));
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async execNow(script: string): Promise<Result> {
    const id = ++this.seq;
    this.child.stdin.write(
      `{ ${script}\n} </dev/null >"$T/o" 2>"$T/e"; echo "@@bzct ${id} $? $(wc -c <"$T/o") $(wc -c <"$T/e")"; cat "$T/o" "$T/e"\n`,
    );
    for (;;) {
      const nl = this.buf.indexOf('\n');
      const m = nl < 0 ? null : HEADER.exec(this.buf.subarray(0, nl).toString());
      if (nl >= 0 && (m === null || Number(m[1]) !== id))
        throw new Error(`ZfsShell: unexpected output ${this.buf}`);
      if (m !== null) {
        const [o, e] = [Number(m[3]), Number(m[4])];
        if (this.buf.length >= nl + 1 + o + e) {
          const out = this.buf.subarray(nl + 1, nl + 1 + o).toString();
          const err = this.buf.subarray(nl + 1 + o, nl + 1 + o + e).toString();
          this.buf = this.buf.subarray(nl + 1 + o + e);
          return { exitCode: Number(m[2]), stdout: out, stderr: err };
        }
      }
      if (this.gone !== undefined) throw new Error(this.gone);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async close(): Promise<void> {
    if (this.gone !== undefined) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end('rm -rf "$T"; exit 0\n');
    await exited;
  }
}

/** bzfs's commands through the shell: a command as ssh.ts quotes it, a pipeline joined with `|`. */
function shellRunner(shell: ZfsShell): CommandRunner {
  const run = async (script: string, allowFailure: boolean | undefined) => {
    const r = await shell.exec(script);
    if (r.exitCode !== 0 && !allowFailure)
      throw new CommandFailedError(script, r.exitCode, r.stderr, isRetryableFailure(r.exitCode, r.stderr));
    return r;
  };
  return {
    run: (cmd, opts = {}) => run(shellJoin(cmd.argv), opts.allowFailure),
    runPipeline: (p, opts = {}) => run(p.stages.map((s) => shellJoin(s.argv)).join(' | '), opts.allowFailure),
  };
}

/** How far a partial receive's stream gets: well into the data, far from its end. */
const CUT_BYTES = 100_000;

function fixtureLines(f: Fixture, file: number): string[] {
  const sh = (...argv: string[]) => shellJoin(argv);
  if ('create' in f) return [sh('zfs', 'create', f.create)];
  if ('volume' in f) return [sh('zfs', 'create', '-V', '1M', f.volume)];
  if ('snapshot' in f) return [sh('zfs', 'snapshot', f.snapshot)];
  if ('hold' in f) return [sh('zfs', 'hold', 'bzct', f.hold)];
  if ('write' in f) {
    // A received dataset is not mounted (receive -u); its mountpoint is inherited from the pool's.
    const dir = `/bzfs-itest/${f.write}`;
    return [
      `${sh('mountpoint', '-q', dir)} || ${sh('zfs', 'mount', f.write)}`,
      `${sh('head', '-c', String(f.kb * 1024), '/dev/urandom')} > ${sh(`${dir}/file${file}`)}`,
      // Committed before the next command looks at the dataset, whatever that command is.
      sh('zpool', 'sync', f.write.split('/')[0]!),
    ];
  }
  const { from, to, into, force } = f.interrupted;
  const recv = sh('zfs', 'receive', '-s', '-u', ...(force ? ['-F'] : []), into);
  return [
    `s=$(mktemp); ${sh('zfs', 'send', ...(from ? ['-i', from] : []), to)} > "$s"`,
    `[ "$(wc -c <"$s")" -gt ${CUT_BYTES * 1.5} ] || { echo ${sh(`the stream of ${to} is too short to cut`)} >&2; exit 1; }`,
    `head -c ${CUT_BYTES} "$s" | ${recv} 2>/dev/null || true; rm -f "$s"`,
    `[ "$(${sh('zfs', 'get', '-H', '-o', 'value', 'receive_resume_token', into)})" != - ] || { echo ${sh(`no partial state in ${into}`)} >&2; exit 1; }`,
  ];
}

export function zfsWorld(shell: ZfsShell, pool: string): ContractWorld {
  const must = async (script: string): Promise<string> => {
    const r = await shell.exec(script);
    if (r.exitCode !== 0) throw new Error(`on the ZFS machine: exit ${r.exitCode}\n${r.stderr}\n${script}`);
    return r.stdout;
  };
  let files = 0;
  return {
    runner: shellRunner(shell),
    place: LOCAL,
    async begin(id) {
      const root = `${pool}/${id}`;
      await must(shellJoin(['zfs', 'create', root]));
      return root;
    },
    async fixture(actions) {
      const snaps = actions.flatMap((f) => ('snapshot' in f ? [f.snapshot] : []));
      const lines = actions.flatMap((f) => fixtureLines(f, ++files));
      if (snaps.length > 0)
        lines.push(shellJoin(['zfs', 'list', '-Hp', '-t', 'snapshot', '-o', 'name,guid,creation', ...snaps]));
      const out = await must(shellJoin(['sh', '-ec', lines.join('\n')]));
      return out
        .split('\n')
        .filter((l) => l !== '')
        .map((l): SnapshotIdentity => {
          const [name, guid, creation] = l.split('\t') as [string, string, string];
          return { name, guid, creation: Number(creation) };
        });
    },
  };
}
