/**
 * Which failures are worth retrying: only those known to be transient. A retry re-plans from
 * fresh state, so it can never resend on top of data that already arrived.
 */
export function isRetryableFailure(exitCode: number, stderr: string): boolean {
  // ssh itself failed (connection refused/reset/timed out): exit 255 with an ssh-prefixed message.
  if (
    exitCode === 255 &&
    /(^|\n)(ssh|kex_exchange_identification|Connection (closed|reset|timed out)|mux_client)/.test(stderr)
  )
    return true;
  if (/Connection (reset|closed) by|Broken pipe|connection timed out|Connection refused/i.test(stderr))
    return true;
  // Another zfs command holds the dataset for a moment.
  if (/dataset is busy|pool is busy|resource busy/i.test(stderr)) return true;
  // An interrupted resumable receive: the next try resumes it.
  if (/Partially received snapshot is saved|checksum mismatch or incomplete stream/i.test(stderr))
    return true;
  return false;
}
