/** Pure classifiers of zfs's (English) stderr text. */

export const isDatasetMissing = (stderr: string): boolean => /dataset does not exist/.test(stderr);

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
