import { humanBytes } from '../model/human-units.js';
import type { Conflict } from './types.js';

/** The operator-facing text of a refused conflict: what differs, and which option resolves it. */
export function describeConflict(c: Conflict, srcDs: string, dstDs: string, forceSpent: boolean): string {
  const spent = forceSpent ? ' (--force-once was already used in this run)' : '';
  if (c.kind === 'dst-has-newer') {
    const names = c.dstNewer.map((s) => s.name).join(', ');
    return (
      `Conflict: destination ${dstDs} has ${c.dstNewer.length} snapshot(s) newer than the latest common snapshot ` +
      `${c.latestCommon.name} with source ${srcDs}: ${names}. Replicating would discard them; ` +
      `use --force-rollback-to-latest-common-snapshot (or --force) to destroy them and continue${spent}.`
    );
  }
  if (c.kind === 'dst-has-data') {
    const what =
      c.contents === undefined
        ? 'contents that could not be read'
        : `${humanBytes(c.contents.logicalReferenced)} of data (logicalreferenced) in this ${c.contents.type}`;
    return (
      `Conflict: destination ${dstDs} exists and has no snapshots, but holds ${what}. Replicating ${srcDs} ` +
      `would overwrite it with a full receive. Rename or destroy it, or use --force to overwrite it${spent}.`
    );
  }
  const names = c.dstSnapshots
    .map((s) => s.name)
    .slice(-5)
    .join(', ');
  return (
    `Conflict: destination ${dstDs} has ${c.dstSnapshots.length} snapshot(s) (e.g. ${names}) but none in common ` +
    `with source ${srcDs} (compared by GUID). Use --force to destroy all destination snapshots and replicate in full${spent}.`
  );
}

/** --skip-missing-snapshots=continue, and the destination keeps snapshots the source does not select. */
export function describeNoSourceSnapshotsConflict(
  srcDs: string,
  dstDs: string,
  dstSnapshots: number,
): string {
  return (
    `Conflict: Source dataset ${srcDs} has no selected snapshot but destination ${dstDs} has ${dstSnapshots} ` +
    `snapshot(s); with --skip-missing-snapshots=continue, --force destroys them.`
  );
}
