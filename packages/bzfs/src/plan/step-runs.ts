import type { PreAction, SendStep } from './types.js';

/** How every `zfs receive` of a dataset is made, and which send steps really run. */
export interface StepRunPlan {
  readonly receive: { readonly resumable: boolean; readonly dryRun: boolean };
  /** One per send step: true when the step is only announced, never run (see planStepRuns). */
  readonly announceOnly: readonly boolean[];
}

/**
 * The --dryrun rules for one dataset's send steps. Under --dryrun (send) nothing that changes
 * state runs anyway (exec/dry-run-runner.ts), and no resumable receive is asked for. Under
 * --dryrun=recv the data really travels into `zfs receive -n`, which changes nothing: so the
 * second step's base never arrives and only the first step can run; and none can when the
 * destination is unprepared (a rollback, destroy or abort only announced, or a parent that
 * exists only in this dry run), since real ZFS would refuse the receive.
 */
export function planStepRuns(
  steps: readonly SendStep[],
  preActions: readonly PreAction[],
  o: {
    readonly dryrun: 'send' | 'recv' | undefined;
    readonly resumeRecv: boolean;
    readonly parentOnlySimulated: boolean;
  },
): StepRunPlan {
  const recv = o.dryrun === 'recv';
  const unprepared = preActions.some((a) => a.kind !== 'overwrite-contents') || o.parentOnlySimulated;
  return {
    receive: { resumable: o.resumeRecv && o.dryrun === undefined, dryRun: recv },
    announceOnly: steps.map((_, i) => recv && (unprepared || i > 0)),
  };
}
