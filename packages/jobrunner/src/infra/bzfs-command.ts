/** Finds the bzfs program the jobrunner runs: an explicit one, else the bzfs package installed with it. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function bzfsCommand(explicit: string | undefined): [string, ...string[]] {
  if (explicit !== undefined && explicit !== '') return [explicit];
  try {
    const entry = createRequire(import.meta.url).resolve('@bzfs-ts/bzfs');
    return [process.execPath, join(dirname(entry), 'bin', 'bzfs.js')];
  } catch {
    return ['bzfs']; // not installed side by side: rely on PATH
  }
}
