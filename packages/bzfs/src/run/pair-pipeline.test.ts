import { describe, expect, it } from '@jest/globals';
import { TASK_ORDER } from './pair-task.js';
import { enabledTasks } from './pair-pipeline.js';
import { testConfig } from '../../test/support/test-config.js';

describe('the task pipeline of a pair', () => {
  it('runs the registered tasks in the original order', () => {
    const names = enabledTasks(testConfig()).map((t) => t.name);
    expect(names).toEqual(['replicate']);
    const order = names.map((n) => TASK_ORDER.indexOf(n));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('orders the deletions as the original: datasets, then snapshots, then the datasets left empty', () => {
    const retention = {
      kind: 'snapshot',
      except: false,
      crosscheck: true,
      forceDeleteLatestCommonSnapshot: false,
    } as const;
    const cfg = testConfig({ retention, deleteDatasets: { missingOnSource: true, empty: 'snapshots' } });
    expect(enabledTasks(cfg).map((t) => t.name)).toEqual([
      'replicate',
      'delete-dst-datasets',
      'delete-dst-snapshots',
      'delete-empty-dst-datasets',
    ]);
  });

  it('skips a task whose options are off', () => {
    expect(enabledTasks(testConfig({ replication: { skip: true } }))).toEqual([]);
  });
});
