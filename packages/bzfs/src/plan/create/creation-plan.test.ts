import { describe, expect, it } from '@jest/globals';
import { periodAnchors } from '../../model/anchors.js';
import { UsageError } from '../../model/errors.js';
import { parseTimeZone } from '../../model/time-zone.js';
import {
  needsSnapshotListing,
  planSnapshotCreation,
  type CreationInput,
  type DatasetSnapshots,
} from './creation-plan.js';
import type { ListedSnapshot } from './due.js';
import { creationLabels } from './label.js';
import { parseSnapshotPlan } from './snapshot-plan.js';
import { DEFAULT_TIME_FORMAT, parseTimeFormat } from './time-format.js';

const labels = (plan: string) => creationLabels(parseSnapshotPlan(plan, '--create-src-snapshots-plan'));
const TREE = ['pool/src', 'pool/src/a', 'pool/src/a/x', 'pool/src/b'];
const NOW = Date.parse('2025-01-01T10:30:00Z');

let txg = 100;
const snap = (name: string): ListedSnapshot => {
  const m = /_(\d{4}-\d\d-\d\d)_(\d\d:\d\d:\d\d)_/.exec(name)!;
  return { name, createtxg: BigInt(txg++), creation: Date.parse(`${m[1]}T${m[2]}Z`) / 1000 };
};
const fresh = ['prod_onsite_2025-01-01_10:00:00_hourly', 'prod_onsite_2025-01-01_00:00:00_daily'];

function input(datasets: DatasetSnapshots[], over: Partial<CreationInput> = {}): CreationInput {
  return {
    labels: labels("{'prod': {'onsite': {'hourly': 24, 'daily': 7}}}"),
    datasets,
    allDatasets: TREE,
    recursive: true,
    nowMs: NOW,
    zone: parseTimeZone('UTC'),
    anchors: periodAnchors(),
    timeFormat: parseTimeFormat(DEFAULT_TIME_FORMAT),
    evenIfNotDue: false,
    ...over,
  };
}
const ds = (dataset: string, names: string[] = []): DatasetSnapshots => ({
  dataset,
  snapshots: names.map(snap),
});
/** Per label: [name, due datasets, -r?, command datasets]. */
const summary = (plan: ReturnType<typeof planSnapshotCreation>) =>
  plan.labels.map((l) => [l.snapshotName, l.due, l.command.recursive, l.command.datasets]);

describe('planSnapshotCreation', () => {
  it('snapshots a whole tree with one zfs snapshot -r per label when every dataset is due', () => {
    const plan = planSnapshotCreation(input(TREE.map((d) => ds(d))));
    expect(plan.timestamp).toBe('2025-01-01_10:30:00');
    expect(summary(plan)).toEqual([
      ['prod_onsite_2025-01-01_10:30:00_daily', TREE, true, ['pool/src']],
      ['prod_onsite_2025-01-01_10:30:00_hourly', TREE, true, ['pool/src']],
    ]);
  });

  it('lists the due datasets when some are not due, and -r for whole due subtrees', () => {
    const plan = planSnapshotCreation(
      input([
        ds('pool/src/b', ['prod_onsite_2025-01-01_09:00:00_hourly']),
        ds('pool/src', fresh),
        ds('pool/src/a', ['prod_onsite_2024-12-31_00:00:00_daily']),
        ds('pool/src/a/x'),
      ]),
    );
    expect(summary(plan)).toEqual([
      [
        'prod_onsite_2025-01-01_10:30:00_daily',
        ['pool/src/a', 'pool/src/a/x', 'pool/src/b'],
        true,
        ['pool/src/a', 'pool/src/b'],
      ],
      [
        'prod_onsite_2025-01-01_10:30:00_hourly',
        ['pool/src/a', 'pool/src/a/x', 'pool/src/b'],
        true,
        ['pool/src/a', 'pool/src/b'],
      ],
    ]);
    const hourly = plan.labels[1]!;
    expect(hourly.decisions.map((d) => [d.dataset, d.decision.rule])).toEqual([
      ['pool/src', 'not-yet-due'],
      ['pool/src/a', 'no-snapshot-yet'],
      ['pool/src/a/x', 'no-snapshot-yet'],
      ['pool/src/b', 'scheduled-time-passed'],
    ]);
  });

  it('does not use -r when a due root has a descendant that is not due', () => {
    const plan = planSnapshotCreation(
      input([ds('pool/src'), ds('pool/src/a', fresh), ds('pool/src/a/x'), ds('pool/src/b')]),
    );
    expect(summary(plan)[0]).toEqual([
      'prod_onsite_2025-01-01_10:30:00_daily',
      ['pool/src', 'pool/src/a/x', 'pool/src/b'],
      false,
      ['pool/src', 'pool/src/a/x', 'pool/src/b'],
    ]);
  });

  it('does not use -r under a dataset the dataset filters left out', () => {
    const selected = [ds('pool/src'), ds('pool/src/a'), ds('pool/src/a/x')]; // pool/src/b excluded
    expect(summary(planSnapshotCreation(input(selected)))[0]![2]).toBe(false);
    const subtree = [ds('pool/src/a'), ds('pool/src/a/x')];
    expect(summary(planSnapshotCreation(input(subtree)))[0]!.slice(2)).toEqual([true, ['pool/src/a']]);
  });

  it('uses -r only with --recursive', () => {
    const plan = planSnapshotCreation(
      input(
        TREE.map((d) => ds(d)),
        { recursive: false },
      ),
    );
    expect(plan.labels[0]!.command).toEqual({ recursive: false, datasets: TREE });
  });

  it('makes nothing when nothing is due, and everything with --create-src-snapshots-even-if-not-due', () => {
    const all = TREE.map((d) => ds(d, fresh));
    expect(summary(planSnapshotCreation(input(all))).map((l) => l[1])).toEqual([[], []]);
    expect(planSnapshotCreation(input(all)).labels[0]!.command).toEqual({ recursive: false, datasets: [] });
    const forced = planSnapshotCreation(input(all, { evenIfNotDue: true }));
    expect(summary(forced).map((l) => l.slice(1))).toEqual([
      [TREE, true, ['pool/src']],
      [TREE, true, ['pool/src']],
    ]);
  });

  it('names with the clock in the zone through the time format, the same name on every dataset', () => {
    const plan = planSnapshotCreation(
      input([ds('pool/src/a')], {
        labels: labels("{'test': {'': {'adhoc': 1}}}"),
        zone: parseTimeZone('Asia/Tokyo'),
        timeFormat: parseTimeFormat('%Y%m%d_%H%M%S%z'),
      }),
    );
    expect(plan.labels.map((l) => l.snapshotName)).toEqual(['test_20250101_193000z0900_adhoc']);
  });

  it('refuses a snapshot name longer than zfs allows', () => {
    const long = `pool/${'d'.repeat(230)}`;
    expect(() => planSnapshotCreation(input([ds(long)], { allDatasets: [long] }))).toThrow(UsageError);
    expect(() => planSnapshotCreation(input([ds(long)], { allDatasets: [long] }))).toThrow(
      /would be 273 characters long, more than the ZFS limit of 255/,
    );
  });
});

describe('needsSnapshotListing', () => {
  it('is needed only for periodic labels that are not forced', () => {
    expect(needsSnapshotListing(labels("{'p': {'t': {'hourly': 1, 'adhoc': 1}}}"), false)).toBe(true);
    expect(needsSnapshotListing(labels("{'p': {'t': {'hourly': 1}}}"), true)).toBe(false);
    expect(needsSnapshotListing(labels("{'p': {'t': {'adhoc': 1, 'manual': 1}}}"), false)).toBe(false);
    expect(needsSnapshotListing([], false)).toBe(false);
  });
});
