import { describe, it, expect } from '@jest/globals';
import { toArgv } from '@bzfs-ts/bzfs';
import { parseCommandLine } from '../cli/args.js';
import { loadYaml } from '../spec/load.js';
import { validateSpec } from '../spec/validate.js';
import type { JobSpec } from '../spec/types.js';
import { ACTIONS, type Action } from './actions.js';
import { expand } from './expand.js';
import type { ExpandInput } from './types.js';

const REMOTE_ONLY = { names: new Set<string>(), user: 'me', loopbackAddress: '127.0.0.1' };
const SPEC: JobSpec = {
  jobId: 'j',
  rootDatasetPairs: [{ src: 'tank/a', dst: 'a' }],
  srcHosts: ['s1'],
  dstHosts: { d1: { root: 'bak', targets: ['onsite'] } },
  srcSnapshotPlan: { p: { onsite: { hourly: 1 } } },
  srcBookmarkPlan: { p: { onsite: { hourly: 1 } } },
  dstSnapshotPlan: { p: { onsite: { hourly: 1 } } },
  monitorSnapshotPlan: { p: { onsite: { hourly: { critical: '2 hours' } } } },
};

/** The --daemon-frequency (or none) of each action's run, from the argv bzfs receives. */
function frequencies(spec: JobSpec, over: Partial<ExpandInput> = {}): Record<string, string | undefined> {
  const e = expand({ spec, actions: ACTIONS, filters: {}, local: REMOTE_ONLY, ...over });
  const out: Record<string, string | undefined> = {};
  for (const inv of e.invocations) {
    const flag = toArgv(inv.options).find((a) => a.startsWith('--daemon-frequency='));
    out[inv.action] = flag?.slice('--daemon-frequency='.length);
  }
  return out;
}

const ALL = (f: (a: Action) => string | undefined) => Object.fromEntries(ACTIONS.map((a) => [a, f(a)]));

describe('daemon frequencies: passed to each action as --daemon-frequency, as the original does', () => {
  it('none given: no run gets one (bzfs defaults to minutely, as the original passes)', () => {
    expect(frequencies(SPEC)).toEqual(ALL(() => undefined));
  });

  it("the spec's daemonFrequencies, per action; creation follows its plan and gets none", () => {
    const spec = {
      ...SPEC,
      daemonFrequencies: {
        replication: '10secondly',
        pruneSrc: 'minutely',
        pruneDst: '5minutely',
        monitorSnapshots: 'hourly',
      },
    };
    expect(frequencies(spec)).toEqual({
      'create-src-snapshots': undefined,
      replicate: '10secondly',
      'prune-src-snapshots': 'minutely',
      'prune-src-bookmarks': 'minutely',
      'prune-dst-snapshots': '5minutely',
      'monitor-src-snapshots': 'hourly',
      'monitor-dst-snapshots': 'hourly',
    });
  });

  it('the command line overrides the spec, key by key', () => {
    const spec = { ...SPEC, daemonFrequencies: { replication: 'minutely', pruneDst: 'hourly' } };
    const r = parseCommandLine(['--spec', 's.yaml', '--daemon-replication-frequency=10secondly']);
    if (r.kind !== 'run') throw new Error(r.stderr);
    const f = frequencies(spec, { daemonFrequencies: r.args.daemonFrequencies! });
    expect([f['replicate'], f['prune-dst-snapshots'], f['monitor-dst-snapshots']]).toEqual([
      '10secondly',
      'hourly',
      undefined,
    ]);
  });

  it.each([
    ['--daemon-replication-frequency', 'replication'],
    ['--daemon-prune-src-frequency', 'pruneSrc'],
    ['--daemon-prune-dst-frequency', 'pruneDst'],
    ['--daemon-monitor-snapshots-frequency', 'monitorSnapshots'],
  ])('%s sets %s; a value that is no period is a usage error', (option, key) => {
    const ok = parseCommandLine(['--spec', 's.yaml', `${option}=100millisecondly`]);
    expect(ok.kind === 'run' && ok.args.daemonFrequencies).toEqual({ [key]: '100millisecondly' });
    const bad = parseCommandLine(['--spec', 's.yaml', option, 'often']);
    expect(bad).toMatchObject({ kind: 'exit', code: 2 });
    expect(bad.kind === 'exit' && bad.stderr).toMatch(new RegExp(`${option} "often": expected a period`));
  });

  it('--daemon-lifetime passes through to every run; --daemon-frequency is the jobrunner’s and refused', () => {
    const life = parseCommandLine(['--spec', 's.yaml', '--daemon-lifetime=86400 seconds']);
    expect(life.kind === 'run' && life.args.passthrough).toEqual(['--daemon-lifetime=86400 seconds']);
    const freq = parseCommandLine(['--spec', 's.yaml', '--daemon-frequency=secondly']);
    expect(freq.kind === 'exit' && freq.stderr).toMatch(
      /--daemon-frequency is set by the jobrunner for each run/,
    );
  });

  it('the spec schema checks each frequency as a period and knows no other key', () => {
    const problems = (daemon: string) => {
      const text =
        'jobId: j\nrootDatasetPairs: [{ src: tank/a, dst: a }]\nsrcHosts: [s1]\n' +
        `dstHosts: { d1: { root: bak, targets: [] } }\ndaemonFrequencies: ${daemon}\n`;
      const r = validateSpec(loadYaml('s.yaml', text).value);
      return r.ok ? [] : r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    };
    expect(problems('{ replication: 10secondly, monitorSnapshots: hourly }')).toEqual([]);
    expect(problems('{ replication: often }').join('\n')).toMatch(/daemonFrequencies\.replication/);
    expect(problems('{ create: minutely }').join('\n')).toMatch(/create/);
  });
});
