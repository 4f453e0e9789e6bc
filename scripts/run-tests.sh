#!/usr/bin/env bash
# The project's test entry point (npm test, npm run test:unit, npm run test:integration, npm run bench).
#   all          lint, type-check, build, unit tests, then the integration tier on real ZFS
#   lint         eslint (layering, cycles, promises), prettier, tsc, knip
#   unit         build + unit tests only (the fast inner loop)
#   integration  build + integration tier only
#   bench        build + the benchmark (scripts/bench/bench.sh; flags after `bench` go to it)
# The integration tier runs against the project's qemu guest (booted here, stopped afterwards
# if this script booted it) unless BZFS_TESTBED=local says ZFS is on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
JEST=(node --experimental-vm-modules node_modules/jest/bin/jest.js)
export NODE_OPTIONS=--no-warnings

step() { printf '\n=== %s\n' "$*"; }

# Each jest run leaves its counts here; the last line of `all` sums them up.
RESULTS=$(mktemp -d)
trap 'rm -rf "$RESULTS"' EXIT
jest_run() {
  local name=$1; shift
  "${JEST[@]}" --json --outputFile="$RESULTS/$name.json" "$@"
}
summary() {
  node -e '
    const fs = require("fs"), dir = process.argv[1];
    let passed = 0, failed = 0, skipped = 0, broken = 0;
    for (const f of fs.readdirSync(dir)) {
      const r = JSON.parse(fs.readFileSync(dir + "/" + f, "utf8"));
      // A suite that fails to load runs no test: count it, or "0 failed" hides it.
      const b = r.numRuntimeErrorTestSuites ?? 0;
      passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests; broken += b;
      console.log(`${f.replace(".json", "")}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped` +
        (b ? `, ${b} suite(s) failed to run` : ""));
    }
    console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped` + (broken ? `, ${broken} suite(s) failed to run` : ""));
  ' "$RESULTS"
}

lint() {
  step "lint and type-check"
  npx eslint .
  npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
  npx tsc -p tsconfig.check.json
  # Unused files, exports and dependencies (config: knip.jsonc).
  npx knip
}

build() { step "build"; npm run -s build; chmod +x packages/*/dist/bin/*.js; }

unit() { step "unit tests"; jest_run unit --selectProjects unit; }

with_zfs() {
  if [ "${BZFS_TESTBED:-}" = local ]; then "$@"; return; fi
  local booted=0
  if ! scripts/testbed.sh status >/dev/null 2>&1 || ! scripts/testbed.sh serves-this-checkout; then
    step "booting the ZFS test guest"
    scripts/testbed.sh up
    booted=1
  fi
  eval "$(scripts/testbed.sh env)"
  local rc=0
  "$@" || rc=$?
  if [ $booted = 1 ] && [ "${BZFS_TESTBED_KEEP:-0}" != 1 ]; then scripts/testbed.sh down; fi
  return $rc
}

integration() {
  step "integration tests on real ZFS (${BZFS_TESTBED:-guest})"
  jest_run integration --selectProjects integration --runInBand --testTimeout=300000
}

bench() { step "benchmarks (scripts/bench/bench.sh)"; bash scripts/bench/bench.sh "$@"; }
# The guest is booted only for the parts that need ZFS (P1, P2): `--only P3,P4,P5` runs without it.
bench_needs_zfs() {
  local only=P1,P2
  while [ $# -gt 0 ]; do [ "$1" = --only ] && only=${2:-}; shift; done
  [[ ,$only, == *,P1,* || ,$only, == *,P2,* ]]
}

case $what in
  all)
    lint
    build
    rc=0
    unit || rc=$?
    if [ $rc = 0 ]; then with_zfs integration || rc=$?; fi
    step "summary"
    summary
    exit $rc
    ;;
  lint) lint ;;
  unit) build; unit ;;
  integration) build; with_zfs integration ;;
  bench)
    build
    shift
    if bench_needs_zfs "$@"; then with_zfs bench "$@"; else bench "$@"; fi
    ;;
  *) echo "usage: $0 all|lint|unit|integration|bench" >&2; exit 2 ;;
esac
