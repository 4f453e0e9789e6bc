#!/usr/bin/env bash
# The benchmark's side inside the ZFS test guest (run there over ssh; the guest mounts this checkout
# at the same path). Pools live in files under /var/tmp/bench and are named bench*; a `zfs` shim in
# /usr/local/sbin (first in the guest's PATH, also for commands that arrive over ssh) counts zfs
# processes into /run/bench-count while that file exists.
#   guest.sh setup-p1 DATASETS | setup-p2 MB | teardown
#   guest.sh measure REPEAT CMD...     (see lib.sh measure; counts zfs processes, ssh = 0)
#   guest.sh measure-fresh DATASET REPEAT CMD...   (the same, DATASET destroyed before each run)
#   guest.sh count-reset | count-read  (for measurements driven from the host)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
DIR=/var/tmp/bench
COUNT=/run/bench-count

pool() { # NAME SIZE_MB
  mkdir -p "$DIR"
  zpool destroy -f "$1" 2> /dev/null || true
  truncate -s "${2}M" "$DIR/$1.img"
  zpool create -f -O mountpoint="$DIR/mnt/$1" -O compression=off "$1" "$DIR/$1.img"
}

install_shim() {
  local real
  real=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v zfs)
  printf '#!/bin/sh\n[ -f %s ] && echo zfs >> %s\nexec %s "$@"\n' "$COUNT" "$COUNT" "$real" > /usr/local/sbin/zfs
  chmod 755 /usr/local/sbin/zfs
}

setup_p1() { # 1 + N datasets, each with 3 snapshots; the destination a -u replica of all of them
  local n=$1 i
  install_shim
  pool benchsrc 512
  pool benchdst 512
  zfs create benchsrc/data
  for ((i = 0; i < n; i++)); do zfs create -p "benchsrc/data/d$(printf '%04d' "$i")"; done
  for s in s1 s2 s3; do zfs snapshot -r "benchsrc/data@$s"; done
  zfs send -R benchsrc/data@s3 | zfs receive -u benchdst/data
  # A freshly received tree lists slowly the first time: list both once before anything is timed.
  zfs list -t snapshot -r -H -o name benchsrc/data benchdst/data > /dev/null
}

setup_p2() { # one dataset with MB MiB of moderately compressible data (base64 of random bytes)
  local mb=$1
  install_shim
  pool benchsrc $((mb * 2 + 256))
  pool benchdst $((mb * 2 + 256))
  zfs create benchsrc/big
  # head closes the pipe when it has enough: base64's SIGPIPE is expected, not a failure.
  head -c $((mb * 1048576)) < <(base64 -w 0 /dev/urandom) > "$DIR/mnt/benchsrc/big/data"
  zfs snapshot benchsrc/big@s1
  zpool sync benchsrc
}

teardown() {
  local p
  for p in benchsrc benchdst; do
    zpool list "$p" > /dev/null 2>&1 && { zpool destroy -f "$p" || { sleep 2; zpool destroy -f "$p"; }; }
  done
  rm -rf "$DIR" "$COUNT" /usr/local/sbin/zfs
}

counters_reset() { : > "$COUNT"; }
counters_read() { echo "$(grep -c . "$COUNT" || true) 0"; }

case ${1:-} in
  setup-p1) setup_p1 "$2" ;;
  setup-p2) setup_p2 "$2" ;;
  teardown) teardown ;;
  measure) shift; measure "$@"; rm -f "$COUNT" ;;
  measure-fresh)
    fresh=$2
    before_run() { zfs destroy -r "$fresh" 2> /dev/null || true; }
    shift 2; measure "$@"; rm -f "$COUNT" ;;
  count-reset) counters_reset ;;
  count-read) counters_read; rm -f "$COUNT" ;;
  *) sed -n '2,8p' "$0" >&2; exit 2 ;;
esac
