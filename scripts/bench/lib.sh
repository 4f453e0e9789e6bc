# shellcheck shell=bash
# Helpers of the benchmark scripts (sourced): timing with a median, and JSON-safe numbers.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export REPO_ROOT

now() { date +%s.%N; }

# One timed run of "$@" in seconds (its stdout is dropped); fails as the command fails.
time_secs() {
  local t0 rc=0
  t0=$(now)
  "$@" > /dev/null || rc=$?
  awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f\n", b - a }'
  return $rc
}

# median_secs N CMD...: the median wall time of N runs of CMD (no warm-up: callers do their own).
median_secs() {
  local n=$1 i t times=()
  shift
  for ((i = 0; i < n; i++)); do
    t=$(time_secs "$@") || return 1
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# A string as a JSON string literal (one line: control characters become spaces).
json_str() { printf '"%s"' "$(printf '%s' "$1" | tr '\000-\037' ' ' | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

# measure REPEAT CMD...: one warm-up run, then REPEAT timed runs; prints one JSON object:
# {"secs": median, "zfs": N, "ssh": N, "exitCode": 0} with the process counts of the last run, or
# {"exitCode": rc, "error": "..."} if the warm-up failed. The caller defines counters_reset and
# counters_read (prints "ZFS SSH") for where its processes run, and may redefine before_run (called
# untimed before every run, e.g. to remove a full send's destination).
before_run() { :; }
measure() {
  local n=$1 rc=0 err i t times=()
  shift
  err=$(mktemp)
  before_run
  "$@" > /dev/null 2> "$err" || rc=$?
  if [ $rc != 0 ]; then
    printf '{"exitCode":%s,"error":%s}\n' "$rc" "$(json_str "$(grep -v '^\s*$' "$err" | grep -m1 -iE 'error|refus|not yet|invalid|cannot' || tail -n1 "$err")")"
    rm -f "$err"
    return 0
  fi
  for ((i = 0; i < n; i++)); do
    before_run
    counters_reset
    t=$(time_secs "$@" 2> "$err") || {
      rc=$?
      printf '{"exitCode":%s,"error":%s}\n' "$rc" "$(json_str "$(tail -n1 "$err")")"
      rm -f "$err"
      return 0
    }
    times+=("$t")
  done
  rm -f "$err"
  local counts med
  counts=$(counters_read)
  med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf '{"secs":%s,"zfs":%s,"ssh":%s,"exitCode":0}\n' "$med" "${counts% *}" "${counts#* }"
}
