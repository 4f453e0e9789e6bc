import { readFileSync } from 'node:fs';
import { BzfsError } from '../model/errors.js';
import { parseRunReport, type RunReport } from '../model/run-report.js';
import { writeFileAtomic } from './atomic-file.js';

/** Writes the run report (--run-report-file) atomically, private to the user bzfs runs as. */
export function writeRunReport(path: string, report: RunReport): void {
  try {
    writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
  } catch (e) {
    throw new BzfsError(
      `cannot write the run report ${path}: ${(e as Error).message}; check --run-report-file`,
      { cause: e },
    );
  }
}

/** The run report at `path`, or undefined when there is none or it is not a valid one. */
export function readRunReport(path: string): RunReport | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return parseRunReport(text);
}
