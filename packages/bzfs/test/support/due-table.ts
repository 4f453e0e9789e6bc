// Due-ness tables: one label with one snapshot created at a UTC time, the clock at another; the
// expected verdict and the scheduled time as the log prints it.
import { expect, it } from '@jest/globals';
import { periodAnchors, type AnchorKey } from '../../src/model/anchors.js';
import { parsePeriod } from '../../src/model/period.js';
import { parseTimeZone, showZonedWallTime } from '../../src/model/time-zone.js';
import { decideDue, type ListedSnapshot } from '../../src/plan/create/due.js';
import type { SnapshotLabel } from '../../src/plan/create/label.js';

export const label = (periodName: string, target = 'onsite'): SnapshotLabel => ({
  org: 'prod',
  target,
  periodName,
  period: parsePeriod(periodName),
});
export const utcMs = (iso: string) => Date.parse(`${iso}Z`);
export const snap = (name: string, createdUtc: string, txg: number): ListedSnapshot => ({
  name,
  createtxg: BigInt(txg),
  creation: utcMs(createdUtc) / 1000,
});

export type DueRow = [
  period: string,
  anchors: Partial<Record<AnchorKey, number>>,
  zone: string,
  latestUtc: string,
  nowUtc: string,
  due: boolean,
  scheduled: string,
];

/** One label with one existing snapshot created at `latestUtc`; the clock at `nowUtc`. */
export function checkDue(rows: DueRow[]) {
  it.each(rows)(
    '%s %j in %j, latest %s, now %s: due %s',
    (period, anchors, zone, latest, now, due, scheduled) => {
      const z = parseTimeZone(zone);
      const l = label(period);
      const d = decideDue(l, [snap(`prod_onsite_x_${period}`, latest, 1)], {
        nowMs: utcMs(now),
        zone: z,
        anchors: periodAnchors(anchors),
        evenIfNotDue: false,
      });
      expect(d.due).toBe(due);
      expect(d.rule).toBe(due ? 'scheduled-time-passed' : 'not-yet-due');
      expect(showZonedWallTime(d.scheduled!, z)).toBe(scheduled);
    },
  );
}
