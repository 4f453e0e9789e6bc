import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LOCAL } from '../exec/runner.js';
import { systemClock } from '../infra/clock.js';
import { ExitCode } from '../model/exit-codes.js';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { memoryReports } from '../../test/support/memory-reports.js';
import { FakeZfs, renderTest } from '../../test/support/fake-runner.js';
import { pair } from '../../test/support/run-world.js';
import { decorated, regexFilters, testConfig, type ConfigOverrides } from '../../test/support/test-config.js';
import { explainAll } from './explain.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true }).compile(schema as object);

async function explain(fake: FakeZfs, o: ConfigOverrides) {
  const log = memoryLogger();
  const cfg = testConfig({ ...o, run: { explain: true } });
  const r = await explainAll(cfg, {
    runner: decorated(fake, cfg, log),
    log,
    signal: new AbortController().signal,
    render: renderTest,
    localIsRoot: true,
    reports: memoryReports(),
    clock: systemClock,
  });
  if (!validate(r.doc)) throw new Error(`invalid explain document: ${JSON.stringify(validate.errors)}`);
  expect(fake.mutatingCalls()).toEqual([]);
  return r;
}

const RETENTION = {
  kind: 'snapshot',
  except: true,
  crosscheck: true,
  forceDeleteLatestCommonSnapshot: false,
} as const;

describe('--explain with --delete-dst-snapshots', () => {
  it('each candidate with its verdict and rule; the held one and the latest common one are skipped', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1', 's2', 'k3', 's4');
    fake.copySnapshots(
      { place: LOCAL, dataset: 'pool/src' },
      { place: LOCAL, dataset: 'pool/dst' },
      's1',
      's2',
      'k3',
      's4',
    );
    fake.hold(LOCAL, 'pool/dst', 's2');
    const { code, doc } = await explain(fake, {
      pairs: [pair('pool/src', 'pool/dst')],
      replication: { skip: true },
      selection: { snapshotFilters: regexFilters(['k.*']) },
      retention: RETENTION,
    });
    expect(code).toBe(ExitCode.OK);
    const task = doc.pairs[0]!.tasks['delete-dst-snapshots'] as { datasets: Record<string, unknown>[] };
    expect(task.datasets).toHaveLength(1);
    const d = task.datasets[0]!;
    expect([d['dataset'], d['source'], d['kind'], d['status']]).toEqual([
      'pool/dst',
      'pool/src',
      'snapshot',
      'planned',
    ]);
    expect(d['decisions']).toEqual([
      { name: 'pool/dst@s1', verdict: 'delete', rule: 'not-kept-by-rules', safety: null },
      { name: 'pool/dst@s2', verdict: 'skip', rule: 'not-kept-by-rules', safety: 'held' },
      { name: 'pool/dst@k3', verdict: 'keep', rule: 'kept-and-on-source', safety: null },
      { name: 'pool/dst@s4', verdict: 'skip', rule: 'not-kept-by-rules', safety: 'latest-common-snapshot' },
    ]);
    expect(d['warnings']).toHaveLength(1);
  });

  it('`dummy` source: source null, and the listing of the dataset pruned', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1');
    const { doc } = await explain(fake, {
      pairs: [pair('dummy', 'pool/src')],
      replication: { skip: true },
      retention: { ...RETENTION, except: false },
    });
    const task = doc.pairs[0]!.tasks['delete-dst-snapshots'] as { datasets: Record<string, unknown>[] };
    expect(task.datasets.map((d) => [d['source'], d['decisions']])).toEqual([
      [null, [{ name: 'pool/src@s1', verdict: 'delete', rule: 'selected', safety: null }]],
    ]);
  });
});
