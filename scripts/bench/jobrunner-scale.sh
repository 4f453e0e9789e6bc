#!/usr/bin/env bash
# P4: bzfs-jobrunner over PAIRS host pairs (PAIRS source hosts, one destination) with a stub bzfs
# (`--bzfs-program` = a no-op script). Prints one JSON line: the expansion time per pair
# (--jobrunner-dryrun, minus the start-up of a 1-pair spec) and the dispatch overhead per run
# (a real run minus the dry run of the same spec). Usage: jobrunner-scale.sh PAIRS
set -euo pipefail
. "$(dirname "$0")/lib.sh"
pairs=${1:-1000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-p4.XXXXXX")
trap 'rm -rf "$dir"' EXIT
printf '#!/bin/sh\nexit 0\n' > "$dir/stub-bzfs"
chmod +x "$dir/stub-bzfs"
spec() { # N -> spec file with N source hosts
  local f=$dir/jobs-$1.yaml
  {
    echo "jobId: bench"
    echo "rootDatasetPairs: [{ src: tank/data, dst: backup }]"
    echo "srcHosts: [$(seq -f 'src%04g' 1 "$1" | paste -sd, | sed 's/,/, /g')]"
    echo "dstHosts:"
    echo "  nas: { root: pool/^SRC_HOST, targets: [onsite] }"
    echo "dstSnapshotPlan: { prod: { onsite: { hourly: 24 } } }"
    echo "logDir: $dir/bzfs-logs"
  } > "$f"
  echo "$f"
}
JR=(node "$REPO_ROOT/packages/jobrunner/dist/bin/jobrunner.js")
run_dry() { "${JR[@]}" --spec "$1" --dst-host nas --replicate --jobrunner-dryrun > /dev/null; }
run_real() { "${JR[@]}" --spec "$1" --dst-host nas --replicate --bzfs-program "$dir/stub-bzfs" --job-run bench > /dev/null 2>&1; }
one=$(spec 1)
many=$(spec "$pairs")
run_dry "$many" # warm-up (page cache)
dry1=$(median_secs 3 run_dry "$one")
dryN=$(median_secs 3 run_dry "$many")
rc=0
real=$(median_secs 1 run_real "$many") || rc=$?
runs=$(find "$dir/bzfs-logs" -name '*.log' 2>/dev/null | wc -l)
node -e '
  const [pairs, dry1, dryN, real, runs, rc] = process.argv.slice(1).map(Number);
  console.log(JSON.stringify({ part: "P4", pairs, runs, exitCode: rc, dryRun1Secs: dry1, dryRunSecs: dryN, realSecs: real,
    expandMsPerPair: ((dryN - dry1) * 1000) / pairs, dispatchMsPerRun: runs ? ((real - dryN) * 1000) / runs : null }));
' "$pairs" "$dry1" "$dryN" "$real" "$runs" "$rc"
