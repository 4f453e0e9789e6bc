import { describe, it, expect } from '@jest/globals';
import { validateDatasetName, validateHost, validateUser } from '@bzfs-ts/bzfs';
import type { JobSpec } from './types.js';
import { validateSpec } from './validate.js';

const base = (): JobSpec => ({
  jobId: 'j',
  rootDatasetPairs: [{ src: 'tank/a', dst: 'a' }],
  srcHosts: ['s1'],
  dstHosts: { d1: { root: 'bak', targets: [] } },
});

function problems(spec: JobSpec): string[] {
  const r = validateSpec(spec);
  return r.ok ? [] : r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
}

const accepts = (check: (s: string) => unknown, value: string): boolean => {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
};

const TRICKY = [
  'nas:1',
  'hôte',
  'fe80::1%eth0',
  '1pool/a',
  '-x',
  'a..b',
  'h\u202e',
  'h\u0000',
  'h1:22',
  '.a',
  'nas',
];

describe('the spec validator accepts exactly the names bzfs accepts', () => {
  it.each(TRICKY)('source host %j', (name) => {
    expect(problems({ ...base(), srcHosts: [name] }).length === 0).toBe(accepts(validateHost, name));
  });

  it.each(TRICKY)('destination host %j', (name) => {
    const spec = { ...base(), dstHosts: { [name]: { root: 'bak', targets: [] } } };
    expect(problems(spec).length === 0).toBe(accepts(validateHost, name));
  });

  it.each(TRICKY)('ssh user %j', (name) => {
    const spec = { ...base(), ssh: { src: { user: name }, dst: { user: name } } };
    expect(problems(spec).length === 0).toBe(accepts(validateUser, name));
  });

  it.each(TRICKY)('source dataset %j', (name) => {
    const spec = { ...base(), rootDatasetPairs: [{ src: name, dst: 'a' }] };
    expect(problems(spec).length === 0).toBe(accepts(validateDatasetName, name));
  });

  it('checks destination roots for every source host, not just the first', () => {
    const spec = {
      ...base(),
      srcHosts: ['s1', '9host'],
      dstHosts: { d1: { root: '^SRC_HOST', targets: [] } },
    };
    expect(problems(spec).join('\n')).toMatch(/dstHosts.d1.root: .*9host/);
  });

  it('refuses an ssh config file bzfs would refuse', () => {
    const spec = { ...base(), ssh: { dst: { configFile: '/etc/ssh/my_config' } } };
    expect(problems(spec).join('\n')).toMatch(/bzfs_ssh_config/);
    expect(problems({ ...base(), ssh: { dst: { configFile: '/etc/ssh/bzfs_ssh_config' } } })).toEqual([]);
  });

  it('refuses recursive pairs whose destinations nest, naming both', () => {
    const spec = {
      ...base(),
      recursive: true,
      rootDatasetPairs: [
        { src: 'tank/a', dst: 'd' },
        { src: 'tank/b', dst: 'd/sub' },
      ],
    };
    expect(problems(spec).join('\n')).toMatch(
      /rootDatasetPairs.1.dst: .*'d\/sub' lies inside 'd', the destination of rootDatasetPairs\[0\]/,
    );
    expect(problems({ ...spec, recursive: false })).toEqual([]);
  });
});
