/**
 * The virtual dataset `dummy` (as in the original): an empty source (for pure pruning) or a
 * destination that receives nothing (for create-only runs: `bzfs SRC dummy --skip-replication
 * --create-src-snapshots`). It is never listed; replicating to it is refused.
 */
const DUMMY_DATASET = 'dummy';

export const isDummy = (dataset: string): boolean => dataset === DUMMY_DATASET;
