/** Pure classifiers of zfs's (English) stderr text. */

export const isDatasetMissing = (stderr: string): boolean => /dataset does not exist/.test(stderr);

/**
 * The datasets a query of many named as missing (`cannot open 'X': dataset does not exist`, one line each), when
 * that is all its stderr says; undefined when it says anything else (the query failed for another reason).
 */
export function missingDatasets(stderr: string): string[] | undefined {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const names = lines.map((l) => /^cannot open '(.+)': dataset does not exist\s*$/.exec(l)?.[1]);
  return lines.length > 0 && names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/**
 * A destroy found nothing to destroy: every snapshot of the list, or the bookmark, is already gone (another run,
 * or a retry after a destroy whose answer was lost). What was to be removed is not there: not an error.
 */
export const isAlreadyDestroyed = (stderr: string): boolean =>
  /could not find any snapshots to destroy|bookmark '[^']*' does not exist/.test(stderr);

export const isBookmarkExists = (stderr: string): boolean => /bookmark exists|already exists/.test(stderr);

/**
 * The partial receive state on the destination cannot be continued and must be cleared with
 * `zfs receive -A` before anything else can be received into the dataset.
 */
export function isStaleResumeState(stderr: string): boolean {
  return (
    /cannot resume send: .*(no longer the same snapshot|no longer exists)/.test(stderr) ||
    /incremental source .* no longer exists/.test(stderr) ||
    /contains partially-complete state from "zfs receive -s"/.test(stderr) ||
    /incompatible embedded data stream feature with encrypted receive/.test(stderr) ||
    /%recv/.test(stderr)
  );
}

/** An incremental receive refused because the destination was written to after its newest snapshot. */
export const isModifiedSinceSnapshot = (stderr: string): boolean =>
  /has been modified\s+since most recent snapshot/.test(stderr);

/**
 * `zfs send -n -v -t TOKEN` failed because zfs itself rejected the token, so the partial receive
 * it describes can never be continued. libzfs reports every undecodable token as "resume token is
 * corrupt (...)" (bad format, version, hex payload, decompression, nvlist, checksum) or, when
 * fields are missing, "resume token is corrupt". Anything else (ssh dropped, zfs not startable,
 * a busy pool) says nothing about the token and must not get the partial receive discarded.
 */
export const isResumeTokenRejected = (stderr: string): boolean => /resume token is corrupt/.test(stderr);
