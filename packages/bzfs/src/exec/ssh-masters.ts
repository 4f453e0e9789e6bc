import { closeSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import type { Clock } from '../infra/clock.js';
import { LOCAL, type CommandRunner, type SshTarget } from './runner.js';
import { masterArgv, type SshSettings } from './ssh.js';
import { endpointKey, pickSlot, socketPath, type SshControl } from './ssh-slots.js';

export interface SshMastersDeps {
  /** Runs the masters' own local `ssh` commands; a runner without masters (no recursion). */
  readonly runner: CommandRunner;
  readonly settings: SshSettings;
  /** A private directory (0700) for the sockets and their start locks. */
  readonly dir: string;
  /** --max-concurrent-ssh-sessions-per-tcp-connection */
  readonly maxSessions: number;
  readonly clock: Clock;
  readonly debug?: (line: string) => void;
}

/** A session's hold on a master; release it when the session has ended. */
export interface SshLease {
  readonly control: SshControl;
  release(): void;
}

/** How long a start lock is respected while its holder lives: a master that takes longer is not waited for. */
const START_WAIT_MS = 60_000;
const POLL_MS = 50;
const EMPTY_LOCK_GRACE_MS = 5_000;

/**
 * ssh ControlMaster connections shared by all bzfs processes of this user: one master per endpoint
 * and slot, started explicitly (`ssh -M -oControlPersist=N … exit`, which leaves the master in the
 * background) under a start lock, so that concurrent processes never race to start two masters on
 * one socket; whoever finds a live socket just uses it.
 *
 * Sessions per master are counted per process, not across processes: a cross-process count would
 * need a lease file per session and its crash cleanup; processes that together exceed sshd's
 * MaxSessions get ssh's retryable "session open refused" (exit 255) instead.
 *
 * Liveness is checked before every session by connecting to the socket (microseconds), `ssh -O check`
 * only when that is inconclusive; a socket that refuses connections (its master was killed) is
 * removed and the master started again. Whenever no master can be had, the session goes on a
 * connection of its own: slower, never wrong.
 */
export class SshMasters {
  private readonly sessions = new Map<string, number[]>();
  private readonly ensuring = new Map<string, Promise<boolean>>();
  private readonly used = new Map<string, SshTarget>();

  constructor(private readonly deps: SshMastersDeps) {}

  async lease(target: SshTarget): Promise<SshLease> {
    const key = endpointKey(target, this.deps.settings.program ?? 'ssh');
    const counts = this.sessions.get(key) ?? [];
    this.sessions.set(key, counts);
    const slot = pickSlot(counts, this.deps.maxSessions);
    counts[slot] = (counts[slot] ?? 0) + 1;
    let released = false;
    const release = () => {
      if (!released) counts[slot] = (counts[slot] ?? 1) - 1;
      released = true;
    };
    const socket = socketPath(this.deps.dir, key, slot);
    if (socket === undefined || !(await this.ensureOnce(socket, target))) {
      release();
      return { control: 'dedicated', release };
    }
    this.used.set(socket, target);
    return { control: { socket }, release };
  }

  /** `ssh -O exit` for every master this process used (--ssh-exit-on-shutdown). */
  async exitAll(): Promise<void> {
    await Promise.all(
      [...this.used].map(([socket, target]) =>
        this.deps.runner.run(local(masterArgv(target, this.deps.settings, socket, 'exit')), {
          allowFailure: true,
        }),
      ),
    );
    this.used.clear();
  }

  private ensureOnce(socket: string, target: SshTarget): Promise<boolean> {
    let p = this.ensuring.get(socket);
    if (p === undefined) {
      p = this.ensure(socket, target).finally(() => this.ensuring.delete(socket));
      this.ensuring.set(socket, p);
    }
    return p;
  }

  private async ensure(socket: string, target: SshTarget): Promise<boolean> {
    if (await this.alive(socket, target)) return true;
    const lock = `${socket}.lock`;
    const started = this.deps.clock.now();
    while (!tryLock(lock)) {
      if (this.deps.clock.now() - started > START_WAIT_MS) {
        this.deps.debug?.(`ssh master ${socket}: another process has been starting it for too long`);
        return false;
      }
      if (!holderAlive(lock, this.deps.clock.wallMs())) removeQuietly(lock);
      else await this.deps.clock.sleep(POLL_MS);
    }
    try {
      // Another process may have started it while this one waited for the lock.
      if (await this.alive(socket, target)) return true;
      removeStaleSocket(socket);
      this.deps.debug?.(`Starting ssh master ${socket} for ${target.host}`);
      const r = await this.deps.runner.run(local(masterArgv(target, this.deps.settings, socket, 'start')), {
        allowFailure: true,
      });
      if (r.exitCode !== 0) {
        this.deps.debug?.(`ssh master ${socket} did not start (exit ${r.exitCode}): ${r.stderr.trim()}`);
        return false;
      }
      return await this.alive(socket, target);
    } finally {
      removeQuietly(lock);
    }
  }

  private async alive(socket: string, target: SshTarget): Promise<boolean> {
    const state = await probeSocket(socket);
    if (state !== 'unknown') return state === 'listening';
    const argv = masterArgv(target, this.deps.settings, socket, 'check');
    return (await this.deps.runner.run(local(argv), { allowFailure: true })).exitCode === 0;
  }
}

const local = (argv: readonly string[]) => ({ place: LOCAL, argv, changesState: false });

/** `listening`: a master accepts; `gone`: no socket, or nobody behind it (its master was killed). */
function probeSocket(path: string): Promise<'listening' | 'gone' | 'unknown'> {
  return new Promise((resolve) => {
    const s = connect({ path });
    s.once('connect', () => {
      s.destroy();
      resolve('listening');
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      s.destroy();
      resolve(e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? 'gone' : 'unknown');
    });
  });
}

function removeStaleSocket(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    /* not there */
  }
}

/** The start lock: a file created exclusively, holding our pid. */
function tryLock(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * A lock whose pid is gone was left by a crash, and so was one older than any start may take (its
 * pid may belong to another process by now). An empty one is being written, unless it stays empty.
 * A pid of another user (EPERM) counts as held.
 */
function holderAlive(path: string, nowWallMs: number): boolean {
  let text: string;
  let ageMs: number;
  try {
    ageMs = nowWallMs - lstatSync(path).mtimeMs;
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return false;
  }
  if (ageMs > START_WAIT_MS) return false;
  if (text === '') return ageMs < EMPTY_LOCK_GRACE_MS;
  try {
    process.kill(Number(text), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* gone already */
  }
}
