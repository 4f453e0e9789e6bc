#!/usr/bin/env bash
# Benchmarks on real ZFS (run by `npm run bench` with the guest up): bzfs against a raw
# `zfs send | zfs receive` of the same snapshots, measured in the same run, printed as ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BZFS_TESTBED_SSH_CONFIG:?run through npm run bench}"
MB=${BENCH_MB:-64}
SNAPS=${BENCH_SNAPS:-10}
guest() { ssh -F "$BZFS_TESTBED_SSH_CONFIG" bzfs-guest "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

guest "set -e; for p in benchsrc benchdst; do zpool destroy -f \$p 2>/dev/null || true; truncate -s 1G /var/tmp/\$p.img; zpool create -f -O mountpoint=/bench/\$p -O compression=off \$p /var/tmp/\$p.img; done
zfs create benchsrc/d
for i in \$(seq 1 $SNAPS); do head -c \$(( $MB * 1048576 / $SNAPS )) /dev/urandom > /bench/benchsrc/d/f\$i; zfs snapshot benchsrc/d@s\$i; done"
trap 'guest "zpool destroy -f benchsrc; zpool destroy -f benchdst; rm -f /var/tmp/bench*.img" || true' EXIT
reset_dst() { guest 'zfs destroy -r benchdst/d 2>/dev/null || true'; }

echo "workload: $MB MiB in $SNAPS snapshots (full of s1, then -I s1..s$SNAPS)"
reset_dst; t0=$(now)
guest "zfs send --raw benchsrc/d@s1 | zfs receive -u benchdst/d && zfs send --raw -I benchsrc/d@s1 benchsrc/d@s$SNAPS | zfs receive -u benchdst/d"
raw_local=$(secs "$t0" "$(now)")
reset_dst; t0=$(now)
guest "node $PWD/packages/bzfs/dist/bzfs.mjs --log-dir /tmp/bench/bzfs-logs --create-bookmarks none benchsrc/d benchdst/d" 2>/dev/null
bzfs_local=$(secs "$t0" "$(now)")

reset_dst; t0=$(now)
ssh -F "$BZFS_TESTBED_SSH_CONFIG" bzfs-src "zfs send --raw benchsrc/d@s1" | ssh -F "$BZFS_TESTBED_SSH_CONFIG" bzfs-dst "zfs receive -u benchdst/d"
ssh -F "$BZFS_TESTBED_SSH_CONFIG" bzfs-src "zfs send --raw -I benchsrc/d@s1 benchsrc/d@s$SNAPS" | ssh -F "$BZFS_TESTBED_SSH_CONFIG" bzfs-dst "zfs receive -u benchdst/d"
raw_relay=$(secs "$t0" "$(now)")
reset_dst; t0=$(now)
node packages/bzfs/dist/bin/bzfs.js --log-dir "${TMPDIR:-/tmp}/bench/bzfs-logs" --create-bookmarks none \
  --ssh-src-config-file "$BZFS_TESTBED_SSH_CONFIG" --ssh-dst-config-file "$BZFS_TESTBED_SSH_CONFIG" \
  bzfs-src:benchsrc/d bzfs-dst:benchdst/d 2>/dev/null
bzfs_relay=$(secs "$t0" "$(now)")

printf '\n%-42s %10s %10s %8s\n' "case" "raw (s)" "bzfs (s)" "ratio"
printf '%-42s %10s %10s %8s\n' "local, inside the guest" "$raw_local" "$bzfs_local" "$(awk -v a="$raw_local" -v b="$bzfs_local" 'BEGIN{printf "%.2f", b/a}')"
printf '%-42s %10s %10s %8s\n' "pull-push relayed through this host" "$raw_relay" "$bzfs_relay" "$(awk -v a="$raw_relay" -v b="$bzfs_relay" 'BEGIN{printf "%.2f", b/a}')"
echo "(ratio = bzfs time / raw zfs send | zfs receive time; bzfs includes its node start-up, listing and planning)"
