import { describe, expect, it } from '@jest/globals';
import { planDstAncestors } from './dst-ancestors.js';

const existing = (...ds: string[]) => {
  const set = new Set(ds);
  return (d: string) => set.has(d);
};

describe('planDstAncestors', () => {
  it.each<[string, string[], string[], ReturnType<typeof planDstAncestors>]>([
    ['parent exists: nothing', ['pool/dst'], ['pool'], { kind: 'create', datasets: [] }],
    [
      'missing parents: top-down',
      ['pool/x/y/dst'],
      ['pool'],
      { kind: 'create', datasets: ['pool/x', 'pool/x/y'] },
    ],
    [
      'stops at the nearest existing ancestor',
      ['pool/x/y/dst'],
      ['pool', 'pool/x'],
      { kind: 'create', datasets: ['pool/x/y'] },
    ],
    [
      'each ancestor once, for several tops',
      ['pool/dst/a/b', 'pool/dst/c/d'],
      ['pool'],
      { kind: 'create', datasets: ['pool/dst', 'pool/dst/a', 'pool/dst/c'] },
    ],
    [
      'a missing pool is reported, nothing created',
      ['tank/x/dst'],
      ['pool'],
      { kind: 'pool-missing', pool: 'tank' },
    ],
    ['a pool as top has no ancestors', ['tank'], [], { kind: 'create', datasets: [] }],
  ])('%s', (_what, tops, exists, plan) => {
    expect(planDstAncestors(tops, existing(...exists))).toEqual(plan);
  });
});
