import { BzfsError } from '../model/errors.js';
import { ExitCode } from '../model/exit-codes.js';
import { writeFileAtomic } from './atomic-file.js';
import { ensurePrivateDir } from './private-dir.js';

/** Files a run writes for the operator besides its log, e.g. the TSV files of --compare-snapshot-lists. */
export interface ReportFiles {
  /** Writes `text` as the file `name` (replacing one of that name whole); returns its path. */
  write(name: string, text: string): string;
}

/**
 * Report files in a private directory named after the run's log file: `<log file without .log><suffix>`
 * (the original's `bzfs_<time>_<rand>.cmp/`), created 0700 on first use. Each file is written as a
 * private file (0600) atomically (infra/atomic-file.ts), so that a reader never sees half a file.
 */
export function reportFilesBeside(logFile: string, suffix: string): ReportFiles {
  const dir = `${logFile.replace(/\.log$/, '')}${suffix}`;
  const opts = { what: 'report directory', orElse: 'choose another --log-dir', exitCode: ExitCode.ERROR };
  return {
    write(name, text) {
      ensurePrivateDir(dir, opts);
      const path = `${dir}/${name}`;
      try {
        writeFileAtomic(path, text);
      } catch (e) {
        throw new BzfsError(`cannot write report file ${path}: ${(e as Error).message}`, { cause: e });
      }
      return path;
    },
  };
}
