/** Test support: a BzfsConfig with the defaults of `bzfs SRC DST`, and a TaskContext over any runner. */
import type { BzfsConfig } from '../../src/config/types.js';
import type { FilterGroup } from '../../src/filters/filter-groups.js';
import { compileNameMatcher } from '../../src/filters/name-matcher.js';
import { DryRunRunner } from '../../src/exec/dry-run-runner.js';
import { LOCAL, type CommandRunner } from '../../src/exec/runner.js';
import { systemClock } from '../../src/infra/clock.js';
import { memoryLogger, type Logger } from './memory-logger.js';
import { memoryReports } from './memory-reports.js';
import { RunRecorder } from '../../src/run/run-recorder.js';
import { stateChangePolicy, type TaskContext } from '../../src/run/context.js';
import { ZfsClient, type Side } from '../../src/zfs/client.js';
import { renderTest } from './fake-runner.js';

/** Overrides for testConfig: any top-level field, and any field of a group without repeating the rest. */
export interface ConfigOverrides {
  readonly pairs?: BzfsConfig['pairs'];
  readonly run?: Partial<BzfsConfig['run']>;
  readonly daemon?: Partial<BzfsConfig['daemon']>;
  readonly selection?: Partial<BzfsConfig['selection']>;
  readonly replication?: Partial<BzfsConfig['replication']>;
  readonly force?: Partial<BzfsConfig['force']>;
  readonly transfer?: Partial<BzfsConfig['transfer']>;
  readonly create?: BzfsConfig['create'];
  readonly retention?: BzfsConfig['retention'];
  readonly monitor?: BzfsConfig['monitor'];
  readonly deleteDatasets?: Partial<BzfsConfig['deleteDatasets']>;
  readonly compare?: BzfsConfig['compare'];
  readonly skipOnError?: BzfsConfig['skipOnError'];
  readonly noPrivilegeElevation?: boolean;
  readonly cache?: BzfsConfig['cache'];
  readonly lockKey?: string;
  readonly ssh?: Partial<BzfsConfig['ssh']>;
}

/** A config with the defaults of `bzfs SRC DST` (see cli/args.ts), fast retries, and the given overrides. */
export function testConfig(o: ConfigOverrides = {}): BzfsConfig {
  return {
    pairs: o.pairs ?? [{ src: { dataset: 'pool/src' }, dst: { dataset: 'pool/dst' } }],
    run: {
      dryrun: undefined,
      explain: false,
      verbose: 0,
      quiet: false,
      logDir: '/nonexistent/bzfs-logs',
      threads: 4,
      retry: { retries: 2, minSleepSecs: 0, initialMaxSleepSecs: 0, maxSleepSecs: 0.005, maxElapsedSecs: 60 },
      timeoutMs: undefined,
      runReportFile: undefined,
      sshControlPersistSecs: 600,
      envVars: { exclude: [], include: [] },
      ...o.run,
    },
    daemon: {
      lifetimeMs: 0,
      frequency: { unit: 'minutely', multiple: 1 },
      remoteConfCacheTtlMs: 300_000,
      ...o.daemon,
    },
    ssh: {
      program: 'ssh',
      cipher: '^aes256-gcm@openssh.com',
      maxSessionsPerConnection: 8,
      exitOnShutdown: false,
      ...o.ssh,
    },
    selection: {
      recursive: false,
      skipParent: false,
      includeDatasets: [],
      excludeDatasets: [],
      includeDatasetRegex: [],
      excludeDatasetRegex: [],
      snapshotFilters: [[]],
      ...o.selection,
    },
    replication: {
      skip: false,
      sendOpts: ['--raw', '--compressed'],
      recvOpts: ['-u'],
      resumeRecv: true,
      createBookmarks: 'all',
      useBookmarks: true,
      noStream: false,
      skipMissingSnapshots: 'dataset',
      ...o.replication,
    },
    force: {
      rollbackToLatestSnapshot: false,
      rollbackToLatestCommon: false,
      destroyAllIfNoCommon: false,
      once: false,
      destroyDependents: false,
      unmount: false,
      ...o.force,
    },
    // No helpers and no estimate unless a test asks: then a step is the plain `zfs send | zfs receive`.
    transfer: {
      compression: undefined,
      mbuffer: undefined,
      pv: undefined,
      bwlimit: undefined,
      estimateSendSize: true,
      r2r: 'off',
      ...o.transfer,
    },
    create: o.create,
    retention: o.retention,
    monitor: o.monitor,
    deleteDatasets: { missingOnSource: false, empty: undefined, ...o.deleteDatasets },
    compare: o.compare,
    cache: o.cache ?? { snapshots: false },
    skipOnError: o.skipOnError ?? 'dataset',
    noPrivilegeElevation: o.noPrivilegeElevation ?? false,
    lockKey: o.lockKey ?? 'test',
  };
}

/** The runner as main.ts wires it: the dry-run decorator, with the config's policy, around `inner`. */
export function decorated(inner: CommandRunner, cfg: BzfsConfig, log: Logger): CommandRunner {
  return new DryRunRunner(inner, { policy: stateChangePolicy(cfg.run), log, render: renderTest });
}

/** A TaskContext over the fake (decorated as in main.ts); both sides local and without sudo unless given. */
export function testTaskContext(
  runner: CommandRunner,
  cfg: BzfsConfig,
  o: { src?: Partial<Side>; dst?: Partial<Side> } = {},
): TaskContext & { log: Logger & { lines: string[] }; reports: ReturnType<typeof memoryReports> } {
  const log = memoryLogger();
  const signal = new AbortController().signal;
  const runOpts = () => ({ signal });
  runner = decorated(runner, cfg, log);
  const src: Side = { label: 'src', place: LOCAL, sudo: false, ...o.src };
  const dst: Side = { label: 'dst', place: LOCAL, sudo: false, ...o.dst };
  return {
    cfg,
    src: new ZfsClient(src, runner, runOpts),
    dst: new ZfsClient(dst, runner, runOpts),
    runner,
    log,
    signal,
    render: renderTest,
    clock: systemClock,
    reports: memoryReports(),
    recorder: new RunRecorder(),
    nowMs: systemClock.wallMs(),
    force: { used: false },
    stats: { stepsSent: 0, datasetsReplicated: 0 },
    simulated: new Set(),
    announcedDestroys: new Set(),
    dstCreations: new Map(),
    helperCache: new Map(),
  };
}

/** `cfg.selection.snapshotFilters` of `--include-snapshot-regex I... --exclude-snapshot-regex E...`. */
export function regexFilters(include: readonly string[], exclude: readonly string[] = []): FilterGroup[] {
  return [
    [{ kind: 'regex', include: include.map(compileNameMatcher), exclude: exclude.map(compileNameMatcher) }],
  ];
}
