#!/usr/bin/env node
import { main } from '../main.js';

// SIGINT/SIGTERM stop the job: running bzfs process groups are killed, pending runs are skipped.
const stop = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  signal: stop.signal,
});
