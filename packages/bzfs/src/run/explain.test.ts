import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LOCAL } from '../exec/runner.js';
import { systemClock, type Clock } from '../infra/clock.js';
import { DEFAULT_ANCHORS } from '../model/anchors.js';
import { creationLabels } from '../plan/create/label.js';
import { parseSnapshotPlan } from '../plan/create/snapshot-plan.js';
import { DEFAULT_TIME_FORMAT, parseTimeFormat } from '../plan/create/time-format.js';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { memoryReports } from '../../test/support/memory-reports.js';
import { ExitCode } from '../model/exit-codes.js';
import { FakeZfs, renderTest } from '../../test/support/fake-runner.js';
import { pair, treeWorld } from '../../test/support/run-world.js';
import { decorated, testConfig, type ConfigOverrides } from '../../test/support/test-config.js';
import { explainAll, type ExplainDocument } from './explain.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true }).compile(schema as object);

async function explain(fake: FakeZfs, o: ConfigOverrides = {}, clock: Clock = systemClock) {
  const log = memoryLogger();
  const cfg = testConfig({ ...o, run: { ...o.run, explain: true } });
  const before = fake.calls.length;
  const r = await explainAll(cfg, {
    runner: decorated(fake, cfg, log),
    log,
    signal: new AbortController().signal,
    render: renderTest,
    localIsRoot: true,
    reports: memoryReports(),
    clock,
  });
  if (!validate(r.doc)) throw new Error(`invalid explain document: ${JSON.stringify(validate.errors)}`);
  // Nothing that changes ZFS state (the fake also counts every real `zfs send`) was run.
  expect(fake.mutatingCalls().filter((c) => fake.calls.indexOf(c) >= before)).toEqual([]);
  return { ...r, log: log.lines };
}

const datasets = (doc: ExplainDocument, i = 0) =>
  (doc.pairs[i]!.tasks['replicate'] as { datasets: Record<string, unknown>[] }).datasets;
const rules = (doc: ExplainDocument) => datasets(doc).map((d) => [d['src'], d['rule']]);

function replicated(fake: FakeZfs, ds: string, dst: string, ...names: string[]) {
  fake.copySnapshots({ place: LOCAL, dataset: ds }, { place: LOCAL, dataset: dst }, ...names);
}

describe('explainAll', () => {
  it('create-src-snapshots: labels, names, due decisions with rule and next time, and the command lines', async () => {
    const now = Date.UTC(2025, 0, 1, 10, 30);
    const clock: Clock = { wallMs: () => now, now: () => 0, sleep: async () => {} };
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/src', 'pool/src/a');
    const create = {
      labels: creationLabels(parseSnapshotPlan("{'p': {'o': {'hourly': 1}}}", '--create-src-snapshots-plan')),
      timeFormat: parseTimeFormat(DEFAULT_TIME_FORMAT),
      zone: { kind: 'fixed', offsetMinutes: 0 } as const,
      anchors: DEFAULT_ANCHORS,
      evenIfNotDue: false,
    };
    const { code, doc } = await explain(
      fake,
      {
        pairs: [pair('pool/src', 'dummy')],
        selection: { recursive: true },
        replication: { skip: true },
        create,
      },
      clock,
    );
    expect(code).toBe(ExitCode.OK);
    const decision = (dataset: string) => ({
      dataset,
      due: true,
      rule: 'no-snapshot-yet',
      latest: null,
      nextScheduled: '2025-01-01 11:00:00+00:00',
    });
    expect(doc.pairs[0]!.tasks).toEqual({
      'create-src-snapshots': {
        timestamp: '2025-01-01_10:30:00',
        labels: [
          {
            label: 'p_o_hourly',
            snapshotName: 'p_o_2025-01-01_10:30:00_hourly',
            recursive: true,
            snapshotDatasets: ['pool/src'],
            decisions: [decision('pool/src'), decision('pool/src/a')],
          },
        ],
        commands: [{ recursive: true, snapshots: ['pool/src@p_o_2025-01-01_10:30:00_hourly'] }],
      },
    });
    expect(fake.snapshotNames(LOCAL, 'pool/src')).toEqual([]);
  });

  it('first full: the steps, the bookmarks, and the ancestors to create; exit 0', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1', 's2', 's3');
    const { code, doc } = await explain(fake, { pairs: [pair('pool/src', 'pool/x/dst')] });
    expect(code).toBe(ExitCode.OK);
    expect(doc.pairs[0]!.src).toEqual({ dataset: 'pool/src', host: null, user: null, port: null });
    expect(doc.pairs[0]!.tasks['replicate']).toEqual({
      createAncestors: ['pool/x'],
      poolMissing: null,
      datasets: [
        {
          src: 'pool/src',
          dst: 'pool/x/dst',
          rule: 'first-full',
          latestCommon: null,
          abortResume: null,
          rollback: [],
          destroy: [],
          overwrite: false,
          create: false,
          send: [
            { kind: 'full', flag: null, from: null, to: 'pool/src@s1', token: null },
            { kind: 'incremental', flag: '-I', from: 'pool/src@s1', to: 'pool/src@s3', token: null },
          ],
          bookmarks: ['pool/src#s1', 'pool/src#s2', 'pool/src#s3'],
          conflict: null,
          error: null,
        },
      ],
    });
    expect(fake.exists(LOCAL, 'pool/x')).toBe(false);
  });

  it('incremental and up to date', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1', 's2');
    replicated(fake, 'pool/src', 'pool/dst', 's1');
    const inc = datasets((await explain(fake)).doc)[0]!;
    expect(inc['rule']).toBe('incremental-from-latest-common');
    expect(inc['latestCommon']).toBe('pool/src@s1');
    expect(inc['send']).toEqual([
      { kind: 'incremental', flag: '-i', from: 'pool/src@s1', to: 'pool/src@s2', token: null },
    ]);
    replicated(fake, 'pool/src', 'pool/dst', 's2');
    const done = datasets((await explain(fake)).doc)[0]!;
    expect([done['rule'], done['send'], done['latestCommon']]).toEqual(['up-to-date', [], 'pool/src@s2']);
  });

  it('a conflict is data: kind, the operator message, exit 0; with --force the rollback is shown', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1', 's2');
    replicated(fake, 'pool/src', 'pool/dst', 's1');
    fake.snapshot(LOCAL, 'pool/dst', 'x1');
    const { code, doc } = await explain(fake);
    expect(code).toBe(ExitCode.OK);
    const d = datasets(doc)[0]!;
    expect(d['rule']).toBe('conflict:dst-has-newer');
    expect(d['conflict']).toEqual({
      kind: 'dst-has-newer',
      message: expect.stringMatching(
        /newer than the latest common snapshot s1.*x1.*--force-rollback-to-latest-common/,
      ),
    });
    const forced = datasets((await explain(fake, { force: { rollbackToLatestCommon: true } })).doc)[0]!;
    expect(forced['rule']).toBe('force:rollback-then-incremental');
    expect(forced['rollback']).toEqual([{ to: 'pool/dst@s1', destroyNewer: true }]);
    expect(fake.snapshotNames(LOCAL, 'pool/dst')).toEqual(['s1', 'x1']);
  });

  it('a recursive tree: a child is skipped when a run would skip it', async () => {
    const fake = treeWorld();
    fake.addDatasets(LOCAL, 'pool/src/e', 'pool/src/e/f');
    fake.snapshot(LOCAL, 'pool/src/e/f', 's1');
    const { doc } = await explain(fake, { selection: { recursive: true } });
    expect(rules(doc)).toEqual([
      ['pool/src', 'first-full'],
      ['pool/src/a', 'first-full'],
      ['pool/src/a/b', 'first-full'],
      ['pool/src/c', 'first-full'],
      ['pool/src/e', 'skip-missing-snapshots:dataset'],
      ['pool/src/e/f', 'skipped:ancestor'],
    ]);
    const cont = await explain(fake, {
      selection: { recursive: true },
      replication: { skipMissingSnapshots: 'continue' },
    });
    expect(rules(cont.doc).slice(-2)).toEqual([
      ['pool/src/e', 'skip-missing-snapshots:continue'],
      ['pool/src/e/f', 'first-full'],
    ]);
    // Created only because e/f has something to receive into it.
    expect(datasets(cont.doc)[4]!['create']).toBe(true);
  });

  it('--force-once: the second forced change is shown as the conflict a run would refuse', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool');
    for (const n of ['a', 'b']) {
      fake.snapshot(LOCAL, `pool/src/${n}`, 's1', 's2');
      replicated(fake, `pool/src/${n}`, `pool/dst/${n}`, 's1');
      fake.snapshot(LOCAL, `pool/dst/${n}`, 'x1');
    }
    const { doc } = await explain(fake, {
      pairs: [pair('pool/src/a', 'pool/dst/a'), pair('pool/src/b', 'pool/dst/b')],
      force: { rollbackToLatestCommon: true, destroyAllIfNoCommon: true, once: true },
    });
    expect(datasets(doc, 0)[0]!['rule']).toBe('force:rollback-then-incremental');
    expect(datasets(doc, 1)[0]!['rule']).toBe('conflict:dst-has-newer');
    expect(String((datasets(doc, 1)[0]!['conflict'] as { message: string }).message)).toMatch(/--force-once/);
  });

  it("a missing source is the pair's error (exit 3); a missing pool is data", async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1');
    const { code, doc } = await explain(fake, {
      pairs: [pair('pool/nope', 'pool/dst'), pair('pool/src', 'tank/dst')],
    });
    expect(code).toBe(ExitCode.ERROR);
    expect(doc.pairs[0]!.error).toBe('Source dataset does not exist: pool/nope');
    expect(doc.pairs[0]!.tasks).toEqual({});
    expect(doc.pairs[1]!.tasks['replicate']).toMatchObject({ poolMissing: 'tank', createAncestors: [] });
  });

  it('--skip-replication: no task, nothing listed', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1');
    const { code, doc } = await explain(fake, { replication: { skip: true } });
    expect(code).toBe(ExitCode.OK);
    expect(doc.pairs[0]!.tasks).toEqual({});
    expect(fake.calls).toEqual([]);
  });

  it('the schema has teeth: an unknown rule or a missing field is refused', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1');
    const { doc } = await explain(fake);
    const d = datasets(doc)[0]!;
    const withDataset = (x: Record<string, unknown>) => ({
      ...doc,
      pairs: [
        { ...doc.pairs[0]!, tasks: { replicate: { createAncestors: [], poolMissing: null, datasets: [x] } } },
      ],
    });
    expect(validate(withDataset(d))).toBe(true);
    expect(validate(withDataset({ ...d, rule: 'because' }))).toBe(false);
    const { send: _send, ...noSend } = d;
    expect(validate(withDataset(noSend))).toBe(false);
  });
});
