#!/usr/bin/env bash
# `npm run bench [-- FLAGS]`: bzfs-ts against baselines measured in the same run (P1-P5, see
# README.md#performance). Writes bench-results/<UTC time>.json and prints the table (report.mjs).
#   --original DIR   a checkout of the original bzfs (python); copied into the guest; never committed
#   --only P1,P2,... the parts to run (default all; P3-P5 need no guest)
#   --repeat N       timed runs per case after one warm-up, median reported (default 3)
#   --datasets N     P1's datasets under the root, 3 snapshots each (default 100)
#   --mb N           P2's full send size in MiB (default 256)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ORIGINAL='' ONLY=P1,P2,P3,P4,P5 REPEAT=3 DATASETS=100 MB=256
while [ $# -gt 0 ]; do
  case $1 in
    --original) ORIGINAL=$(cd "$2" && pwd); shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --datasets) DATASETS=$2; shift 2 ;;
    --mb) MB=$2; shift 2 ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
  esac
done
for v in "$REPEAT" "$DATASETS" "$MB"; do [[ $v =~ ^[1-9][0-9]*$ ]] || { echo "bench: not a positive number: $v" >&2; exit 2; }; done
wants() { [[ ,$ONLY, == *,$1,* ]]; }
OUT_DIR=$REPO_ROOT/bench-results
mkdir -p "$OUT_DIR"
STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
RAW=$OUT_DIR/$STAMP.jsonl
: > "$RAW"
export BENCH_RAW=$RAW
note() { printf '{"part":"note","text":%s}\n' "$(json_str "$*")" >> "$RAW"; echo "bench: $*" >&2; }
record() { echo "$1" >> "$RAW"; }
if [ -n "$ORIGINAL" ] && [ ! -f "$ORIGINAL/bzfs_main/bzfs.py" ]; then
  echo "bench: --original $ORIGINAL has no bzfs_main/bzfs.py" >&2
  exit 2
fi
[ -n "$ORIGINAL" ] || note "no --original DIR: the original bzfs is not measured (ratios against it are n/a)"
printf '{"part":"meta","date":%s,"host":%s,"cpus":%s,"node":%s,"bzfsTs":%s,"repeat":%s,"datasets":%s,"mb":%s,"original":%s}\n' \
  "$(json_str "$(date -u '+%Y-%m-%d %H:%M UTC')")" "$(json_str "$(uname -srm)")" "$(nproc)" "$(json_str "$(node --version)")" \
  "$(json_str "$(node "$REPO_ROOT/packages/bzfs/dist/bzfs.mjs" --version 2>&1 | head -n1)")" "$REPEAT" "$DATASETS" "$MB" \
  "$(json_str "${ORIGINAL:+$(git -C "$ORIGINAL" describe --always 2> /dev/null || grep -m1 '^version' "$ORIGINAL/pyproject.toml" || echo "$ORIGINAL")}")" >> "$RAW"

if wants P5; then echo "bench: P5 start-up" >&2; record "$(bash "$REPO_ROOT/scripts/bench/startup.sh" "$REPEAT")"; fi
if wants P4; then echo "bench: P4 jobrunner, 1000 host pairs" >&2; record "$(bash "$REPO_ROOT/scripts/bench/jobrunner-scale.sh" 1000)"; fi
if wants P3; then
  for size in "1000 100" "1000 200" "10000 100"; do
    echo "bench: P3 planning, ${size% *} datasets x ${size#* } snapshots" >&2
    # shellcheck disable=SC2086
    line=$(node "$REPO_ROOT/scripts/bench/plan-scale-child.mjs" $size) || line='{"exitCode":1}'
    record "{\"part\":\"P3\",${line#\{}"
  done
fi
if wants P1 || wants P2; then
  if [ -z "${BZFS_TESTBED_SSH_CONFIG:-}" ]; then
    note "P1/P2 need the ZFS guest: run through npm run bench (scripts/run-tests.sh bench boots it)"
  else
    bash "$REPO_ROOT/scripts/bench/zfs-parts.sh" "$ONLY" "$REPEAT" "$DATASETS" "$MB" "$ORIGINAL" || note "P1/P2 stopped early (exit $?)"
  fi
fi
node "$REPO_ROOT/scripts/bench/report.mjs" "$RAW" "$OUT_DIR/$STAMP.json"
rm -f "$RAW"
