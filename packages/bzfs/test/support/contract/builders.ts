/** Which zfsCmd builders each kind of contract step runs (src/zfs/contract.test.ts checks that all are run). */
import type { zfsCmd } from '../../../src/zfs/commands.js';
import type { Op } from './types.js';

/** Every builder must be run by some scenario. */
export const BUILDERS_OF: Readonly<Record<Op['op'], readonly (keyof typeof zfsCmd)[]>> = {
  listSnapshots: ['listSnapshots'],
  listDatasets: ['listDatasets'],
  listCompareEntries: ['listCompareEntries'],
  resumeToken: ['resumeToken'],
  destinationContents: ['destinationContents'],
  decodeResumeToken: ['decodeResumeToken', 'resumeToken'],
  resumeState: ['resumeToken', 'decodeResumeToken'],
  createUnmounted: ['createUnmounted'],
  rollback: ['rollback'],
  destroySnapshots: ['destroySnapshots'],
  destroySnapshotsDryRun: ['destroySnapshotsDryRun'],
  listPruneCandidates: ['listWithHolds'],
  listSnapshotsOf: ['listWithHolds'],
  listSnapshotsAndBookmarksOf: ['listSnapshots'],
  bookmark: ['bookmark'],
  destroyBookmark: ['destroyBookmark'],
  snapshot: ['snapshot'],
  receiveAbort: ['receiveAbort'],
  listEntryNames: ['listEntryNames'],
  destroyTree: ['destroyTree'],
  destroyTreeDryRun: ['destroyTreeDryRun'],
  send: ['send', 'receive'],
  sendSizeEstimate: ['sendSizeEstimate'],
  sendResume: ['resumeToken', 'sendResume', 'receive'],
};
