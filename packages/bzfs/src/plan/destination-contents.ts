/**
 * Whether an existing destination dataset without snapshots holds data that a full
 * `zfs receive -F` would overwrite. Pure: decides from the properties of one `zfs get`.
 */

/** `zfs get type,logicalreferenced,receive_resume_token` of a destination dataset. */
export interface DestinationContents {
  readonly type: 'filesystem' | 'volume';
  /** `logicalreferenced` in bytes: what the dataset itself references, before compression. */
  readonly logicalReferenced: number;
  /** `receive_resume_token` is set: an interrupted receive left partial state. */
  readonly partialReceive: boolean;
}

/**
 * How much a dataset may reference and still count as empty. `logicalreferenced` is used, not
 * `referenced`/`used`: it does not grow with ashift, copies, raidz or compression, and it counts
 * metadata at its compressed size, so an empty filesystem (root directory, master node, SA and
 * delete-queue objects) shows about 40-50 KiB on every OpenZFS version, an unwritten volume less.
 * `used` would also count children, which a full receive of a non-replication stream keeps, and
 * which bzfs's own empty containers (ancestors it creates, --skip-missing-snapshots=continue) have.
 * 128 KiB leaves room for version differences; a file's data counts at its full logical size, so
 * anything more than a few small files is detected. Less than that slips through: see the README.
 */
export const EMPTY_DATASET_MAX_LOGICAL_BYTES = 128 * 1024;

export function holdsData(c: DestinationContents): boolean {
  // Partial receive state is not the operator's data: the resume logic continues or aborts it.
  if (c.partialReceive) return false;
  return c.logicalReferenced > EMPTY_DATASET_MAX_LOGICAL_BYTES;
}
