#!/usr/bin/env bash
# P5: start-up on this machine: `bzfs --version` from the single-file bundle (dist/bzfs.mjs) and from
# the unbundled build (dist/bin/bzfs.js), against `node -e 0`. Prints one JSON line. Usage: startup.sh REPEAT
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-3}
# Start-up figures are small and noisy: at least 5 runs each, after one warm-up of each.
[ "$n" -ge 5 ] || n=5
bundle=$REPO_ROOT/packages/bzfs/dist/bzfs.mjs
unbundled=$REPO_ROOT/packages/bzfs/dist/bin/bzfs.js
for f in "$bundle" "$unbundled"; do node "$f" --version > /dev/null; done
node_secs=$(median_secs "$n" node -e 0)
bundle_secs=$(median_secs "$n" node "$bundle" --version)
unbundled_secs=$(median_secs "$n" node "$unbundled" --version)
printf '{"part":"P5","repeat":%s,"nodeSecs":%s,"bundleSecs":%s,"unbundledSecs":%s}\n' \
  "$n" "$node_secs" "$bundle_secs" "$unbundled_secs"
