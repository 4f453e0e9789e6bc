import { closeSync, fchmodSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CREATE_PRIVATE } from './private-dir.js';

/**
 * Writes `text` as the file `path` so that a reader sees the old file or the new one whole, never half of one:
 * a new file in the same directory (O_EXCL, no symlink followed) renamed over `path`. `mode` is set
 * explicitly, whatever the umask (0600 for a private file, 0644 for one another program reads).
 * Throws the fs error; the caller says which file it was for.
 */
export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  // Unique per process and call, so concurrent writers never share a temp file.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  const fd = openSync(tmp, CREATE_PRIVATE, 0o600);
  try {
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
      fchmodSync(fd, mode);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

let counter = 0;
