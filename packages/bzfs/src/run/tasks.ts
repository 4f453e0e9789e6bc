import type { RegisteredTask } from './pair-task.js';
import { compareTask } from './compare-task.js';
import { createSnapshotsTask } from './create-snapshots-task.js';
import { monitorTask } from './monitor-task.js';
import { deleteDstDatasetsTask } from './delete-dst-datasets-task.js';
import { deleteEmptyDstDatasetsTask } from './delete-empty-dst-datasets-task.js';
import { replicationTask } from './replication-task.js';
import { retentionTask } from './retention-task.js';

/**
 * Every task bzfs knows; the pipeline (pair-pipeline.ts) runs the enabled ones in TASK_ORDER.
 * A new task is a module with a pure planner and an executor, registered here.
 */
export const TASKS: readonly RegisteredTask[] = [
  createSnapshotsTask,
  replicationTask,
  deleteDstDatasetsTask,
  retentionTask,
  deleteEmptyDstDatasetsTask,
  compareTask,
  monitorTask,
];
