import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LOCAL } from '../exec/runner.js';
import { systemClock } from '../infra/clock.js';
import { ExitCode } from '../model/exit-codes.js';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { FakeZfs, renderTest } from '../../test/support/fake-runner.js';
import { pair } from '../../test/support/run-world.js';
import { decorated, testConfig, type ConfigOverrides } from '../../test/support/test-config.js';
import { explainAll } from './explain.js';
import { memoryReports } from '../../test/support/memory-reports.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true }).compile(schema as object);

async function explain(fake: FakeZfs, o: ConfigOverrides) {
  const log = memoryLogger();
  const cfg = testConfig({ ...o, replication: { skip: true }, run: { explain: true } });
  const r = await explainAll(cfg, {
    runner: decorated(fake, cfg, log),
    log,
    signal: new AbortController().signal,
    render: renderTest,
    reports: memoryReports(),
    localIsRoot: true,
    clock: systemClock,
  });
  if (!validate(r.doc)) throw new Error(`invalid explain document: ${JSON.stringify(validate.errors)}`);
  expect(fake.mutatingCalls()).toEqual([]);
  return { code: r.code, tasks: r.doc.pairs[0]!.tasks as Record<string, Record<string, unknown>> };
}

/** pool/dst{,/a,/gone,/gone/x,/keep}: the source has pool/src{,/a}; keep is excluded. */
function world(): FakeZfs {
  const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/src', 'pool/src/a');
  fake.addDatasets(LOCAL, 'pool/dst', 'pool/dst/a', 'pool/dst/gone', 'pool/dst/gone/x', 'pool/dst/keep');
  return fake.snapshot(LOCAL, 'pool/dst/a', 's1');
}
const selection = { recursive: true, excludeDatasets: ['keep'] };

describe('--explain with --delete-dst-datasets and --delete-empty-dst-datasets', () => {
  it('delete-dst-datasets: each destroy with what it removes, each selected dataset with verdict and rule', async () => {
    const { code, tasks } = await explain(world(), {
      pairs: [pair('pool/src', 'pool/dst')],
      selection,
      deleteDatasets: { missingOnSource: true },
    });
    expect(code).toBe(ExitCode.OK);
    const t = tasks['delete-dst-datasets']!;
    expect(t['source']).toBe('pool/src');
    expect(t['destroy']).toEqual([
      { dataset: 'pool/dst/gone', rule: 'not-on-source', datasets: ['pool/dst/gone', 'pool/dst/gone/x'] },
    ]);
    expect(t['datasets']).toEqual([
      { dataset: 'pool/dst', verdict: 'keep', rule: 'on-source', destroyedWith: null, blockedBy: null },
      { dataset: 'pool/dst/a', verdict: 'keep', rule: 'on-source', destroyedWith: null, blockedBy: null },
      {
        dataset: 'pool/dst/gone',
        verdict: 'delete',
        rule: 'not-on-source',
        destroyedWith: 'pool/dst/gone',
        blockedBy: null,
      },
      {
        dataset: 'pool/dst/gone/x',
        verdict: 'delete',
        rule: 'not-on-source',
        destroyedWith: 'pool/dst/gone',
        blockedBy: null,
      },
    ]);
  });

  it('delete-empty-dst-datasets: what counts, and the rules; without --recursive it says why it does nothing', async () => {
    const { tasks } = await explain(world(), {
      pairs: [pair('dummy', 'pool/dst')],
      selection,
      deleteDatasets: { empty: 'snapshots+bookmarks' },
    });
    const t = tasks['delete-empty-dst-datasets']!;
    expect([t['empty'], t['skipped']]).toEqual(['snapshots+bookmarks', null]);
    expect((t['destroy'] as { dataset: string }[]).map((d) => d.dataset)).toEqual(['pool/dst/gone']);
    const rules = (t['datasets'] as { dataset: string; rule: string; blockedBy: string | null }[]).map(
      (d) => [d.dataset, d.rule, d.blockedBy],
    );
    expect(rules.slice(0, 2)).toEqual([
      ['pool/dst', 'child-kept', 'pool/dst/a'],
      ['pool/dst/a', 'has-snapshots', null],
    ]);
    const flat = await explain(world(), {
      pairs: [pair('dummy', 'pool/dst')],
      deleteDatasets: { empty: 'snapshots' },
    });
    expect(flat.tasks['delete-empty-dst-datasets']).toEqual({
      empty: 'snapshots',
      skipped: '--delete-empty-dst-datasets does nothing without --recursive (as in the original)',
      destroy: [],
      datasets: [],
    });
  });
});
