import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planStepRuns } from './step-runs.js';
import type { PreAction, SendStep } from './types.js';
import { dstSnaps, snaps } from '../../test/support/test-dsl.js';

const [s1, s2, s3] = snaps('s1', 's2', 's3') as [SendStep['to'], SendStep['to'], SendStep['to']];
const STEPS: SendStep[] = [
  { kind: 'full', to: s1 },
  { kind: 'incremental', flag: '-i', from: s1, to: s2 },
  { kind: 'incremental', flag: '-i', from: s2, to: s3 },
];
const ROLLBACK: PreAction = { kind: 'rollback', to: dstSnaps('s1')[0]!, destroyNewer: true };
const OVERWRITE: PreAction = { kind: 'overwrite-contents', contents: undefined };
const base = { resumeRecv: true, parentOnlySimulated: false };

describe('planStepRuns', () => {
  it('a real run: every step runs, with a resumable receive', () => {
    expect(planStepRuns(STEPS, [ROLLBACK], { ...base, dryrun: undefined })).toEqual({
      receive: { resumable: true, dryRun: false },
      announceOnly: [false, false, false],
    });
    expect(planStepRuns(STEPS, [], { ...base, resumeRecv: false, dryrun: undefined }).receive.resumable).toBe(
      false,
    );
  });

  it('--dryrun=send: no resumable receive, no -n (the runner announces every step)', () => {
    expect(planStepRuns(STEPS, [], { ...base, dryrun: 'send' })).toEqual({
      receive: { resumable: false, dryRun: false },
      announceOnly: [false, false, false],
    });
  });

  it('--dryrun=recv: receive -n, only the first step runs', () => {
    expect(planStepRuns(STEPS, [], { ...base, dryrun: 'recv' })).toEqual({
      receive: { resumable: false, dryRun: true },
      announceOnly: [false, true, true],
    });
  });

  it('--dryrun=recv: an announced pre-action or parent leaves no step to run; overwriting needs no command', () => {
    expect(planStepRuns(STEPS, [ROLLBACK], { ...base, dryrun: 'recv' }).announceOnly).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      planStepRuns(STEPS, [], { ...base, dryrun: 'recv', parentOnlySimulated: true }).announceOnly,
    ).toEqual([true, true, true]);
    expect(planStepRuns(STEPS, [OVERWRITE], { ...base, dryrun: 'recv' }).announceOnly).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('property: at most one step runs under --dryrun=recv, all outside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.boolean(), (n, rollback, parent) => {
        const steps = STEPS.slice(0, n);
        const o = { resumeRecv: true, parentOnlySimulated: parent };
        const pre = rollback ? [ROLLBACK] : [];
        const recv = planStepRuns(steps, pre, { ...o, dryrun: 'recv' }).announceOnly;
        expect(recv.filter((x) => !x).length).toBeLessThanOrEqual(1);
        expect(planStepRuns(steps, pre, { ...o, dryrun: undefined }).announceOnly.every((x) => !x)).toBe(
          true,
        );
      }),
    );
  });
});
