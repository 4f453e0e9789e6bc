/**
 * Runs a contract scenario against a ContractWorld: the setup, then every step as bzfs builds it
 * (zfsCmd builders, ZfsClient), each answer normalized. Both tiers compare the result with
 * `expectedResults` of the same scenario.
 */
import { CommandFailedError, type Command, type CommandResult } from '../../../src/exec/runner.js';
import { holdsData } from '../../../src/plan/destination-contents.js';
import { ZfsClient } from '../../../src/zfs/client.js';
import { zfsCmd, type ZfsArgv } from '../../../src/zfs/commands.js';
import { recvOpts, resumeSendOpts, sendOpts } from '../../../src/zfs/managed-opts.js';
import {
  parseCompareList,
  parseDatasetList,
  parseDestinationContents,
  parseEntryCounts,
  parseResumeTokenInfo,
  parseSnapshotList,
} from '../../../src/zfs/parse.js';
import {
  parseDestroyDryRun,
  parseDestroyTreeDryRun,
  parsePruneCandidates,
} from '../../../src/zfs/parse-destroy.js';
import { parseSendSize } from '../../../src/zfs/parse-send-size.js';
import { testConfig } from '../test-config.js';
import { Normalizer } from './normalize.js';
import type { ContractWorld, Fixture, Op, Outcome, Scenario, SendOp } from './types.js';

/** What bzfs passes by default (--zfs-send-program-opts, --zfs-recv-program-opts). */
const DEFAULTS = testConfig();

export interface StepResult extends Outcome {
  readonly step: string;
}

/** `3 send {"to":"src@s1","into":"dst"}`: which step, for readable differences. */
function label(i: number, op: Op): string {
  const { op: name, ...args } = op;
  return `${i + 1} ${name} ${JSON.stringify(args)}`;
}

export function expectedResults(s: Scenario): StepResult[] {
  return s.steps.map((st, i) => ({ step: label(i, st.do), ...st.expect }));
}

export async function runScenario(world: ContractWorld, s: Scenario): Promise<StepResult[]> {
  const root = await world.begin(s.id);
  const run = new StepRunner(world, root);
  let batch: Fixture[] = [];
  const flush = async () => {
    if (batch.length > 0) run.norm.learn(await world.fixture(batch.map((f) => run.absFixture(f))));
    batch = [];
  };
  for (const a of s.setup) {
    if (!('op' in a)) {
      batch.push(a);
      continue;
    }
    await flush();
    const r = await run.step(a);
    if (!r.ok) throw new Error(`setup of ${s.id}: ${JSON.stringify(a)} failed: ${r.error}`);
  }
  await flush();
  const results: StepResult[] = [];
  for (const [i, st] of s.steps.entries())
    results.push({ step: label(i, st.do), ...(await run.step(st.do)) });
  return results;
}

class StepRunner {
  readonly norm: Normalizer;
  private readonly client: ZfsClient;

  constructor(
    private readonly world: ContractWorld,
    private readonly root: string,
  ) {
    this.norm = new Normalizer(root);
    this.client = new ZfsClient({ label: 'dst', place: world.place, sudo: false }, world.runner, () => ({}));
  }

  abs(rel: string): string {
    return rel === '' ? this.root : `${this.root}/${rel}`;
  }

  absFixture(f: Fixture): Fixture {
    if ('create' in f) return { create: this.abs(f.create) };
    if ('volume' in f) return { volume: this.abs(f.volume) };
    if ('write' in f) return { write: this.abs(f.write), kb: f.kb };
    if ('snapshot' in f) return { snapshot: this.abs(f.snapshot) };
    if ('hold' in f) return { hold: this.abs(f.hold) };
    const { from, to, into, force } = f.interrupted;
    return {
      interrupted: {
        to: this.abs(to),
        into: this.abs(into),
        ...(from ? { from: this.abs(from) } : {}),
        ...(force ? { force } : {}),
      },
    };
  }

  /** Names the snapshots a step made after themselves, as fixtures' snapshots are (GUIDs differ per world). */
  private async learnSnapshots(full: readonly string[], recursive: boolean): Promise<void> {
    for (const f of full) {
      const [ds, name] = f.split('@') as [string, string];
      const tree = recursive ? (await this.client.listDatasets(ds, true)).map((d) => d.name) : [ds];
      for (const d of tree) {
        const s = (await this.client.listSnapshots(d))?.find((x) => x.kind === 'snapshot' && x.name === name);
        if (s) this.norm.learn([{ name: `${d}@${name}`, guid: s.guid, creation: s.creation }]);
      }
    }
  }

  private run(z: ZfsArgv): Promise<CommandResult> {
    return this.world.runner.run(this.client.command(z), { allowFailure: true });
  }

  private pipeline(send: ZfsArgv, recv: ZfsArgv): Promise<CommandResult> {
    const stages: Command[] = [this.client.command(send), this.client.command(recv)];
    return this.world.runner.runPipeline({ stages }, { allowFailure: true });
  }

  private async tokenOf(dataset: string): Promise<string> {
    return (await this.run(zfsCmd.resumeToken(this.abs(dataset)))).stdout.trim();
  }

  async step(op: Op): Promise<Outcome> {
    const n = this.norm;
    const a = (rel: string) => this.abs(rel);
    switch (op.op) {
      case 'listSnapshots':
        return n.outcome(await this.run(zfsCmd.listSnapshots([a(op.dataset)])), (r) =>
          n.snapshots(parseSnapshotList(r.stdout)),
        );
      case 'listDatasets':
        return n.outcome(await this.run(zfsCmd.listDatasets(a(op.root), op.recursive, op.props)), (r) =>
          n.datasets(parseDatasetList(r.stdout, op.props)),
        );
      case 'listSnapshotsAndBookmarksOf':
        return this.listSnapshotsAndBookmarksOf(op.datasets);
      case 'listCompareEntries': {
        const z = zfsCmd.listCompareEntries(a(op.root), op);
        return n.outcome(await this.run(z), (r) => n.compareEntries(parseCompareList(r.stdout)));
      }
      case 'resumeToken':
        return n.outcome(await this.run(zfsCmd.resumeToken(a(op.dataset))), (r) =>
          r.stdout.trim() === '-' ? 'none' : 'set',
        );
      case 'destinationContents':
        return n.outcome(await this.run(zfsCmd.destinationContents(a(op.dataset))), (r) => {
          const c = parseDestinationContents(r.stdout);
          return { type: c.type, partialReceive: c.partialReceive, holdsData: holdsData(c) };
        });
      case 'decodeResumeToken': {
        const token = op.token ?? (await this.tokenOf(op.of ?? ''));
        return n.outcome(await this.run(zfsCmd.decodeResumeToken(token)), (r) => {
          const info = parseResumeTokenInfo(r.stdout + r.stderr, token);
          return info === undefined ? 'undecodable' : n.token(info);
        });
      }
      case 'resumeState':
        return this.resumeState(op.dataset);
      case 'createUnmounted':
        return n.outcome(await this.run(zfsCmd.createUnmounted(a(op.dataset))));
      case 'rollback':
        return n.outcome(
          await this.run(
            zfsCmd.rollback(a(op.snapshot), {
              destroyNewer: op.destroyNewer,
              dependents: false,
              unmount: false,
            }),
          ),
        );
      case 'destroySnapshots':
        return n.outcome(
          await this.run(
            zfsCmd.destroySnapshots(a(op.dataset), op.names, { dependents: false, unmount: false }),
          ),
        );
      case 'destroySnapshotsDryRun':
        return n.outcome(
          await this.run(zfsCmd.destroySnapshotsDryRun(a(op.dataset), op.names, { dependents: false })),
          (r) => {
            // What it would free depends on block layout, which the fake does not model.
            const d = parseDestroyDryRun(r.stdout);
            return { wouldDestroy: d.wouldDestroy.map((x) => n.rel(x)), exact: d.exact };
          },
        );
      case 'listPruneCandidates':
        return n.outcome(await this.run(zfsCmd.listWithHolds([a(op.dataset)], op.kind)), (r) =>
          n.pruneCandidates(parsePruneCandidates(r.stdout)),
        );
      case 'listSnapshotsOf':
        return this.listSnapshotsOf(op.datasets);
      case 'bookmark':
        return n.outcome(await this.run(zfsCmd.bookmark(a(op.snapshot), a(op.bookmark))));
      case 'destroyBookmark':
        return n.outcome(await this.run(zfsCmd.destroyBookmark(a(op.dataset), op.name)));
      case 'snapshot': {
        const r = await this.run(zfsCmd.snapshot(op.snapshots.map(a), { recursive: op.recursive }));
        if (r.exitCode === 0) await this.learnSnapshots(op.snapshots.map(a), op.recursive);
        return n.outcome(r);
      }
      case 'receiveAbort':
        return n.outcome(await this.run(zfsCmd.receiveAbort(a(op.dataset))));
      case 'listEntryNames':
        return n.outcome(await this.run(zfsCmd.listEntryNames(op.datasets.map(a), op)), (r) =>
          [...parseEntryCounts(r.stdout)]
            .map(([ds, c]) => `${n.rel(ds)} ${c.snapshots} snapshot(s) ${c.bookmarks} bookmark(s)`)
            .sort(),
        );
      case 'destroyTree':
        return n.outcome(
          await this.run(zfsCmd.destroyTree(a(op.dataset), { dependents: false, unmount: false })),
        );
      case 'destroyTreeDryRun':
        return n.outcome(
          await this.run(zfsCmd.destroyTreeDryRun(a(op.dataset), { dependents: false })),
          (r) =>
            parseDestroyTreeDryRun(r.stdout)
              .map((x) => n.rel(x))
              .sort(),
        );
      case 'send':
        return this.send(op);
      case 'sendSizeEstimate':
        return n.outcome(await this.run(zfsCmd.sendSizeEstimate(this.sendArgv(op))), (r) =>
          (parseSendSize(r.stdout + r.stderr) ?? 0) > 0 ? 'sized' : 'no size',
        );
      case 'sendResume': {
        const token = await this.tokenOf(op.into);
        const send = zfsCmd.sendResume(resumeSendOpts(DEFAULTS.replication.sendOpts), token);
        const recv = zfsCmd.receive(
          recvOpts(DEFAULTS.replication.recvOpts),
          { resumable: true, force: false },
          a(op.into),
        );
        return n.outcome(await this.pipeline(send, recv));
      }
    }
  }

  /** As replicate-dataset's runStep builds it. */
  private sendArgv(op: Pick<SendOp, 'from' | 'to'>): ZfsArgv {
    const from = op.from ? { flag: op.from.flag, name: this.abs(op.from.name) } : undefined;
    return zfsCmd.send(sendOpts(DEFAULTS.replication.sendOpts), from, this.abs(op.to));
  }

  private async send(op: SendOp): Promise<Outcome> {
    const send = this.sendArgv(op);
    const extra = [...recvOpts(DEFAULTS.replication.recvOpts), ...(op.dryRun ? ['-n'] : [])];
    const recv = zfsCmd.receive(
      extra,
      { resumable: !op.dryRun, force: op.force ?? false },
      this.abs(op.into),
    );
    return this.norm.outcome(await this.pipeline(send, recv));
  }

  /** By relative dataset; a dataset that does not exist is left out. */
  private async listSnapshotsOf(datasets: readonly string[]): Promise<Outcome> {
    try {
      const byDataset = await this.client.listSnapshotsOf(datasets.map((d) => this.abs(d)));
      const out = [...byDataset].map(([ds, snaps]) => [this.norm.rel(ds), this.norm.pruneCandidates(snaps)]);
      return { ok: true, out: Object.fromEntries(out) };
    } catch (e) {
      if (e instanceof CommandFailedError) return this.norm.failure(e.processExitCode, e.stderr);
      throw e;
    }
  }

  /** By relative dataset; a dataset that does not exist is left out. */
  private async listSnapshotsAndBookmarksOf(datasets: readonly string[]): Promise<Outcome> {
    try {
      const byDataset = await this.client.listSnapshotsAndBookmarksOf(datasets.map((d) => this.abs(d)));
      const out = [...byDataset].map(([ds, snaps]) => [this.norm.rel(ds), this.norm.snapshots(snaps)]);
      return { ok: true, out: Object.fromEntries(out) };
    } catch (e) {
      if (e instanceof CommandFailedError) return this.norm.failure(e.processExitCode, e.stderr);
      throw e;
    }
  }

  private async resumeState(dataset: string): Promise<Outcome> {
    try {
      const st = await this.client.resumeState(this.abs(dataset));
      return { ok: true, out: st === undefined ? 'none' : this.norm.token(st) };
    } catch (e) {
      if (e instanceof CommandFailedError) return this.norm.failure(e.processExitCode, e.stderr);
      throw e;
    }
  }
}
