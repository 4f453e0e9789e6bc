import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { bzfs, freshPoolsForEachTest, fullState, hostSshArgs, snapshot, writeData } from './harness.js';

// bzfs runs on this machine against the guest's aliases (pull-push), as in conflicts.itest.ts.
const S = 'bzex_src';
const D = 'bzex_dst';
const pair = [`bzfs-src:${S}/data`, `bzfs-dst:${D}/data`];
const run = (...args: string[]) => bzfs([...hostSshArgs(), ...args, ...pair], 'host');

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true }).compile(schema as object);

interface Dataset {
  src: string;
  dst: string;
  rule: string;
  latestCommon: string | null;
  send: { kind: string; flag: string | null; from: string | null; to: string }[];
  conflict: { kind: string; message: string } | null;
  [k: string]: unknown;
}

/**
 * Runs `bzfs --explain` and proves it changed nothing: both pools' full state (settled) is the
 * same before and after. Returns the single dataset entry of the single pair.
 */
async function explain(...args: string[]): Promise<Dataset> {
  const [src0, dst0] = [await fullState(S), await fullState(D)];
  const r = await run('--explain', ...args);
  expect(r.exitCode).toBe(0);
  const doc: unknown = JSON.parse(r.stdout);
  if (!validate(doc)) throw new Error(`not a valid explain document: ${JSON.stringify(validate.errors)}`);
  expect(await fullState(S)).toBe(src0);
  expect(await fullState(D)).toBe(dst0);
  const pairs = (
    doc as { pairs: { src: unknown; error: unknown; tasks: { replicate: { datasets: Dataset[] } } }[] }
  ).pairs;
  expect(pairs).toHaveLength(1);
  expect(pairs[0]!.src).toEqual({ dataset: `${S}/data`, host: 'bzfs-src', user: null, port: null });
  expect(pairs[0]!.error).toBeNull();
  const datasets = pairs[0]!.tasks.replicate.datasets;
  expect(datasets).toHaveLength(1);
  return datasets[0]!;
}

describe('bzfs --explain (real ZFS)', () => {
  freshPoolsForEachTest(S, D);

  it('first full: the full send of the oldest snapshot, then the increments; nothing is created', async () => {
    await writeData(`${S}/data`, 'f1');
    await snapshot(`${S}/data@s1`, `${S}/data@s2`, `${S}/data@s3`);
    const d = await explain();
    expect(d.rule).toBe('first-full');
    expect(d.latestCommon).toBeNull();
    expect(d.send.map((s) => [s.kind, s.flag, s.from, s.to])).toEqual([
      ['full', null, null, `${S}/data@s1`],
      ['incremental', '-I', `${S}/data@s1`, `${S}/data@s3`],
    ]);
    expect(d.bookmarks).toEqual([`${S}/data#s1`, `${S}/data#s2`, `${S}/data#s3`]);
  });

  it('incremental, then up to date, after a real run', async () => {
    await writeData(`${S}/data`, 'f1');
    await snapshot(`${S}/data@s1`);
    expect((await run()).exitCode).toBe(0);
    await writeData(`${S}/data`, 'f2');
    await snapshot(`${S}/data@s2`);
    const inc = await explain();
    expect(inc.rule).toBe('incremental-from-latest-common');
    expect(inc.latestCommon).toBe(`${S}/data@s1`);
    expect(inc.send.map((s) => [s.kind, s.flag, s.from, s.to])).toEqual([
      ['incremental', '-i', `${S}/data@s1`, `${S}/data@s2`],
    ]);

    expect((await run()).exitCode).toBe(0);
    const done = await explain();
    expect(done.rule).toBe('up-to-date');
    expect(done.send).toEqual([]);
    expect(done.latestCommon).toBe(`${S}/data@s2`);
  });

  it('conflict: the kind and the message a run would refuse with, exit 0; with --force, the rollback', async () => {
    await writeData(`${S}/data`, 'f1');
    await snapshot(`${S}/data@s1`);
    expect((await run()).exitCode).toBe(0);
    await snapshot(`${D}/data@dst_only`, `${S}/data@s2`);
    const c = await explain();
    expect(c.rule).toBe('conflict:dst-has-newer');
    expect(c.conflict?.kind).toBe('dst-has-newer');
    expect(c.conflict?.message).toMatch(/newer than the latest common snapshot s1.*dst_only.*--force/);
    expect(c.send).toEqual([]);

    const forced = await explain('--force');
    expect(forced.rule).toBe('force:rollback-then-incremental');
    expect(forced.rollback).toEqual([{ to: `${D}/data@s1`, destroyNewer: true }]);
    expect(forced.send.map((s) => s.to)).toEqual([`${S}/data@s2`]);
  });
});
