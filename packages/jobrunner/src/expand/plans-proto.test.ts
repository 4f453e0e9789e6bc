import { describe, it, expect } from '@jest/globals';
import { loadYaml } from '../spec/load.js';
import type { MonitorPlan, SnapshotPlan } from '../spec/types.js';
import { expandMonitorPlan, planTargets, restrictPlan } from './plans.js';

/** Names that are properties of every plain object: a plan keyed by them must still work. */
const ORGS = ['__proto__', 'constructor', 'toString'];

function yamlPlan<T>(text: string): T {
  return loadYaml('s.yaml', text).value as T;
}

describe('plans keyed by names of Object.prototype', () => {
  const plan = yamlPlan<SnapshotPlan>(
    ORGS.map((o) => `${o}: { onsite: { daily: 7 }, constructor: { hourly: 2 } }`).join('\n') + '\n',
  );

  it('keeps every org in a restricted plan', () => {
    const out = restrictPlan(plan, ['onsite', 'constructor'], { dropZeroCounts: true });
    expect(Object.keys(out).sort()).toEqual([...ORGS].sort());
    expect(JSON.parse(JSON.stringify(out))).toEqual(
      Object.fromEntries(ORGS.map((o) => [o, { onsite: { daily: 7 }, constructor: { hourly: 2 } }])),
    );
  });

  it('lists the targets', () => {
    expect(planTargets(plan).sort()).toEqual(['constructor', 'onsite']);
  });

  it('keeps every org in an expanded monitor plan, taking counts from the snapshot plan only', () => {
    const monitor = yamlPlan<MonitorPlan>(
      ORGS.map((o) => `${o}: { onsite: { daily: { warning: 1 hours } } }`).join('\n') + '\n',
    );
    const out = expandMonitorPlan(monitor, undefined, 'src');
    expect(Object.keys(out).sort()).toEqual([...ORGS].sort());
    expect(JSON.parse(JSON.stringify(out))['constructor']).toEqual({
      onsite: { daily: { latest: { warning: '1 hours' }, oldest: { warning: '1 hours', cycles: 1 } } },
    });
  });
});
