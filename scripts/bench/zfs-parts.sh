#!/usr/bin/env bash
# P1 (no-op incremental) and P2 (full-send throughput) on the ZFS guest, local inside it and
# pull-push from this host; appends JSON lines to $BENCH_RAW. Pools are destroyed on every exit.
# Usage: zfs-parts.sh ONLY REPEAT DATASETS MB ORIGINAL_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ONLY=$1 REPEAT=$2 DATASETS=$3 MB=$4 ORIGINAL=$5
CFG=$BZFS_TESTBED_SSH_CONFIG
wants() { [[ ,$ONLY, == *,$1,* ]]; }
note() { printf '{"part":"note","text":%s}\n' "$(json_str "$*")" >> "$BENCH_RAW"; echo "bench: $*" >&2; }
guest() { /usr/bin/ssh -F "$CFG" bzfs-guest "$@"; }
G="bash $(printf %q "$REPO_ROOT/scripts/bench/guest.sh")"
trap 'guest "$G teardown" || echo "bench: WARNING: could not destroy the bench pools in the guest" >&2; rm -rf "$SHIM"' EXIT
SHIM=$(mktemp -d "${TMPDIR:-/tmp}/bench-shim.XXXXXX")
# Every tool's ssh processes on this host are counted through this shim (first in PATH).
printf '#!/bin/sh\necho ssh >> %s/count\nexec /usr/bin/ssh "$@"\n' "$SHIM" > "$SHIM/ssh"
chmod 755 "$SHIM/ssh"
export bzfs_disable_loopback=true

# The guest's tools: python3 (the original) and syncoid (Debian's sanoid), installed now if missing.
if ! guest 'command -v python3 && command -v syncoid' > /dev/null; then
  echo "bench: installing python3 and sanoid in the guest (apt)" >&2
  out=$(guest 'export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q --no-install-recommends python3 sanoid' 2>&1) ||
    note "apt in the guest failed, so the original and syncoid may be missing there: $(tail -n2 <<< "$out")"
fi
# This host's syncoid (the pull-push row), installed by the bench itself like everything a run needs.
if ! command -v syncoid > /dev/null && command -v apt-get > /dev/null; then
  echo "bench: installing sanoid (syncoid) on this host (apt)" >&2
  root=(); [ "$(id -u)" = 0 ] || root=(sudo -n)
  "${root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sanoid > /dev/null 2>&1 ||
    note "apt on this host failed: syncoid's pull-push row is left out"
fi
HAVE_ORIG_GUEST=0
if [ -n "$ORIGINAL" ]; then
  tar -C "$ORIGINAL" -c bzfs_main | guest 'rm -rf /root/bzfs-orig && mkdir -p /root/bzfs-orig && tar -x -C /root/bzfs-orig' &&
    guest 'command -v python3' > /dev/null && HAVE_ORIG_GUEST=1
fi
BZ_GUEST="node $(printf %q "$REPO_ROOT/packages/bzfs/dist/bzfs.mjs")"
ORIG_GUEST="env PYTHONPATH=/root/bzfs-orig python3 -m bzfs_main.bzfs"
BZ_HOST=(node "$REPO_ROOT/packages/bzfs/dist/bzfs.mjs")
ORIG_HOST=(env "PYTHONPATH=$ORIGINAL" python3 -m bzfs_main.bzfs)
SSH_OPTS=(--ssh-src-config-file "$CFG" --ssh-dst-config-file "$CFG")
PORT=$(awk '$1 == "Port" { print $2; exit }' "$CFG")
KEY=$(awk '$1 == "IdentityFile" { print $2; exit }' "$CFG")
SYNCOID_SSH=(--sshport="$PORT" --sshkey="$KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)

# One case: part, mode, tool, variant, then the JSON object measure printed.
emit() { printf '{"part":"%s","mode":"%s","tool":"%s","variant":"%s",%s\n' "$1" "$2" "$3" "$4" "${5#\{}" >> "$BENCH_RAW"; }
local_case() { # PART TOOL VARIANT CMD (a command line for the guest's shell)
  echo "bench: $1 local $2 $3" >&2
  emit "$1" local "$2" "$3" "$(guest "$G $G_MEASURE $REPEAT $4")"
}
G_MEASURE=measure
counters_reset() { : > "$SHIM/count"; guest "$G count-reset"; }
counters_read() { echo "$(guest "$G count-read") $(grep -c . "$SHIM/count" || true)" | awk '{ print $1, $3 }'; }
remote_case() { # PART TOOL VARIANT CMD...
  local part=$1 tool=$2 variant=$3
  shift 3
  echo "bench: $part pull-push $tool $variant" >&2
  emit "$part" pull-push "$tool" "$variant" "$(PATH=$SHIM:$PATH measure "$REPEAT" "$@")"
}
skip() { emit "$1" "$2" "$3" "$4" "{\"exitCode\":null,\"error\":$(json_str "$5")}"; }
HAVE_ORIG_HOST=0
[ -n "$ORIGINAL" ] && command -v python3 > /dev/null && HAVE_ORIG_HOST=1

if wants P1; then
  echo "bench: P1 setup: $DATASETS datasets x 3 snapshots, replicated (-u)" >&2
  guest "$G setup-p1 $DATASETS"
  S=benchsrc/data D=benchdst/data
  LIST="zfs list -t snapshot -r -Hp -o name"
  local_case P1 floor "" "bash -c 'node -e 0 && $LIST $S && $LIST $D'"
  for c in "" --cache-snapshots; do
    local_case P1 bzfs-ts "$c" "$BZ_GUEST --recursive $c $S $D"
    if [ $HAVE_ORIG_GUEST = 1 ]; then local_case P1 original "$c" "$ORIG_GUEST --recursive $c $S $D"
    else skip P1 local original "$c" "no --original DIR (or no python3 in the guest)"; fi
  done
  if guest 'command -v syncoid' > /dev/null; then local_case P1 syncoid "" "syncoid -r --no-sync-snap --recvoptions=u --quiet $S $D"
  else skip P1 local syncoid "" "syncoid is not installed in the guest"; fi
  floor_remote() { node -e 0 && ssh -F "$CFG" bzfs-src "$LIST $S" && ssh -F "$CFG" bzfs-dst "$LIST $D"; }
  remote_case P1 floor "" floor_remote
  for c in "" --cache-snapshots; do
    remote_case P1 bzfs-ts "$c" "${BZ_HOST[@]}" "${SSH_OPTS[@]}" --recursive $c "bzfs-src:$S" "bzfs-dst:$D"
    if [ $HAVE_ORIG_HOST = 1 ]; then remote_case P1 original "$c" "${ORIG_HOST[@]}" "${SSH_OPTS[@]}" --recursive $c "bzfs-src:$S" "bzfs-dst:$D"
    else skip P1 pull-push original "$c" "no --original DIR (or no python3 on this host)"; fi
  done
  if command -v syncoid > /dev/null; then
    remote_case P1 syncoid "" syncoid -r --no-sync-snap --recvoptions=u --quiet "${SYNCOID_SSH[@]}" "root@127.0.0.1:$S" "root@127.0.0.1:$D"
  else skip P1 pull-push syncoid "" "syncoid is not installed on this host (Debian: apt-get install sanoid)"; fi
  guest "$G teardown"
fi

if wants P2; then
  echo "bench: P2 setup: a $MB MiB dataset" >&2
  guest "$G setup-p2 $MB"
  printf '{"part":"P2meta","mb":%s}\n' "$MB" >> "$BENCH_RAW"
  S=benchsrc/big D=benchdst/big
  # A full send needs a destination without the dataset: measure-fresh destroys it before each run, untimed.
  G_MEASURE="measure-fresh $D"
  local_case P2 raw "" "bash -c 'zfs send $S@s1 | zfs receive -u $D'"
  local_case P2 bzfs-ts "" "$BZ_GUEST $S $D"
  if [ $HAVE_ORIG_GUEST = 1 ]; then local_case P2 original "" "$ORIG_GUEST $S $D"
  else skip P2 local original "" "no --original DIR"; fi
  before_run() { guest "zfs destroy -r $D 2>/dev/null; exit 0"; }
  raw_remote() { ssh -F "$CFG" bzfs-src "zfs send $S@s1" | ssh -F "$CFG" bzfs-dst "zfs receive -u $D"; }
  raw_remote_zstd() { ssh -F "$CFG" bzfs-src "zfs send $S@s1 | zstd -c -1" | ssh -F "$CFG" bzfs-dst "zstd -dc | zfs receive -u $D"; }
  remote_case P2 raw "" raw_remote
  remote_case P2 raw zstd-1 raw_remote_zstd
  for c in "" --compression-program=-; do
    remote_case P2 bzfs-ts "$c" "${BZ_HOST[@]}" "${SSH_OPTS[@]}" $c "bzfs-src:$S" "bzfs-dst:$D"
    if [ $HAVE_ORIG_HOST = 1 ]; then remote_case P2 original "$c" "${ORIG_HOST[@]}" "${SSH_OPTS[@]}" $c "bzfs-src:$S" "bzfs-dst:$D"
    else skip P2 pull-push original "$c" "no --original DIR"; fi
  done
fi
