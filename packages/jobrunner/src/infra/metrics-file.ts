import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@bzfs-ts/bzfs';

/**
 * Rewrites the metrics file (--metrics-file) from its previous text: atomically (temp file + rename in the same
 * directory), so that node_exporter's textfile collector never reads half a file, and 0644, so that it may
 * read it at all. A missing previous file reads as empty.
 */
export function rewriteMetricsFile(path: string, render: (previous: string) => string): void {
  let previous = '';
  try {
    previous = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  writeFileAtomic(path, render(previous), 0o644);
}
