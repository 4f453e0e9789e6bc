// Test support: ReportFiles that keep what was written, by name, for assertions.
import type { ReportFiles } from '../../src/infra/report-files.js';

export function memoryReports(): ReportFiles & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    write: (name, text) => {
      files.set(name, text);
      return `/reports/${name}`;
    },
  };
}
