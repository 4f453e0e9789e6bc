import { describe, it, expect } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { ACTIONS } from '../expand/actions.js';
import { expand } from '../expand/expand.js';
import { defineSpec } from './define.js';
import { readSpec } from './load.js';
import { checkRequest } from './request-checks.js';
import { validateSpec } from './validate.js';

const example = fileURLToPath(new URL('../../../../examples/jobs.yaml', import.meta.url));

describe('examples/jobs.yaml', () => {
  it('is valid for every action and expands to a run per source and destination', async () => {
    const { spec } = await readSpec(example);
    expect(checkRequest(spec, { actions: ACTIONS })).toEqual([]);
    const e = expand({
      spec,
      actions: ['replicate'],
      filters: {},
      local: { names: new Set(), user: 'root', loopbackAddress: '127.0.0.1' },
    });
    expect(e.invocations).toHaveLength(spec.srcHosts.length * Object.keys(spec.dstHosts).length);
  });
});

describe('defineSpec', () => {
  it('returns its argument, which validates like YAML', () => {
    const spec = defineSpec({
      jobId: 'ts',
      rootDatasetPairs: [{ src: 'tank/a', dst: 'a' }],
      srcHosts: ['s1'],
      dstHosts: { d1: { root: '', targets: ['onsite'] } },
      workers: 2,
    });
    expect(validateSpec(spec)).toEqual({ ok: true, spec });
  });
});
