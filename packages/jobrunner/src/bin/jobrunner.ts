#!/usr/bin/env node
import { ExitCode } from '@bzfs-ts/bzfs';
import { main } from '../main.js';

// SIGINT/SIGTERM stop the job: running bzfs process groups are killed, pending runs are skipped.
const stop = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());

// A bug that escapes main must not end the jobrunner with Node's exit 1 (which means WARNING) while
// the bzfs process groups it started run on unsupervised: aborting signals them, then exit 3.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (e: unknown) => {
    process.stderr.write(
      `bzfs-jobrunner: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    stop.abort();
    process.exit(ExitCode.ERROR);
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  signal: stop.signal,
});
