import { describe, it, expect } from '@jest/globals';
import { toArgv } from '@bzfs-ts/bzfs';
import type { JobSpec } from '../spec/types.js';
import type { Action } from './actions.js';
import { expand, type ExpandInput } from './expand.js';
import type { LocalHost } from './locate.js';

const REMOTE_ONLY: LocalHost = { names: new Set(), user: 'me', loopbackAddress: '127.0.0.1' };

function spec(over: Partial<JobSpec> = {}): JobSpec {
  return {
    jobId: 'j',
    rootDatasetPairs: [{ src: 'tank/a', dst: 'a' }],
    srcHosts: ['s1'],
    dstHosts: { d1: { root: 'bak', targets: ['onsite'] } },
    ...over,
  };
}

function run(s: JobSpec, actions: Action[], over: Partial<ExpandInput> = {}) {
  return expand({ spec: s, actions, filters: {}, local: REMOTE_ONLY, ...over });
}

/** `id: after | pairs` — the shape of a plan, one line per run. */
function shape(s: JobSpec, actions: Action[], over: Partial<ExpandInput> = {}): string[] {
  return run(s, actions, over).invocations.map((inv) => {
    const pairs = inv.options.datasetPairs.map((p) => `${p.src}>${p.dst}`).join(' ');
    return `${inv.id}: [${inv.after.join(',')}] ${pairs}`;
  });
}

const twoSrc = { srcHosts: ['s1', 's2'] };
const twoDst = {
  dstHosts: {
    d1: { root: 'bak/^SRC_HOST', targets: ['onsite'] },
    d2: { root: 'b2/^SRC_HOST', targets: ['onsite'] },
  },
};

describe('expand: topologies', () => {
  it.each<[string, Partial<JobSpec>, string[]]>([
    ['1×1', {}, ['s1/replicate/d1: [] s1:tank/a>d1:bak/a']],
    [
      '1×N',
      { dstHosts: { d1: { root: 'bak', targets: ['onsite'] }, d2: { root: '', targets: ['onsite'] } } },
      ['s1/replicate/d1: [] s1:tank/a>d1:bak/a', 's1/replicate/d2: [] s1:tank/a>d2:a'],
    ],
    [
      'N×1 with ^SRC_HOST',
      { ...twoSrc, dstHosts: { d1: { root: 'bak/^SRC_HOST', targets: ['onsite'] } } },
      ['s1/replicate/d1: [] s1:tank/a>d1:bak/s1/a', 's2/replicate/d1: [] s2:tank/a>d1:bak/s2/a'],
    ],
    [
      'N×M',
      { ...twoSrc, ...twoDst },
      [
        's1/replicate/d1: [] s1:tank/a>d1:bak/s1/a',
        's1/replicate/d2: [] s1:tank/a>d2:b2/s1/a',
        's2/replicate/d1: [] s2:tank/a>d1:bak/s2/a',
        's2/replicate/d2: [] s2:tank/a>d2:b2/s2/a',
      ],
    ],
    [
      '^DST_HOST and several pairs',
      {
        rootDatasetPairs: [
          { src: 'tank/a', dst: 'a' },
          { src: 'tank/b', dst: 'x/b' },
        ],
        dstHosts: { d1: { root: 'pool/^DST_HOST', targets: ['onsite'] } },
      },
      ['s1/replicate/d1: [] s1:tank/a>d1:pool/d1/a s1:tank/b>d1:pool/d1/x/b'],
    ],
  ])('%s', (_name, over, expected) => {
    expect(shape(spec(over), ['replicate'])).toEqual(expected);
  });
});

describe('expand: order constraints', () => {
  it('chains the stages per source host and waits for every destination of the previous stage', () => {
    const s = spec({
      ...twoSrc,
      ...twoDst,
      srcSnapshotPlan: { p: { onsite: { hourly: 1 } } },
      dstSnapshotPlan: { p: { onsite: { hourly: 2 } } },
      monitorSnapshotPlan: { p: { onsite: { hourly: { warning: '1 hours' } } } },
    });
    const all: Action[] = [
      'monitor-dst-snapshots', // order on the command line does not matter
      'create-src-snapshots',
      'replicate',
      'prune-src-snapshots',
      'prune-dst-snapshots',
      'monitor-src-snapshots',
    ];
    const lines = run(s, all)
      .invocations.filter((i) => i.srcHost === 's1')
      .map((i) => `${i.id} <- ${i.after.join(',')}`);
    expect(lines).toEqual([
      's1/create-src-snapshots <- ',
      's1/replicate/d1 <- s1/create-src-snapshots',
      's1/replicate/d2 <- s1/create-src-snapshots',
      's1/prune-src-snapshots <- s1/replicate/d1,s1/replicate/d2',
      's1/prune-dst-snapshots/d1 <- s1/prune-src-snapshots',
      's1/prune-dst-snapshots/d2 <- s1/prune-src-snapshots',
      's1/monitor-src-snapshots <- s1/prune-dst-snapshots/d1,s1/prune-dst-snapshots/d2',
      's1/monitor-dst-snapshots/d1 <- s1/monitor-src-snapshots',
      's1/monitor-dst-snapshots/d2 <- s1/monitor-src-snapshots',
    ]);
  });

  it('keeps source hosts independent and numbers runs in plan order', () => {
    const e = run(spec({ ...twoSrc, ...twoDst }), ['replicate']);
    expect(e.invocations.map((i) => [i.seq, i.after.length])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
  });

  it('skips an empty stage without breaking the chain', () => {
    const s = spec({
      dstSnapshotPlan: { p: { elsewhere: { daily: 1 } } },
      srcSnapshotPlan: { p: { onsite: { daily: 1 } } },
    });
    expect(shape(s, ['create-src-snapshots', 'replicate', 'prune-src-snapshots'])).toEqual([
      's1/create-src-snapshots: [] s1:tank/a>dummy',
      's1/prune-src-snapshots: [s1/create-src-snapshots] dummy>s1:tank/a',
    ]);
  });
});

describe('expand: targets and plans', () => {
  const plans = spec({
    dstHosts: {
      nas: { root: 'bak', targets: ['onsite'] },
      far: { root: 'bak', targets: ['offsite'], retainTargets: ['offsite', 'old'] },
    },
    dstSnapshotPlan: { p: { onsite: { hourly: 24, daily: 0 }, offsite: { daily: 7 }, old: { weekly: 4 } } },
  });

  it('replicates to each host only its targets, without zero counts', () => {
    const e = run(plans, ['replicate']);
    expect(e.invocations.map((i) => [i.dstHost, i.options.includeSnapshotPlan])).toEqual([
      ['nas', { p: { onsite: { hourly: 24 } } }],
      ['far', { p: { offsite: { daily: 7 } } }],
    ]);
  });

  it('prunes each host keeping its retained targets, zeros included', () => {
    const e = run(plans, ['prune-dst-snapshots']);
    expect(e.invocations.map((i) => [i.dstHost, i.options.deleteDstSnapshotsExceptPlan])).toEqual([
      ['nas', { p: { onsite: { hourly: 24, daily: 0 } } }],
      ['far', { p: { offsite: { daily: 7 }, old: { weekly: 4 } } }],
    ]);
  });

  it('replicates every snapshot when the spec has no dstSnapshotPlan', () => {
    const [inv] = run(spec(), ['replicate']).invocations;
    expect(inv?.options.includeSnapshotPlan).toBeUndefined();
  });

  it('reports a destination whose targets have nothing to replicate as skipped', () => {
    const s = spec({ dstSnapshotPlan: { p: { onsite: { hourly: 0 } } } });
    const e = run(s, ['replicate']);
    expect(e.invocations).toEqual([]);
    expect(e.skipped).toEqual([
      {
        action: 'replicate',
        srcHost: 's1',
        dstHost: 'd1',
        reason: expect.stringContaining('no period with a count above 0'),
      },
    ]);
  });

  it('renders each action with the original bzfs options', () => {
    const s = spec({
      srcSnapshotPlan: { p: { onsite: { hourly: 1 } } },
      srcBookmarkPlan: { p: { onsite: { hourly: 2 } } },
      dstSnapshotPlan: { p: { onsite: { hourly: 3 } } },
      monitorSnapshotPlan: { p: { onsite: { hourly: { critical: '2 hours', srcSnapshotCycles: 5 } } } },
    });
    const argv = (a: Action) => toArgv(run(s, [a]).invocations[0]!.options).join(' ');
    expect(argv('create-src-snapshots')).toBe(
      '--skip-replication --create-src-snapshots --create-src-snapshots-plan={"p":{"onsite":{"hourly":1}}} -- s1:tank/a dummy',
    );
    expect(argv('prune-src-snapshots')).toBe(
      '--skip-replication --delete-dst-snapshots --delete-dst-snapshots-except-plan={"p":{"onsite":{"hourly":1}}} -- dummy s1:tank/a',
    );
    expect(argv('prune-src-bookmarks')).toBe(
      '--skip-replication --delete-dst-snapshots=bookmarks --delete-dst-snapshots-except-plan={"p":{"onsite":{"hourly":2}}} -- dummy s1:tank/a',
    );
    expect(argv('monitor-src-snapshots')).toBe(
      '--skip-replication --monitor-snapshots={"p":{"onsite":{"hourly":{"latest":{"critical":"2 hours"},"oldest":{"critical":"2 hours","cycles":5}}}}} -- dummy s1:tank/a',
    );
    expect(argv('monitor-dst-snapshots')).toBe(
      '--skip-replication --monitor-snapshots={"p":{"onsite":{"hourly":{"latest":{"critical":"2 hours"},"oldest":{"critical":"2 hours","cycles":3}}}}} -- dummy d1:bak/a',
    );
  });
});

describe('expand: host filters', () => {
  const s = spec({ srcHosts: ['s1', 's2', 's3'], ...twoDst });
  it.each<[string, { srcHosts?: string[]; dstHosts?: string[] }, string[]]>([
    [
      'no filter',
      {},
      [
        's1/replicate/d1',
        's1/replicate/d2',
        's2/replicate/d1',
        's2/replicate/d2',
        's3/replicate/d1',
        's3/replicate/d2',
      ],
    ],
    ['one source', { srcHosts: ['s2'] }, ['s2/replicate/d1', 's2/replicate/d2']],
    ['one destination', { dstHosts: ['d2'] }, ['s1/replicate/d2', 's2/replicate/d2', 's3/replicate/d2']],
    [
      'both, order from the spec',
      { srcHosts: ['s3', 's1'], dstHosts: ['d1'] },
      ['s1/replicate/d1', 's3/replicate/d1'],
    ],
  ])('%s', (_name, filters, ids) => {
    expect(run(s, ['replicate'], { filters }).invocations.map((i) => i.id)).toEqual(ids);
  });

  it('does not run source-only actions for destination filters, but keeps them per source', () => {
    const withPlan = { ...s, srcSnapshotPlan: { p: { onsite: { daily: 1 } } } };
    const ids = run(withPlan, ['create-src-snapshots'], {
      filters: { srcHosts: ['s1'], dstHosts: ['d1'] },
    }).invocations;
    expect(ids.map((i) => i.id)).toEqual(['s1/create-src-snapshots']);
  });
});

describe('expand: this machine and ssh', () => {
  const me: LocalHost = { names: new Set(['s1', 'localhost']), user: 'me', loopbackAddress: '127.0.0.1' };

  it('runs a local host without ssh and keeps ssh for the remote side', () => {
    const s = spec({ ssh: { dst: { user: 'backup', port: 2222, configFile: '/etc/bzfs_ssh_config' } } });
    const [inv] = run(s, ['replicate'], { local: me }).invocations;
    expect(toArgv(inv!.options)).toEqual([
      '--ssh-dst-user=backup',
      '--ssh-dst-port=2222',
      '--ssh-dst-config-file=/etc/bzfs_ssh_config',
      '--',
      '-:tank/a',
      'd1:bak/a',
    ]);
  });

  it('treats a local host as local when the ssh user is the current user', () => {
    const [inv] = run(spec({ ssh: { src: { user: 'me' } } }), ['replicate'], { local: me }).invocations;
    expect(inv!.options.datasetPairs[0]!.src).toBe('-:tank/a');
    expect(inv!.options.sshSrcUser).toBeUndefined();
  });

  it('logs in over loopback when the local host needs another ssh user', () => {
    const [inv] = run(spec({ ssh: { src: { user: 'root' } } }), ['replicate'], { local: me }).invocations;
    expect(inv!.options.datasetPairs[0]!.src).toBe('127.0.0.1:tank/a');
    expect(inv!.options.sshSrcUser).toBe('root');
  });

  it('maps the source ssh settings to bzfs dst options when the source is pruned', () => {
    const s = spec({
      ssh: { src: { user: 'root', port: 22 } },
      srcSnapshotPlan: { p: { onsite: { daily: 1 } } },
    });
    const [inv] = run(s, ['prune-src-snapshots']).invocations;
    expect(inv!.options).toMatchObject({ sshDstUser: 'root', sshDstPort: 22 });
    expect(inv!.options.sshSrcUser).toBeUndefined();
  });

  it('writes IPv6 hosts with | so bzfs does not read their colons as the host separator', () => {
    const s = spec({ srcHosts: ['fe80::1'] });
    expect(run(s, ['replicate']).invocations[0]!.options.datasetPairs[0]!.src).toBe('fe80||1:tank/a');
  });

  it('skips pairs whose local destination pool is missing, and the run when none is left', () => {
    const s = spec({
      rootDatasetPairs: [
        { src: 'tank/a', dst: 'usb1/a' },
        { src: 'tank/b', dst: 'tank2/b' },
      ],
      dstHosts: { s1: { root: '', targets: ['onsite'] } },
    });
    const partly = run(s, ['replicate'], { local: me, missingLocalPools: new Set(['usb1']) });
    expect(partly.invocations.map((i) => i.options.datasetPairs)).toEqual([
      [{ src: '-:tank/b', dst: '-:tank2/b' }],
    ]);
    expect(partly.skipped.map((x) => x.reason)).toEqual([
      'left out -:usb1/a: local destination pool usb1 is not imported (a removable drive that is not attached?)',
    ]);
    const e = run(s, ['replicate'], { local: me, missingLocalPools: new Set(['usb1', 'tank2']) });
    expect(e.invocations).toEqual([]);
    expect(e.skipped[0]?.reason).toMatch(/usb1, tank2 is not imported/);
  });
});

describe('expand: options for every run', () => {
  it('passes recursive, log dir, spec bzfsOptions and then command-line options', () => {
    const s = spec({ recursive: true, logDir: '/var/log/bzfs-logs', bzfsOptions: ['--threads=2'] });
    const [inv] = run(s, ['replicate'], { extraArgs: ['--dryrun'] }).invocations;
    expect(toArgv(inv!.options)).toEqual([
      '--recursive',
      '--log-dir=/var/log/bzfs-logs',
      '--threads=2',
      '--dryrun',
      '--',
      's1:tank/a',
      'd1:bak/a',
    ]);
  });

  it('dedupes source-only pairs that share a source dataset', () => {
    const s = spec({
      rootDatasetPairs: [
        { src: 'tank/a', dst: 'x' },
        { src: 'tank/a', dst: 'y' },
      ],
      srcSnapshotPlan: { p: { onsite: { daily: 1 } } },
    });
    expect(shape(s, ['create-src-snapshots'])).toEqual(['s1/create-src-snapshots: [] s1:tank/a>dummy']);
  });

  it('shuffles host order with the injected random source under --jitter', () => {
    const s = spec({ srcHosts: ['s1', 's2', 's3'], dstHosts: twoDst.dstHosts });
    const rng = () => 0; // Fisher–Yates with 0 rotates: [a,b,c] → [b,c,a]
    const e = run(s, ['replicate'], { rng });
    expect(e.srcHosts).toEqual(['s2', 's3', 's1']);
    expect(e.dstHosts).toEqual(['d2', 'd1']);
  });
});
