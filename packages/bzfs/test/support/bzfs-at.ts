/**
 * Test support, not a production entry: `node bzfs-at.mjs INSTANT_MS ARGS...` runs the real bzfs
 * CLI (main) with its clock fixed at INSTANT_MS (milliseconds since the epoch), so that
 * integration tests can put a run at a chosen time (a schedule boundary, a day later) without a
 * clock option in bzfs itself. Durations and sleeps still use the system clock. Bundled by
 * scripts/bundle.mjs to packages/bzfs/dist/bzfs-at.mjs, which the guest runs like dist/bzfs.mjs.
 */
import { systemClock, type Clock } from '../../src/infra/clock.js';
import { main } from '../../src/main.js';

const [instant, ...args] = process.argv.slice(2);
const wallMs = Number(instant);
if (!/^[0-9]+$/.test(instant ?? '') || !Number.isSafeInteger(wallMs)) {
  process.stderr.write('usage: bzfs-at INSTANT_MS [bzfs arguments...]\n');
  process.exit(2);
}
const fixed: Clock = { ...systemClock, wallMs: () => wallMs };
process.exitCode = await main(args, undefined, fixed);
