import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CacheEntry } from '../plan/cache-decision.js';
import { ExitCode } from '../model/exit-codes.js';
import { writeFileAtomic } from './atomic-file.js';
import { ensurePrivateDir } from './private-dir.js';
import { readTrustedTextFile } from './trusted-file.js';

/**
 * Where --cache-snapshots keeps what replication found in sync: one JSON file per job and SRC DST pair under
 * `<log-dir>/.cache/replication/` (the log dir is the daily subdirectories' parent, as in the original), dirs 0700,
 * files 0600, nothing read or written through a symlink. JSON rather than the original's empty files with
 * timestamps: one read and one atomic rename per pair and run instead of an inode per dataset, and an operator
 * can read it. A file that is missing, unreadable, foreign or malformed is an empty cache: every pair is listed.
 */
interface PairCacheFile {
  /** By source dataset: its destination dataset and both sides' snapshots_changed when they were in sync. */
  readonly entries: ReadonlyMap<string, StoredEntry>;
  /** Why the file gave no entries (for the debug log); undefined when it was read. */
  readonly unreadable?: string;
}

export interface StoredEntry extends CacheEntry {
  readonly dstDataset: string;
}

const VERSION = 1;

/** The file of one pair: the name hashes the job (its lock key covers every filter and option) and both endpoints. */
export function pairCachePath(logDir: string, key: { job: string; src: string; dst: string }): string {
  const name = createHash('sha256')
    .update(JSON.stringify([key.job, key.src, key.dst]))
    .digest('hex');
  return join(logDir, '.cache', 'replication', `${name}.json`);
}

export function readPairCache(path: string): PairCacheFile {
  let text: string;
  try {
    text = readTrustedTextFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { entries: new Map(), unreadable: code === 'ENOENT' ? 'no cache file yet' : (e as Error).message };
  }
  try {
    const doc = JSON.parse(text) as { version?: unknown; entries?: unknown };
    if (doc.version !== VERSION || typeof doc.entries !== 'object' || doc.entries === null)
      return { entries: new Map(), unreadable: 'an unknown cache file format' };
    const entries = new Map<string, StoredEntry>();
    for (const [src, v] of Object.entries(doc.entries as Record<string, unknown>)) {
      const e = v as Partial<StoredEntry>;
      if (typeof e.dstDataset === 'string' && Number.isSafeInteger(e.src) && Number.isSafeInteger(e.dst))
        entries.set(src, { dstDataset: e.dstDataset, src: e.src!, dst: e.dst! });
    }
    return { entries };
  } catch {
    return { entries: new Map(), unreadable: 'a malformed cache file' };
  }
}

/** Replaces the pair's file whole (atomically); creates the private directories first. Throws the fs error. */
export function writePairCache(path: string, entries: ReadonlyMap<string, StoredEntry>): void {
  const dir = join(path, '..');
  const o = { what: 'snapshot cache directory', orElse: 'remove it', exitCode: ExitCode.ERROR } as const;
  ensurePrivateDir(join(dir, '..'), o);
  ensurePrivateDir(dir, o);
  writeFileAtomic(path, `${JSON.stringify({ version: VERSION, entries: Object.fromEntries(entries) })}\n`);
}
