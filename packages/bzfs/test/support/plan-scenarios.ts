/** Test support: replication-plan scenarios in the test DSL, a compact rendering of plans, and a table runner. */
import { expect, it } from '@jest/globals';
import { fullName } from '../../src/model/snapshot.js';
import { planDataset } from '../../src/plan/replication-plan.js';
import { dstSnaps, exceptPrefix, guidOf, renderSteps, short, snaps } from './test-dsl.js';
import type { DestinationContents } from '../../src/plan/destination-contents.js';
import type { DatasetPlan, ForceOptions, PlanInput, PreAction, ResumeState } from '../../src/plan/types.js';

const NO_FORCE: ForceOptions = {
  rollbackToLatestSnapshot: false,
  rollbackToLatestCommon: false,
  destroyAllIfNoCommon: false,
};

export interface Scenario {
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

export const EMPTY_FS: DestinationContents = {
  type: 'filesystem',
  logicalReferenced: 43_008,
  partialReceive: false,
};
export const FILES: DestinationContents = { ...EMPTY_FS, logicalReferenced: 5 << 20 };

export function inputOf(sc: Scenario): PlanInput {
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
export function render(p: DatasetPlan): string[] {
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

export const plan = (sc: Scenario): DatasetPlan => planDataset(inputOf(sc));
export const run = (sc: Scenario): string[] => render(plan(sc));

/** A decoded token: `to`/`from` are source snapshot names whose GUIDs the DSL derives from the name. */
export function token(
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

export type Case = readonly [string, Scenario, readonly string[]];
export const table = (cases: readonly Case[]): void => {
  it.each(cases.map((c) => [...c]))('%s', (_name, sc, expected) => {
    expect(run(sc as Scenario)).toEqual(expected);
  });
};
