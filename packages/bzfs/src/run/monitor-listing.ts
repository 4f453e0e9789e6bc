import pLimit from 'p-limit';
import type { Endpoint } from '../config/types.js';
import { BzfsError } from '../model/errors.js';
import { batchLimit, chunkByBytes } from '../plan/batch.js';
import type { DatasetSnapshots } from '../plan/monitor/checks.js';
import { selectedSourceDatasets } from '../plan/pair-replication.js';
import type { ZfsClient } from '../zfs/client.js';
import { zfsCmd } from '../zfs/commands.js';
import type { TaskContext } from './context.js';
import { endpointLabel } from './endpoint-label.js';
import { withRetries } from './retry.js';

/** One side the monitor checks (never `dummy`). */
export interface MonitoredSide {
  readonly side: 'src' | 'dst';
  readonly endpoint: Endpoint;
  /** The tree as listed when the pair started (the source's); undefined: listed again now (the destination). */
  readonly tree?: readonly string[];
}

/**
 * The selected datasets of one side with their snapshots: the dataset filters apply to the side's own tree,
 * relative to its root (as the original's). One `zfs list` of snapshots for all of them, split only where the
 * command line would be too long. A missing root is an error: what should be monitored is not there.
 */
export async function listMonitoredSide(ctx: TaskContext, s: MonitoredSide): Promise<DatasetSnapshots[]> {
  const client = s.side === 'src' ? ctx.src : ctx.dst;
  const root = s.endpoint.dataset;
  const { recursive } = ctx.cfg.selection;
  const tree = s.tree ?? (await client.listDatasets(root, recursive)).map((d) => d.name);
  if (tree.length === 0) {
    const which = s.side === 'src' ? 'Source' : 'Destination';
    throw new BzfsError(`${which} dataset does not exist: ${endpointLabel(s.endpoint)}`);
  }
  const selected = selectedSourceDatasets(root, tree, ctx.cfg.selection);
  const limit = pLimit(ctx.cfg.run.threads);
  const found = new Map<string, DatasetSnapshots['snapshots']>();
  await Promise.all(
    chunks(ctx, client, selected).map((chunk) =>
      limit(async () => {
        const what = `the snapshot listing of ${chunk.length} dataset(s) on ${s.side}`;
        const listed = await withRetries(
          ctx.cfg.run.retry,
          ctx.log,
          what,
          () => client.listSnapshotsOf(chunk),
          ctx.signal,
        );
        for (const [ds, snaps] of listed) found.set(ds, snaps);
      }),
    ),
  );
  const out: DatasetSnapshots[] = [];
  for (const dataset of selected) {
    const snapshots = found.get(dataset);
    if (snapshots === undefined)
      ctx.log.debug(`--monitor-snapshots: ${dataset} no longer exists: not checked`);
    else out.push({ dataset, snapshots });
  }
  return out;
}

/** The datasets in as few listings as the command line allows (usually one). */
function chunks(ctx: TaskContext, client: ZfsClient, datasets: readonly string[]): string[][] {
  const fixed = ctx.render({ stages: [client.command(zfsCmd.listWithHolds([], 'snapshot'))] });
  return chunkByBytes(datasets, (d) => d, batchLimit({ fixed: [fixed], oses: [undefined], separator: ' ' }));
}
