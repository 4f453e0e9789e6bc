import type { SnapshotRef } from '../model/snapshot.js';
import type { Command, CommandRunner, Place, RunOptions } from '../exec/runner.js';
import { CommandFailedError } from '../exec/runner.js';
import { BzfsError } from '../model/errors.js';
import { isRetryableFailure } from '../exec/retryable.js';
import type { ResumeState } from '../plan/types.js';
import { zfsCmd, type DatasetListProp, type ZfsArgv } from './commands.js';
import type { DestinationContents } from '../plan/destination-contents.js';
import {
  parseCompareList,
  parseDatasetList,
  parseDestinationContents,
  parseEntryCounts,
  parseResumeTokenInfo,
  parseSnapshotList,
} from './parse.js';
import type { EntryCounts } from '../plan/delete-datasets/types.js';
import type { CompareEntry } from '../plan/compare/types.js';
import type { PruneCandidate } from '../plan/retention/types.js';
import { parseDestroyTreeDryRun, parsePruneCandidates } from './parse-destroy.js';
import { isDatasetMissing, isResumeTokenRejected, missingDatasets } from './stderr.js';

/** One end of a replication: where its zfs runs and whether privileged commands need `sudo -n`. */
export interface Side {
  readonly label: 'src' | 'dst';
  readonly place: Place;
  readonly sudo: boolean;
}

export interface DatasetInfo {
  readonly name: string;
  readonly type: string;
  /** receive_resume_token when the listing asked for it: `-` when there is none. */
  readonly resumeToken?: string;
  /** snapshots_changed (unix seconds) when the listing asked for it: 0 when zfs has no value (`-`). */
  readonly snapshotsChanged?: number;
}

/** Typed read-only zfs queries for one side, and the Command form of any zfs argv. */
export class ZfsClient {
  constructor(
    readonly side: Side,
    private readonly runner: CommandRunner,
    private readonly runOpts: () => RunOptions,
  ) {}

  command(z: ZfsArgv): Command {
    const argv = z.needsPrivilege && this.side.sudo ? ['sudo', '-n', ...z.argv] : [...z.argv];
    return { place: this.side.place, argv, changesState: z.changesState };
  }

  private async read(z: ZfsArgv): Promise<{ ok: true; stdout: string } | { ok: false; missing: true }> {
    const r = await this.runner.run(this.command(z), { ...this.runOpts(), allowFailure: true });
    if (r.exitCode === 0) return { ok: true, stdout: r.stdout };
    if (isDatasetMissing(r.stderr)) return { ok: false, missing: true };
    throw new CommandFailedError(
      z.argv.join(' '),
      r.exitCode,
      r.stderr,
      isRetryableFailure(r.exitCode, r.stderr),
    );
  }

  /** Snapshots and bookmarks of one dataset, or undefined if the dataset does not exist. */
  async listSnapshots(dataset: string): Promise<SnapshotRef[] | undefined> {
    return (await this.listSnapshotsAndBookmarksOf([dataset])).get(dataset);
  }

  /** The snapshots (or bookmarks) of one dataset with their hold counts, oldest first; undefined if it does not exist. */
  async listPruneCandidates(
    dataset: string,
    kind: PruneCandidate['kind'],
  ): Promise<PruneCandidate[] | undefined> {
    const r = await this.read(zfsCmd.listWithHolds([dataset], kind));
    return r.ok ? parsePruneCandidates(r.stdout) : undefined;
  }

  /** The snapshots of many datasets with their hold counts, in one `zfs list` (see {@link listEntriesOf}). */
  listSnapshotsOf(datasets: readonly string[]): Promise<Map<string, PruneCandidate[]>> {
    return this.listEntriesOf(zfsCmd.listWithHolds(datasets, 'snapshot'), datasets, parsePruneCandidates);
  }

  /** The snapshots and bookmarks of many datasets in one `zfs list` (see {@link listEntriesOf}): what replication plans from. */
  listSnapshotsAndBookmarksOf(datasets: readonly string[]): Promise<Map<string, SnapshotRef[]>> {
    return this.listEntriesOf(zfsCmd.listSnapshots(datasets), datasets, parseSnapshotList);
  }

  /**
   * The one batched-listing primitive: the entries `z` lists for `datasets`, by dataset, oldest first (a dataset
   * without any: []). A dataset that no longer exists has no entry: zfs names it on stderr and still lists the
   * others (exit 1). Any other failure throws, retryable where the failure is.
   */
  private async listEntriesOf<T extends { readonly dataset: string }>(
    z: ZfsArgv,
    datasets: readonly string[],
    parse: (stdout: string) => T[],
  ): Promise<Map<string, T[]>> {
    const r = await this.runner.run(this.command(z), { ...this.runOpts(), allowFailure: true });
    const gone = r.exitCode === 0 ? [] : missingDatasets(r.stderr);
    if (gone === undefined) {
      const line = z.argv.join(' ');
      throw new CommandFailedError(line, r.exitCode, r.stderr, isRetryableFailure(r.exitCode, r.stderr));
    }
    const out = new Map<string, T[]>();
    for (const ds of datasets) if (!gone.includes(ds)) out.set(ds, []);
    for (const s of parse(r.stdout)) out.get(s.dataset)?.push(s);
    return out;
  }

  /** --compare-snapshot-lists' listing of a dataset (or its tree); [] if it does not exist. */
  async listCompareEntries(
    root: string,
    o: { recursive: boolean; bookmarks: boolean },
  ): Promise<CompareEntry[]> {
    const r = await this.read(zfsCmd.listCompareEntries(root, o));
    return r.ok ? parseCompareList(r.stdout) : [];
  }

  /**
   * The dataset and (if recursive) its descendants, parents first; [] if it does not exist. `props` adds what
   * the listing also reads of each (the partial-receive token, --cache-snapshots' `snapshots_changed`).
   */
  async listDatasets(
    root: string,
    recursive: boolean,
    props: readonly DatasetListProp[] = [],
  ): Promise<DatasetInfo[]> {
    try {
      const r = await this.read(zfsCmd.listDatasets(root, recursive, props));
      return r.ok ? parseDatasetList(r.stdout, props) : [];
    } catch (e) {
      // A zfs older than 2.2 has no snapshots_changed and refuses the whole listing: list without it (the cache
      // then sees no values and lists every dataset's snapshots).
      const old = e instanceof CommandFailedError && /invalid property 'snapshots_changed'/.test(e.stderr);
      if (!old || !props.includes('snapshots_changed')) throw e;
      return this.listDatasets(
        root,
        recursive,
        props.filter((p) => p !== 'snapshots_changed'),
      );
    }
  }

  /**
   * How many snapshots (and, with `bookmarks`, bookmarks) each dataset has, from one listing of them all. A
   * dataset that vanished meanwhile fails the listing: retryable, since a retry lists the tree again.
   */
  async entryCounts(
    datasets: readonly string[],
    o: { bookmarks: boolean },
  ): Promise<Map<string, EntryCounts>> {
    const r = await this.read(zfsCmd.listEntryNames(datasets, o));
    if (!r.ok)
      throw new BzfsError('A dataset vanished while the snapshots of the tree were listed', {
        retryable: true,
      });
    const found = parseEntryCounts(r.stdout);
    return new Map(datasets.map((ds) => [ds, found.get(ds) ?? { snapshots: 0, bookmarks: 0 }]));
  }

  /** What `zfs destroy -r` would remove (the datasets and snapshots); undefined if the dataset does not exist. */
  async wouldDestroyTree(dataset: string, o: { dependents: boolean }): Promise<string[] | undefined> {
    const r = await this.read(zfsCmd.destroyTreeDryRun(dataset, o));
    return r.ok ? parseDestroyTreeDryRun(r.stdout) : undefined;
  }

  async exists(dataset: string): Promise<boolean> {
    return (await this.listDatasets(dataset, false)).length > 0;
  }

  /** What decides whether a dataset holds data (one `zfs get`); undefined if it does not exist. */
  async contents(dataset: string): Promise<DestinationContents | undefined> {
    const r = await this.read(zfsCmd.destinationContents(dataset));
    return r.ok ? parseDestinationContents(r.stdout) : undefined;
  }

  /** The partial-receive state of a destination dataset, decoded; undefined if none. */
  async resumeState(dataset: string): Promise<ResumeState | undefined> {
    const r = await this.read(zfsCmd.resumeToken(dataset));
    return r.ok ? this.decodeResumeState(dataset, r.stdout.trim()) : undefined;
  }

  /**
   * Decodes a partial-receive token as read for `dataset` (by `zfs get`, or with the dataset listing); undefined if
   * there is none (`-` or empty): only an existing token costs a command.
   */
  async decodeResumeState(dataset: string, token: string): Promise<ResumeState | undefined> {
    if (token === '' || token === '-') return undefined;
    const decoded = await this.runner.run(this.command(zfsCmd.decodeResumeToken(token)), {
      ...this.runOpts(),
      allowFailure: true,
    });
    // Decoding on the destination prints the contents, then fails because the token's snapshot
    // is not there: the contents are the answer whatever the exit code.
    const info = parseResumeTokenInfo(decoded.stdout + decoded.stderr, token);
    if (info !== undefined) return info;
    // Only zfs's own verdict makes the token stale (the planner then aborts it). Any other failure
    // is retried: discarding a partial receive on an ssh hiccup can throw away terabytes.
    if (decoded.exitCode !== 0 && isResumeTokenRejected(decoded.stderr))
      return { token, toguid: '', toname: '' };
    if (decoded.exitCode === 0) {
      throw new BzfsError(
        `Cannot read the partial receive state of ${dataset}: \`zfs send -n -v -t\` printed no toname/toguid. ` +
          `It is kept; \`zfs receive -A ${dataset}\` discards it if it is no longer wanted.`,
      );
    }
    throw new CommandFailedError(
      `${zfsCmd.decodeResumeToken(token).argv.join(' ')} (decoding the partial receive state of ${dataset}; it is kept)`,
      decoded.exitCode,
      decoded.stderr,
      true,
    );
  }
}
