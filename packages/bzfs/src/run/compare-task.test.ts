import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LOCAL } from '../exec/runner.js';
import { systemClock, type Clock } from '../infra/clock.js';
import { ExitCode } from '../model/exit-codes.js';
import type { CompareLocation } from '../plan/compare/types.js';
import { FakeZfs, renderTest } from '../../test/support/fake-runner.js';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { memoryReports } from '../../test/support/memory-reports.js';
import { pair, run } from '../../test/support/run-world.js';
import { decorated, testConfig, type ConfigOverrides } from '../../test/support/test-config.js';
import { explainAll } from './explain.js';

const CLOCK: Clock = { ...systemClock, wallMs: () => 1_800_000_000_000 };
const TSV = 'pool~src%pool~dst.tsv';
const DATASETS = 'pool~src%pool~dst.rel_datasets_tsv';

/** Compare only (no replication), with the given locations. */
const compare = (o: ConfigOverrides = {}, locations: CompareLocation[] = ['src', 'dst', 'all']) => ({
  replication: { skip: true, ...o.replication },
  compare: { locations },
  ...o,
});

async function runCompare(fake: FakeZfs, o: ConfigOverrides) {
  const reports = memoryReports();
  const r = await run(fake, o, { clock: CLOCK, reports });
  /** `location name` of each row of the snapshots file. */
  const tags = (name = TSV) =>
    (reports.files.get(name) ?? '')
      .split('\n')
      .slice(1, -1)
      .map((l) => l.split('\t'))
      .map((c) => `${c[0]} ${c[7]}`);
  return { ...r, reports, tags };
}

/** pool/src s1 s2 s3; pool/dst has s1 s2 (replicated earlier) and d1 of its own. */
function world(): FakeZfs {
  const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1', 's2', 's3');
  fake.copySnapshots(
    { place: LOCAL, dataset: 'pool/src' },
    { place: LOCAL, dataset: 'pool/dst' },
    's1',
    's2',
  );
  return fake.snapshot(LOCAL, 'pool/dst', 'd1');
}

describe('the compare task', () => {
  it('lists each side once and writes both TSV files, tagged src, dst and all', async () => {
    const fake = world();
    const { code, tags, reports, log } = await runCompare(fake, compare());
    expect(code).toBe(ExitCode.OK);
    expect(fake.log().filter((l) => l.includes('written'))).toEqual([
      'zfs list -t snapshot,bookmark -d 1 -Hp -o creation,guid,createtxg,written,name pool/src',
      'zfs list -t snapshot -d 1 -Hp -o creation,guid,createtxg,written,name pool/dst',
    ]);
    expect(tags()).toEqual(['all pool/src@s1', 'all pool/src@s2', 'src pool/src@s3', 'dst pool/dst@d1']);
    expect(reports.files.get(DATASETS)).toBe(
      'location\trel_dataset\tsrc_dataset\tdst_dataset\nall\t\tpool/src\tpool/dst\n',
    );
    expect(log).toContain(`I Final TSV output file comparing pool/src vs. pool/dst is: /reports/${TSV}`);
    expect(log).toContain(
      'I Comparing ~ Q: No src snapshots are missing on dst, and no dst snapshots are missing on src, ' +
        'and there is a common snapshot? A: False',
    );
    expect(log).toContain('I Comparing ~ Snapshots only in src since latest common snapshot: 1');
  });

  it('runs after replication: what was just sent is common', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool').snapshot(LOCAL, 'pool/src', 's1', 's2');
    const { code, tags, log } = await runCompare(fake, { compare: { locations: ['src', 'dst', 'all'] } });
    expect(code).toBe(ExitCode.OK);
    expect(tags()).toEqual(['all pool/src@s1', 'all pool/src@s2']);
    expect(log.join('\n')).toMatch(/and there is a common snapshot\? A: True/);
  });

  it('writes only the requested locations', async () => {
    const { tags } = await runCompare(world(), compare({}, ['src', 'dst']));
    expect(tags()).toEqual(['src pool/src@s3', 'dst pool/dst@d1']);
  });

  it('a source bookmark stands for its pruned snapshot, unless --no-use-bookmark', async () => {
    const mk = () => {
      const fake = world().bookmark(LOCAL, 'pool/src', 's1');
      fake.dataset(LOCAL, 'pool/src')!.entries = fake
        .dataset(LOCAL, 'pool/src')!
        .entries.filter((e) => !(e.kind === 'snapshot' && e.name === 's1'));
      return fake;
    };
    expect((await runCompare(mk(), compare())).tags()[0]).toBe('all pool/src#s1');
    const fake = mk();
    const { tags } = await runCompare(fake, compare({ replication: { skip: true, useBookmarks: false } }));
    expect(tags()).toContain('dst pool/dst@s1');
    expect(fake.log()).toContain(
      'zfs list -t snapshot -d 1 -Hp -o creation,guid,createtxg,written,name pool/src',
    );
  });

  it('-r: one recursive listing per side; datasets on one side only are in the second file', async () => {
    const fake = world().snapshot(LOCAL, 'pool/src/a', 'x1').snapshot(LOCAL, 'pool/dst/b', 'y1');
    const { tags, reports } = await runCompare(fake, compare({ selection: { recursive: true } }));
    expect(fake.log().filter((l) => l.includes('written'))).toHaveLength(2);
    expect(fake.log()).toContain(
      'zfs list -t snapshot -r -Hp -o creation,guid,createtxg,written,name pool/dst',
    );
    expect(tags()).toEqual([
      'all pool/src@s1',
      'all pool/src@s2',
      'src pool/src@s3',
      'dst pool/dst@d1',
      'src pool/src/a@x1',
      'dst pool/dst/b@y1',
    ]);
    expect(reports.files.get(DATASETS)?.split('\n').slice(1, -1)).toEqual([
      'all\t\tpool/src\tpool/dst',
      'src\t/a\tpool/src/a\t',
      'dst\t/b\t\tpool/dst/b',
    ]);
  });

  it('a `dummy` source: every destination snapshot is dst, and the source is never listed', async () => {
    const fake = world();
    const { code, reports, tags } = await runCompare(fake, compare({ pairs: [pair('dummy', 'pool/dst')] }));
    expect(code).toBe(ExitCode.OK);
    const rows = tags('dummy%pool~dst.tsv');
    expect(rows).toEqual(['dst pool/dst@s1', 'dst pool/dst@s2', 'dst pool/dst@d1']);
    expect(fake.log().some((l) => l.endsWith(' pool/src'))).toBe(false);
    expect(reports.files.has('dummy%pool~dst.rel_datasets_tsv')).toBe(true);
  });

  it('a missing destination: every source snapshot is src', async () => {
    const fake = new FakeZfs().snapshot(LOCAL, 'pool/src', 's1');
    const { code, tags } = await runCompare(fake, compare());
    expect(code).toBe(ExitCode.OK);
    expect(tags()).toEqual(['src pool/src@s1']);
  });

  it('a `dummy` destination is refused: there is nothing to compare with', async () => {
    const { code, log, reports } = await runCompare(world(), compare({ pairs: [pair('pool/src', 'dummy')] }));
    expect(code).toBe(ExitCode.ERROR);
    expect(log.join('\n')).toContain('--compare-snapshot-lists: the destination is `dummy`');
    expect(reports.files.size).toBe(0);
  });

  it('--dryrun compares all the same (it changes no ZFS state)', async () => {
    const { tags } = await runCompare(world(), compare({ run: { dryrun: 'send' } }));
    expect(tags()).toHaveLength(4);
  });
});

describe('the compare task under --explain', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'),
  ) as object;
  const validate = new Ajv2020({ allErrors: true }).compile(schema);

  it('describes the counts per dataset and writes no file', async () => {
    const log = memoryLogger();
    const reports = memoryReports();
    const cfg = testConfig({ ...compare({ selection: { recursive: true } }), run: { explain: true } });
    const fake = world().snapshot(LOCAL, 'pool/src/a', 'x1');
    const r = await explainAll(cfg, {
      runner: decorated(fake, cfg, log),
      log,
      signal: new AbortController().signal,
      render: renderTest,
      localIsRoot: true,
      clock: CLOCK,
      reports,
    });
    expect(validate(r.doc)).toBe(true);
    expect(r.doc.pairs[0]?.tasks['compare']).toEqual({
      locations: ['src', 'dst', 'all'],
      datasets: [
        {
          relDataset: '',
          location: 'all',
          srcDataset: 'pool/src',
          dstDataset: 'pool/dst',
          counts: { src: 1, dst: 1, all: 2 },
          latestCommon: 'pool/src@s2',
        },
        {
          relDataset: '/a',
          location: 'src',
          srcDataset: 'pool/src/a',
          dstDataset: null,
          counts: { src: 1, dst: 0, all: 0 },
          latestCommon: null,
        },
      ],
    });
    expect(reports.files.size).toBe(0);
  });
});
