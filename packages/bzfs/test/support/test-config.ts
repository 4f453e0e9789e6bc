/** Test support: a BzfsConfig with the defaults of `bzfs SRC DST`, and a TaskContext over any runner. */
import type { BzfsConfig } from '../../src/config/types.js';
import { LOCAL, type CommandRunner } from '../../src/exec/runner.js';
import { memoryLogger, type Logger } from '../../src/infra/logger.js';
import type { TaskContext } from '../../src/run/context.js';
import { ZfsClient, type Side } from '../../src/zfs/client.js';
import { renderTest } from './fake-runner.js';

/** A config with the defaults of `bzfs SRC DST` (see cli/args.ts), fast retries, and the given overrides. */
export function testConfig(o: Partial<BzfsConfig> = {}): BzfsConfig {
  return {
    pairs: [{ src: { dataset: 'pool/src' }, dst: { dataset: 'pool/dst' } }],
    recursive: false,
    skipParent: false,
    dryrun: undefined,
    verbose: 0,
    quiet: false,
    logDir: '/nonexistent/bzfs-logs',
    sendOpts: ['--raw', '--compressed'],
    recvOpts: ['-u'],
    force: { rollbackToLatestSnapshot: false, rollbackToLatestCommon: false, destroyAllIfNoCommon: false },
    forceOnce: false,
    forceDestroyDependents: false,
    forceUnmount: false,
    resumeRecv: true,
    createBookmarks: 'all',
    useBookmarks: true,
    noStream: false,
    noPrivilegeElevation: false,
    threads: 4,
    retry: { retries: 2, minSleepSecs: 0, initialMaxSleepSecs: 0, maxSleepSecs: 0.005, maxElapsedSecs: 60 },
    skipOnError: 'dataset',
    skipMissingSnapshots: 'dataset',
    skipReplication: false,
    includeSnapshotRegex: [],
    excludeSnapshotRegex: [],
    excludeDatasets: [],
    includeDatasets: [],
    includeDatasetRegex: [],
    excludeDatasetRegex: [],
    sshControlPersistSecs: 600,
    timeoutMs: undefined,
    lockKey: 'test',
    ...o,
  };
}

/** A TaskContext over the fake; both sides local and without sudo unless given. */
export function testTaskContext(
  runner: CommandRunner,
  cfg: BzfsConfig,
  o: { src?: Partial<Side>; dst?: Partial<Side> } = {},
): TaskContext & { log: Logger & { lines: string[] } } {
  const log = memoryLogger();
  const signal = new AbortController().signal;
  const runOpts = () => ({ signal });
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
    force: { used: false },
    stats: { stepsSent: 0, datasetsReplicated: 0 },
    simulated: new Set(),
  };
}
