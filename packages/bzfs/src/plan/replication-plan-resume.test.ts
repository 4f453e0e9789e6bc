import { describe, expect, it } from '@jest/globals';
import { findLatestCommon } from './replication-plan.js';
import { dstSnaps, snaps } from '../../test/support/test-dsl.js';
import { type SnapshotRef } from '../model/snapshot.js';
import { plan, token, table, type Scenario } from '../../test/support/plan-scenarios.js';

describe('planDataset: resume', () => {
  table([
    [
      'interrupted full send resumes, then continues',
      { src: ['s1', 's2', 's3'], dst: [], resume: token('s1') },
      ['send full', 'resume s1', '-I s1 s3'],
    ],
    [
      'interrupted full send of the only snapshot',
      { src: ['s1'], dst: [], resume: token('s1') },
      ['send full', 'resume s1'],
    ],
    [
      'resumed full send continues past excluded snapshots',
      { src: ['s1', 's2', 's3', 'h4', 's5'], dst: [], resume: token('s1') },
      ['send full', 'resume s1', '-I s1 s3', '-i s3 s5'],
    ],
    [
      'full-send token for a snapshot that is not the oldest selected',
      { src: ['s1', 's2', 's3'], dst: [], resume: token('s2') },
      ['send full', 'pre: abort-resume', 'full s1', '-I s1 s3'],
    ],
    [
      'full-send plan, incremental token',
      { src: ['s1', 's2'], dst: [], resume: token('s1', 's0') },
      ['send full', 'pre: abort-resume', 'full s1', '-i s1 s2'],
    ],
    [
      'token for the first snapshot of a -I run',
      { src: ['s1', 's2', 's3', 's4', 's5'], dst: ['s1', 's2'], resume: token('s3', 's2') },
      ['send from s2', 'resume s3', '-I s3 s5'],
    ],
    [
      'token for the first snapshot of a -I run, one left',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1', 's2'], resume: token('s3', 's2') },
      ['send from s2', 'resume s3', '-i s3 s4'],
    ],
    [
      'token for the only snapshot to send',
      { src: ['s1', 's2'], dst: ['s1'], resume: token('s2', 's1') },
      ['send from s1', 'resume s2'],
    ],
    [
      'token for a later snapshot of the run',
      { src: ['s1', 's2', 's3', 's4', 's5'], dst: ['s1', 's2'], resume: token('s4', 's2') },
      ['send from s2', 'pre: abort-resume', '-I s2 s5'],
    ],
    [
      'token with the wrong base',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1', 's2'], resume: token('s3', 's1') },
      ['send from s2', 'pre: abort-resume', '-I s2 s4'],
    ],
    [
      'full token when an incremental is due',
      { src: ['s1', 's2', 's3'], dst: ['s1'], resume: token('s2') },
      ['send from s1', 'pre: abort-resume', '-I s1 s3'],
    ],
    [
      'token for another dataset (stale)',
      { src: ['s1', 's2'], dst: ['s1'], resume: token('s2', 's1', { toname: 'pool/other@s2' }) },
      ['send from s1', 'pre: abort-resume', '-i s1 s2'],
    ],
    [
      'token for a dataset whose name merely starts like the source',
      { src: ['s1', 's2'], dst: ['s1'], resume: token('s2', 's1', { toname: 'pool/src2@s2' }) },
      ['send from s1', 'pre: abort-resume', '-i s1 s2'],
    ],
    [
      'token snapshot renamed on the source: guid decides',
      { src: ['s1', 's2'], dst: ['s1'], resume: token('s2', 's1', { toname: 'pool/src@old-name' }) },
      ['send from s1', 'resume s2'],
    ],
    [
      'token for a snapshot deleted from the source',
      { src: ['s1', 's3'], dst: ['s1'], resume: token('s2', 's1') },
      ['send from s1', 'pre: abort-resume', '-i s1 s3'],
    ],
    [
      'token for an excluded snapshot',
      { src: ['s1', 'h2', 's3'], dst: ['s1'], resume: token('h2', 's1') },
      ['send from s1', 'pre: abort-resume', '-i s1 s3'],
    ],
    [
      'token after a jump over excluded snapshots',
      { src: ['s1', 'h2', 's3', 's4', 's5'], dst: ['s1'], resume: token('s3', 's1') },
      ['send from s1', 'resume s3', '-I s3 s5'],
    ],
    [
      'token from a bookmark base',
      { src: ['#s1', 's2', 's3', 's4'], dst: ['s1'], resume: token('s2', 's1') },
      ['send from #s1', 'resume s2', '-I s2 s4'],
    ],
    [
      'noStream incremental: token for the newest',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1'], noStream: true, resume: token('s4', 's1') },
      ['send from s1', 'resume s4'],
    ],
    [
      'noStream incremental: token for an intermediate',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1'], noStream: true, resume: token('s2', 's1') },
      ['send from s1', 'pre: abort-resume', '-i s1 s4'],
    ],
    [
      'noStream full: token for the newest',
      { src: ['s1', 's2', 's3'], dst: [], noStream: true, resume: token('s3') },
      ['send full', 'resume s3'],
    ],
    [
      'up to date: stale token is aborted',
      { src: ['s1', 's2'], dst: ['s1', 's2'], resume: token('s2', 's1') },
      ['up-to-date s2', 'pre: abort-resume'],
    ],
    [
      'conflict: left as is',
      { src: ['s1', 's2'], dst: ['s1', 'x1'], resume: token('s2', 's1') },
      ['conflict dst-has-newer s1: x1'],
    ],
    [
      'no source snapshots: left as is',
      { src: ['h1'], dst: [], resume: token('h1') },
      ['no-source-snapshots'],
    ],
    [
      'abort-resume comes before every other pre-action',
      {
        src: ['s1', 's2'],
        dst: ['s1', 'x1'],
        force: { rollbackToLatestSnapshot: true, rollbackToLatestCommon: true },
        resume: token('s2', 'x1'),
      },
      [
        'send from s1',
        'pre: abort-resume',
        'pre: rollback pool/dst@x1',
        'pre: rollback -r pool/dst@s1',
        '-i s1 s2',
      ],
    ],
    [
      'a valid token keeps the pre-actions',
      { src: ['s1', 's2'], dst: ['x1'], force: { destroyAllIfNoCommon: true }, resume: token('s1') },
      ['send full', 'pre: destroy x1', 'resume s1', '-i s1 s2'],
    ],
  ]);

  it('carries the token and the source snapshot in the resume step', () => {
    const p = plan({ src: ['s1', 's2', 's3'], dst: ['s1'], resume: token('s2', 's1') });
    expect(p.kind).toBe('send');
    if (p.kind !== 'send') return;
    expect(p.steps[0]).toEqual({
      kind: 'resume',
      token: '1-tok-s2',
      to: expect.objectContaining({ dataset: 'pool/src', name: 's2' }),
    });
  });

  const reasons: ReadonlyArray<[string, Scenario, RegExp]> = [
    [
      'other dataset',
      { src: ['s1', 's2'], dst: ['s1'], resume: token('s2', 's1', { toname: 'pool/x@s2' }) },
      /stale.*pool\/x@s2/,
    ],
    ['up to date', { src: ['s1', 's2'], dst: ['s1', 's2'], resume: token('s2', 's1') }, /up to date/],
    [
      'not selected',
      { src: ['s1', 'h2', 's3'], dst: ['s1'], resume: token('h2', 's1') },
      /not a selected source snapshot/,
    ],
    [
      'not next',
      { src: ['s1', 's2', 's3'], dst: ['s1'], resume: token('s3', 's1') },
      /next snapshot to send is pool\/src@s2/,
    ],
    [
      'base mismatch',
      { src: ['s1', 's2', 's3'], dst: ['s1'], resume: token('s2', 's0') },
      /base is pool\/src@s1/,
    ],
    ['full vs incremental', { src: ['s1', 's2'], dst: ['s1'], resume: token('s2') }, /full stream/],
    ['incremental vs full', { src: ['s1', 's2'], dst: [], resume: token('s1', 's0') }, /sent in full/],
  ];
  it.each(reasons)('abort-resume explains why: %s', (_n, sc, re) => {
    const p = plan(sc);
    expect(p.kind === 'send' || p.kind === 'up-to-date').toBe(true);
    if (p.kind !== 'send' && p.kind !== 'up-to-date') return;
    const first = p.preActions[0];
    expect(first?.kind).toBe('abort-resume');
    expect(first?.kind === 'abort-resume' ? first.reason : '').toMatch(re);
  });
});

describe('findLatestCommon', () => {
  const sorted = (...specs: string[]): SnapshotRef[] => snaps(...specs);
  it('is undefined without destination snapshots', () => {
    expect(findLatestCommon(sorted('s1'), [], true)).toBeUndefined();
    expect(findLatestCommon(sorted('#s1'), [], true)).toBeUndefined();
  });
  it('returns the snapshot, not its bookmark', () => {
    expect(findLatestCommon(sorted('s1', '#s1'), dstSnaps('s1'), true)).toMatchObject({
      kind: 'snapshot',
      name: 's1',
    });
    expect(findLatestCommon(sorted('#s1', 's1'), dstSnaps('s1'), true)).toMatchObject({
      kind: 'snapshot',
      name: 's1',
    });
  });
  it('returns a bookmark when its snapshot is gone, unless bookmarks are off', () => {
    expect(findLatestCommon(sorted('#s1', 's2'), dstSnaps('s1'), true)).toMatchObject({
      kind: 'bookmark',
      name: 's1',
    });
    expect(findLatestCommon(sorted('#s1', 's2'), dstSnaps('s1'), false)).toBeUndefined();
  });
});
