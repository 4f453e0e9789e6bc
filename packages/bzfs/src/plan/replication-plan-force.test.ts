import { describe, expect, it } from '@jest/globals';
import { guidOf } from '../../test/support/test-dsl.js';
import type { ForceOptions } from './types.js';
import { EMPTY_FS, FILES, plan, run, table } from '../../test/support/plan-scenarios.js';

describe('planDataset: a destination without snapshots that holds data', () => {
  const ALL = { rollbackToLatestSnapshot: true, rollbackToLatestCommon: true, destroyAllIfNoCommon: true };
  table([
    [
      'holds files: conflict',
      { src: ['s1', 's2'], dst: [], dstContents: FILES },
      ['conflict dst-has-data: 5242880 bytes'],
    ],
    [
      'holds files, --force: full send that overwrites',
      { src: ['s1', 's2'], dst: [], dstContents: FILES, force: { destroyAllIfNoCommon: true } },
      ['send full', 'pre: overwrite 5242880 bytes', 'full s1', '-i s1 s2'],
    ],
    [
      'holds files, --force-rollback-to-latest-common-snapshot alone: still a conflict',
      {
        src: ['s1'],
        dst: [],
        dstContents: FILES,
        force: { rollbackToLatestCommon: true, rollbackToLatestSnapshot: true },
      },
      ['conflict dst-has-data: 5242880 bytes'],
    ],
    [
      'contents not read: assumed to hold data',
      { src: ['s1'], dst: [], dstContents: null },
      ['conflict dst-has-data: unknown bytes'],
    ],
    [
      'contents not read, --force: overwrites',
      { src: ['s1'], dst: [], dstContents: null, force: ALL },
      ['send full', 'pre: overwrite unknown bytes', 'full s1'],
    ],
    [
      'empty filesystem: full send',
      { src: ['s1'], dst: [], dstContents: EMPTY_FS },
      ['send full', 'full s1'],
    ],
    [
      'partial receive state is not data: the token is resumed',
      {
        src: ['s1', 's2'],
        dst: [],
        dstContents: { ...FILES, partialReceive: true },
        resume: { token: 'T', toguid: guidOf('s1'), toname: 'pool/src@s1' },
      },
      ['send full', 'resume s1', '-i s1 s2'],
    ],
    [
      'contents are irrelevant once the destination has snapshots',
      { src: ['s1', 's2'], dst: ['s1'], dstContents: FILES },
      ['send from s1', '-i s1 s2'],
    ],
  ]);
});

describe('planDataset: diverged trees and --force', () => {
  table([
    [
      'dst has newer snapshots: conflict',
      { src: ['s1', 's2', 's3'], dst: ['s1', 'x1', 'x2'] },
      ['conflict dst-has-newer s1: x1 x2'],
    ],
    [
      'dst has newer, src up to date: still a conflict',
      { src: ['s1'], dst: ['s1', 'x1'] },
      ['conflict dst-has-newer s1: x1'],
    ],
    [
      'rollbackToLatestCommon destroys the newer dst snapshots',
      { src: ['s1', 's2', 's3'], dst: ['s1', 'x1', 'x2'], force: { rollbackToLatestCommon: true } },
      ['send from s1', 'pre: rollback -r pool/dst@s1', '-I s1 s3'],
    ],
    [
      'rollbackToLatestCommon then up to date',
      { src: ['s1'], dst: ['s1', 'x1'], force: { rollbackToLatestCommon: true } },
      ['up-to-date s1', 'pre: rollback -r pool/dst@s1'],
    ],
    [
      'rollbackToLatestCommon cannot help without a common snapshot',
      { src: ['s1'], dst: ['x1'], force: { rollbackToLatestCommon: true } },
      ['conflict no-common: x1'],
    ],
    [
      'rollbackToLatestSnapshot alone does not resolve a conflict',
      { src: ['s1', 's2'], dst: ['s1', 'x1'], force: { rollbackToLatestSnapshot: true } },
      ['conflict dst-has-newer s1: x1'],
    ],
    [
      'rollbackToLatestSnapshot on a clean dst',
      { src: ['s1', 's2'], dst: ['s1'], force: { rollbackToLatestSnapshot: true } },
      ['send from s1', 'pre: rollback pool/dst@s1', '-i s1 s2'],
    ],
    [
      'rollbackToLatestSnapshot when up to date',
      { src: ['s1', 's2'], dst: ['s1', 's2'], force: { rollbackToLatestSnapshot: true } },
      ['up-to-date s2', 'pre: rollback pool/dst@s2'],
    ],
    [
      'dst order follows dst createtxg, not source order',
      { src: ['s1', 's2'], dst: ['s2', 's1'] },
      ['conflict dst-has-newer s2: s1'],
    ],
    [
      'diverged after a bookmark base',
      { src: ['#s1', 's2'], dst: ['s1', 'x1'], force: { rollbackToLatestCommon: true } },
      ['send from #s1', 'pre: rollback -r pool/dst@s1', '-i #s1 s2'],
    ],
  ]);

  it('rolls back to the DESTINATION snapshot with the common guid', () => {
    const p = plan({ src: ['s1', 's2'], dst: ['s1', 'x1'], force: { rollbackToLatestCommon: true } });
    expect(p.kind).toBe('send');
    if (p.kind !== 'send') return;
    const rb = p.preActions[0];
    expect(rb).toMatchObject({
      kind: 'rollback',
      destroyNewer: true,
      to: { dataset: 'pool/dst', name: 's1', kind: 'snapshot' },
    });
    expect(p.latestCommon).toMatchObject({ dataset: 'pool/src', name: 's1' });
  });

  describe('every force combination', () => {
    const combos: ForceOptions[] = [];
    for (const a of [false, true])
      for (const b of [false, true])
        for (const c of [false, true])
          combos.push({ rollbackToLatestSnapshot: a, rollbackToLatestCommon: b, destroyAllIfNoCommon: c });
    const name = (f: ForceOptions): string =>
      `rbLatest=${f.rollbackToLatestSnapshot} rbCommon=${f.rollbackToLatestCommon} destroyAll=${f.destroyAllIfNoCommon}`;

    it.each(combos.map((f) => [name(f), f] as const))('%s', (_n, f) => {
      const rbLatest = (snap: string): string[] =>
        f.rollbackToLatestSnapshot ? [`pre: rollback pool/dst@${snap}`] : [];
      // dst missing or empty: no pre-actions whatever the force
      expect(run({ src: ['s1', 's2'], force: f })).toEqual(['send full', 'full s1', '-i s1 s2']);
      expect(run({ src: ['s1', 's2'], dst: [], force: f })).toEqual(['send full', 'full s1', '-i s1 s2']);
      // clean incremental
      expect(run({ src: ['s1', 's2'], dst: ['s1'], force: f })).toEqual([
        'send from s1',
        ...rbLatest('s1'),
        '-i s1 s2',
      ]);
      // diverged
      expect(run({ src: ['s1', 's2'], dst: ['s1', 'x1'], force: f })).toEqual(
        f.rollbackToLatestCommon
          ? ['send from s1', ...rbLatest('x1'), 'pre: rollback -r pool/dst@s1', '-i s1 s2']
          : ['conflict dst-has-newer s1: x1'],
      );
      // nothing in common
      expect(run({ src: ['s1', 's2'], dst: ['x1', 'x2'], force: f })).toEqual(
        f.destroyAllIfNoCommon
          ? ['send full', ...rbLatest('x2'), 'pre: destroy x1 x2', 'full s1', '-i s1 s2']
          : ['conflict no-common: x1 x2'],
      );
    });
  });
});
