import { describe, expect, it } from '@jest/globals';
import { fullName, type SnapshotRef } from '../model/snapshot.js';
import { findLatestCommon, planDataset } from './replication-plan.js';
import { dstSnaps, exceptPrefix, guidOf, renderSteps, short, snaps } from '../../test/support/test-dsl.js';
import type { DestinationContents } from './destination-contents.js';
import type { DatasetPlan, ForceOptions, PlanInput, PreAction, ResumeState } from './types.js';

const NO_FORCE: ForceOptions = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: false,
  destroyAllIfNoCommon: false,
};

interface Scenario {
  /** Source specs (see test-dsl), listed oldest first; the planner gets them in the given order. */
  readonly src: readonly string[];
  /** Destination specs; undefined = the destination dataset does not exist. */
  readonly dst?: readonly string[] | undefined;
  /** Name prefixes the snapshot filter excludes (default: `h`, i.e. hourlies). */
  readonly exclude?: readonly string[];
  readonly noStream?: boolean;
  readonly useBookmarks?: boolean;
  readonly force?: Partial<ForceOptions>;
  readonly resume?: ResumeState;
  /** What an existing destination without snapshots holds (default: an empty filesystem); null: not read. */
  readonly dstContents?: DestinationContents | null;
}

const EMPTY_FS: DestinationContents = {
  type: 'filesystem',
  logicalReferenced: 43_008,
  partialReceive: false,
};
const FILES: DestinationContents = { ...EMPTY_FS, logicalReferenced: 5 << 20 };

function inputOf(sc: Scenario): PlanInput {
  return {
    src: snaps(...sc.src),
    dst: sc.dst === undefined ? undefined : dstSnaps(...sc.dst),
    isSelected: exceptPrefix(...(sc.exclude ?? ['h'])),
    ...(sc.resume === undefined ? {} : { resume: sc.resume }),
    ...(sc.dst === undefined || sc.dstContents === null ? {} : { dstContents: sc.dstContents ?? EMPTY_FS }),
    options: {
      noStream: sc.noStream ?? false,
      useBookmarks: sc.useBookmarks ?? true,
      force: { ...NO_FORCE, ...sc.force },
    },
  };
}

function renderPre(a: PreAction): string {
  switch (a.kind) {
    case 'abort-resume':
      return 'pre: abort-resume';
    case 'rollback':
      return `pre: rollback ${a.destroyNewer ? '-r ' : ''}${fullName(a.to)}`;
    case 'destroy-snapshots':
      return `pre: destroy ${a.snapshots.map(short).join(' ')}`;
    case 'overwrite-contents':
      return `pre: overwrite ${a.contents?.logicalReferenced ?? 'unknown'} bytes`;
  }
}

/** A compact, readable form of a plan: a header line, then the preActions, then the steps. */
function render(p: DatasetPlan): string[] {
  switch (p.kind) {
    case 'no-source-snapshots':
      return ['no-source-snapshots'];
    case 'conflict':
      if (p.conflict.kind === 'dst-has-data')
        return [`conflict dst-has-data: ${p.conflict.contents?.logicalReferenced ?? 'unknown'} bytes`];
      return p.conflict.kind === 'no-common'
        ? [`conflict no-common: ${p.conflict.dstSnapshots.map(short).join(' ')}`]
        : [
            `conflict dst-has-newer ${short(p.conflict.latestCommon)}: ${p.conflict.dstNewer.map(short).join(' ')}`,
          ];
    case 'up-to-date':
      return [
        `up-to-date ${p.latestCommon ? short(p.latestCommon) : '(no common snapshot)'}`,
        ...p.preActions.map(renderPre),
      ];
    case 'send':
      return [
        p.latestCommon === undefined ? 'send full' : `send from ${short(p.latestCommon)}`,
        ...p.preActions.map(renderPre),
        ...renderSteps(p.steps),
      ];
  }
}

const plan = (sc: Scenario): DatasetPlan => planDataset(inputOf(sc));
const run = (sc: Scenario): string[] => render(plan(sc));

/** A decoded token: `to`/`from` are source snapshot names whose GUIDs the DSL derives from the name. */
function token(
  to: string,
  from?: string,
  opts: { toname?: string; toguid?: string; fromguid?: string } = {},
): ResumeState {
  const fromguid = opts.fromguid ?? (from === undefined ? undefined : guidOf(from));
  return {
    token: `1-tok-${to}`,
    toguid: opts.toguid ?? guidOf(to),
    toname: opts.toname ?? `pool/src@${to}`,
    ...(fromguid === undefined ? {} : { fromguid }),
  };
}

type Case = readonly [string, Scenario, readonly string[]];
const table = (cases: readonly Case[]): void => {
  it.each(cases.map((c) => [...c]))('%s', (_name, sc, expected) => {
    expect(run(sc as Scenario)).toEqual(expected);
  });
};

describe('planDataset: empty sides and full sends', () => {
  table([
    ['no source entries, no dst', { src: [] }, ['no-source-snapshots']],
    ['no source entries, dst has snapshots', { src: [], dst: ['s1'] }, ['no-source-snapshots']],
    ['every source snapshot excluded', { src: ['h1', 'h2'] }, ['no-source-snapshots']],
    // Bookmarks pass every filter, as in the original: nothing is left to send, it is not "missing".
    ['source holds bookmarks only: up to date', { src: ['#s1', '#s2'], dst: ['s1'] }, ['up-to-date #s1']],
    [
      'bookmarks only, none on the dst: up to date all the same (the original)',
      { src: ['#s2'], dst: ['s1'] },
      ['up-to-date (no common snapshot)'],
    ],
    ['bookmarks only, dst without snapshots', { src: ['#s1'], dst: [] }, ['no-source-snapshots']],
    ['bookmarks only, dst missing', { src: ['#s1'] }, ['no-source-snapshots']],
    [
      'bookmarks only, useBookmarks=false',
      { src: ['#s1'], dst: ['s1'], useBookmarks: false },
      ['no-source-snapshots'],
    ],
    ['dst missing: full send of the only snapshot', { src: ['s1'] }, ['send full', 'full s1']],
    [
      'dst missing: full of the oldest, then -I',
      { src: ['s1', 's2', 's3'] },
      ['send full', 'full s1', '-I s1 s3'],
    ],
    [
      'dst without snapshots: same as missing',
      { src: ['s1', 's2', 's3'], dst: [] },
      ['send full', 'full s1', '-I s1 s3'],
    ],
    ['dst missing, two snapshots', { src: ['s1', 's2'] }, ['send full', 'full s1', '-i s1 s2']],
    [
      'dst missing: full of the oldest SELECTED, excluded ones skipped',
      { src: ['h0', 's1', 'h1', 's2', 's3', 'h4'] },
      ['send full', 'full s1', '-i s1 s2', '-i s2 s3'],
    ],
    [
      'noStream full: newest selected only',
      { src: ['s1', 's2', 's3'], noStream: true },
      ['send full', 'full s3'],
    ],
    ['noStream full: excluded newest', { src: ['s1', 's2', 'h3'], noStream: true }, ['send full', 'full s2']],
    [
      'source bookmarks are ignored when the dst has no snapshots',
      { src: ['#s0', 's1', '#s1', 's2'], dst: [] },
      ['send full', 'full s1', '-i s1 s2'],
    ],
    [
      'force options change nothing for an empty dst',
      {
        src: ['s1', 's2'],
        dst: [],
        force: { rollbackToLatestSnapshot: true, rollbackToLatestCommon: true, destroyAllIfNoCommon: true },
      },
      ['send full', 'full s1', '-i s1 s2'],
    ],
  ]);
});

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

describe('planDataset: incremental sends and up-to-date', () => {
  table([
    ['one new snapshot', { src: ['s1', 's2'], dst: ['s1'] }, ['send from s1', '-i s1 s2']],
    ['a run of new snapshots', { src: ['s1', 's2', 's3'], dst: ['s1'] }, ['send from s1', '-I s1 s3']],
    [
      'from the NEWEST common',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1', 's2'] },
      ['send from s2', '-I s2 s4'],
    ],
    ['excluded intermediate', { src: ['s1', 'h2', 's3'], dst: ['s1'] }, ['send from s1', '-i s1 s3']],
    [
      'excluded intermediates and newest',
      { src: ['s1', 'h1', 's2', 's3', 'h2', 's4', 'h3'], dst: ['s1'] },
      ['send from s1', '-i s1 s2', '-i s2 s3', '-i s3 s4'],
    ],
    ['up to date', { src: ['s1', 's2'], dst: ['s1', 's2'] }, ['up-to-date s2']],
    [
      'up to date: only excluded snapshots are newer',
      { src: ['s1', 's2', 'h3'], dst: ['s1', 's2'] },
      ['up-to-date s2'],
    ],
    [
      'dst missing an intermediate is not a conflict',
      { src: ['s1', 's2', 's3'], dst: ['s1', 's3'] },
      ['up-to-date s3'],
    ],
    [
      'latest common need not be selected',
      { src: ['h1', 's2', 's3'], dst: ['h1'] },
      ['send from h1', '-I h1 s3'],
    ],
    [
      'latest common is searched among ALL source snapshots',
      { src: ['s1', 'h2', 's3'], dst: ['s1', 'h2'] },
      ['send from h2', '-i h2 s3'],
    ],
    [
      'excluded common newer than every selected snapshot: up to date',
      { src: ['s1', 'h2'], dst: ['s1', 'h2'] },
      ['up-to-date h2'],
    ],
    [
      'noStream incremental',
      { src: ['s1', 's2', 's3', 's4'], dst: ['s1'], noStream: true },
      ['send from s1', '-i s1 s4'],
    ],
    [
      'noStream skips excluded newest',
      { src: ['s1', 's2', 's3', 'h4'], dst: ['s1'], noStream: true },
      ['send from s1', '-i s1 s3'],
    ],
    ['noStream up to date', { src: ['s1', 's2'], dst: ['s2'], noStream: true }, ['up-to-date s2']],
  ]);
});

describe('planDataset: bookmarks', () => {
  table([
    [
      'bookmark as base: first step -i',
      { src: ['#s1', 's2', 's3'], dst: ['s1'] },
      ['send from #s1', '-i #s1 s2', '-i s2 s3'],
    ],
    [
      'bookmark base then -I',
      { src: ['#s1', 's2', 's3', 's4'], dst: ['s1'] },
      ['send from #s1', '-i #s1 s2', '-I s2 s4'],
    ],
    [
      'bookmark base, excluded intermediate',
      { src: ['#s1', 'h1', 's2'], dst: ['s1'] },
      ['send from #s1', '-i #s1 s2'],
    ],
    [
      'bookmark base, noStream',
      { src: ['#s1', 's2', 's3'], dst: ['s1'], noStream: true },
      ['send from #s1', '-i #s1 s3'],
    ],
    [
      'snapshot preferred over its bookmark',
      { src: ['s1', '#s1', 's2', 's3'], dst: ['s1'] },
      ['send from s1', '-I s1 s3'],
    ],
    [
      'newer bookmark beats older common snapshot',
      { src: ['s1', '#s2', 's3'], dst: ['s1', 's2'] },
      ['send from #s2', '-i #s2 s3'],
    ],
    ['bookmark base, up to date', { src: ['s1', '#s2'], dst: ['s1', 's2'] }, ['up-to-date #s2']],
    [
      'useBookmarks=false ignores bookmarks',
      { src: ['#s1', 's2'], dst: ['s1'], useBookmarks: false },
      ['conflict no-common: s1'],
    ],
    [
      'useBookmarks=false falls back to an older common snapshot',
      { src: ['s1', '#s2', 's3'], dst: ['s1', 's2'], useBookmarks: false },
      ['conflict dst-has-newer s1: s2'],
    ],
    [
      'bookmark with same name, other guid is not common',
      { src: ['#s1:7', 's2'], dst: ['s1'] },
      ['conflict no-common: s1'],
    ],
  ]);
});

describe('planDataset: bookmark and snapshot sharing a guid, any input order', () => {
  it('prefers the snapshot', () => {
    const input = inputOf({ src: ['s1', '#s1', 's2', 's3'], dst: ['s1'] });
    for (const src of [
      input.src,
      [...input.src].reverse(),
      [input.src[2], input.src[1], input.src[3], input.src[0]],
    ]) {
      expect(render(planDataset({ ...input, src: src as SnapshotRef[] }))).toEqual([
        'send from s1',
        '-I s1 s3',
      ]);
    }
  });
});

describe('planDataset: common is decided by GUID only', () => {
  table([
    [
      'same names, different guids: nothing in common',
      { src: ['s1', 's2'], dst: ['s1:111', 's2:222'] },
      ['conflict no-common: s1 s2'],
    ],
    [
      'same names, different guids, --force: destroy and full send',
      { src: ['s1', 's2'], dst: ['s1:111', 's2:222'], force: { destroyAllIfNoCommon: true } },
      ['send full', 'pre: destroy s1 s2', 'full s1', '-i s1 s2'],
    ],
    [
      'same name newer on dst with another guid is a newer dst snapshot',
      { src: ['a', 'b', 'c'], dst: ['a', 'b:999'] },
      ['conflict dst-has-newer a: b'],
    ],
    [
      'different names, same guid: common',
      { src: ['s1', 'renamed:' + guidOf('x'), 's3'], dst: ['x'] },
      ['send from renamed', '-i renamed s3'],
    ],
    [
      'guids beyond 2^53 that differ only in the last digits are not equal',
      { src: ['s1:18446744073709551615', 's2'], dst: ['s1:18446744073709551614'] },
      ['conflict no-common: s1'],
    ],
    [
      'guids beyond 2^53 that are equal are common',
      { src: ['s1:18446744073709551615', 's2'], dst: ['s1:18446744073709551615'] },
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

describe('planDataset: input order does not matter', () => {
  it('gives the same plan for shuffled listings', () => {
    const sc: Scenario = { src: ['s1', '#s1', 's2', 'h1', '#b3', 's3', 's4'], dst: ['s1', 's2'] };
    const base = plan(sc);
    const input = inputOf(sc);
    const shuffled: PlanInput = {
      ...input,
      src: [...input.src].reverse(),
      dst: [...(input.dst ?? [])].reverse(),
    };
    expect(planDataset(shuffled)).toEqual(base);
    expect(render(base)).toEqual(['send from s2', '-i s2 s3', '-i s3 s4']);
  });
});

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
