/**
 * Every contract scenario, run by both tiers: against the fake ZFS (src/zfs/contract.test.ts) and
 * against real ZFS (test/integration/contract.itest.ts). A new zfs command in src/zfs/commands.ts
 * needs a scenario here (the unit tier checks that each builder is run by one).
 */
import { DELETE_SCENARIOS } from './scenarios-delete.js';
import { QUERY_SCENARIOS } from './scenarios-queries.js';
import { RESUME_SCENARIOS } from './scenarios-resume.js';
import { SEND_SCENARIOS } from './scenarios-send.js';
import type { Scenario } from './types.js';

export const SCENARIOS: readonly Scenario[] = [
  ...QUERY_SCENARIOS,
  ...SEND_SCENARIOS,
  ...RESUME_SCENARIOS,
  ...DELETE_SCENARIOS,
];
