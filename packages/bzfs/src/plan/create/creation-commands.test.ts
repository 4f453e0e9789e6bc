import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { periodAnchors } from '../../model/anchors.js';
import { parseTimeZone } from '../../model/time-zone.js';
import { planSnapshotCreation, type CreationInput } from './creation-plan.js';
import { describeCreation, snapshotCommands } from './creation-commands.js';
import { creationLabels } from './label.js';
import { parseSnapshotPlan } from './snapshot-plan.js';
import { DEFAULT_TIME_FORMAT, parseTimeFormat } from './time-format.js';

const NOW = Date.parse('2025-01-01T10:30:00Z');
const UTC = parseTimeZone('UTC');
const ctx = { nowMs: NOW, zone: UTC, anchors: periodAnchors() };
const labels = (plan: string) => creationLabels(parseSnapshotPlan(plan, '--create-src-snapshots-plan'));

function plan(datasets: readonly string[], o: Partial<CreationInput> = {}) {
  return planSnapshotCreation({
    ...ctx,
    labels: labels("{'p': {'': {'hourly': 1, 'adhoc': 1}}}"),
    datasets: datasets.map((dataset) => ({ dataset, snapshots: [] })),
    allDatasets: datasets,
    recursive: false,
    timeFormat: parseTimeFormat(DEFAULT_TIME_FORMAT),
    evenIfNotDue: false,
    ...o,
  });
}
const unlimited = { maxBytes: 1 << 20, separator: ' ' };

describe('snapshotCommands: each label on as few command lines as the limit allows', () => {
  it('one line per label when everything fits, longest period first', () => {
    const cmds = snapshotCommands(plan(['pool/a', 'pool/b']), unlimited);
    expect(cmds).toEqual([
      { name: 'p_2025-01-01_10:30:00_hourly', recursive: false, datasets: ['pool/a', 'pool/b'] },
      { name: 'p_2025-01-01_10:30:00_adhoc', recursive: false, datasets: ['pool/a', 'pool/b'] },
    ]);
  });

  it('at the limit: `pool/a@p_2025-01-01_10:30:00_hourly` is 35 bytes, 36 with its space', () => {
    const p = plan(['pool/a', 'pool/b', 'pool/c']);
    const hourly = (maxBytes: number) =>
      snapshotCommands(p, { maxBytes, separator: ' ' })
        .filter((c) => c.name.endsWith('hourly'))
        .map((c) => c.datasets);
    expect(hourly(108)).toEqual([['pool/a', 'pool/b', 'pool/c']]);
    expect(hourly(107)).toEqual([['pool/a', 'pool/b'], ['pool/c']]);
    expect(hourly(36)).toEqual([['pool/a'], ['pool/b'], ['pool/c']]);
    expect(() => hourly(35)).toThrow(/Cannot fit/);
  });

  it('property: the lines of a label hold every due dataset once, in order, each line within the limit', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 60, max: 400 }),
        (names, maxBytes) => {
          const datasets = names.map((n) => `pool/${n}`).sort();
          for (const c of snapshotCommands(plan(datasets), { maxBytes, separator: ' ' })) {
            expect(c.datasets.reduce((sum, ds) => sum + 1 + `${ds}@${c.name}`.length, 0)).toBeLessThanOrEqual(
              maxBytes,
            );
          }
          const hourly = snapshotCommands(plan(datasets), { maxBytes, separator: ' ' }).filter((c) =>
            c.name.endsWith('hourly'),
          );
          expect(hourly.flatMap((c) => c.datasets)).toEqual(datasets);
        },
      ),
    );
  });
});

describe('describeCreation: the decisions with the next scheduled time', () => {
  it('due now: the next slot after now; not due: when it becomes due; adhoc: none', () => {
    const p = planSnapshotCreation({
      ...ctx,
      labels: labels("{'p': {'': {'hourly': 1, 'adhoc': 1}}}"),
      datasets: [
        { dataset: 'pool/a', snapshots: [] },
        {
          dataset: 'pool/b',
          snapshots: [{ name: 'p_2025-01-01_10:05:00_hourly', createtxg: 5n, creation: NOW / 1000 - 1500 }],
        },
      ],
      allDatasets: ['pool/a', 'pool/b'],
      recursive: false,
      timeFormat: parseTimeFormat(DEFAULT_TIME_FORMAT),
      evenIfNotDue: false,
    });
    const [hourly, adhoc] = describeCreation(p, ctx);
    expect(hourly).toEqual({
      label: 'p_hourly',
      snapshotName: 'p_2025-01-01_10:30:00_hourly',
      recursive: false,
      snapshotDatasets: ['pool/a'],
      decisions: [
        {
          dataset: 'pool/a',
          due: true,
          rule: 'no-snapshot-yet',
          latest: null,
          nextScheduled: '2025-01-01 11:00:00+00:00',
        },
        {
          dataset: 'pool/b',
          due: false,
          rule: 'not-yet-due',
          latest: 'p_2025-01-01_10:05:00_hourly',
          nextScheduled: '2025-01-01 11:00:00+00:00',
        },
      ],
    });
    expect(adhoc?.decisions.map((d) => [d.rule, d.nextScheduled])).toEqual([
      ['not-periodic', null],
      ['not-periodic', null],
    ]);
  });
});
