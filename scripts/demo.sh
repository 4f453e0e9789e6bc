#!/usr/bin/env bash
# The main job of the quickstart: boots the ZFS test guest and runs a real replication with bzfs
# from this machine (pull-push over ssh: the guest is both source and destination host), first
# in full, then incrementally, printing what it did and the resulting snapshot lists.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS=--no-warnings

banner() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

banner "build"
npm run -s build

banner "boot the ZFS test guest (the first run builds its image: about 5 minutes)"
booted=0
if ! scripts/testbed.sh status >/dev/null 2>&1; then scripts/testbed.sh up; booted=1; fi
eval "$(scripts/testbed.sh env)"
guest() { scripts/testbed.sh ssh "$@"; }
cleanup() {
  guest 'for p in demosrc demodst; do zpool destroy -f $p 2>/dev/null; rm -f /var/tmp/$p.img; done' || true
  if [ $booted = 1 ] && [ "${BZFS_TESTBED_KEEP:-0}" != 1 ]; then scripts/testbed.sh down; fi
}
trap cleanup EXIT

banner "two pools in the guest: demosrc (with data and 3 snapshots) and demodst (empty)"
guest 'set -e
for p in demosrc demodst; do
  zpool destroy -f $p 2>/dev/null || true
  truncate -s 256M /var/tmp/$p.img
  zpool create -f -O mountpoint=/demo/$p $p /var/tmp/$p.img
done
zfs create demosrc/projects
zfs create demosrc/projects/web
for i in 1 2 3; do
  head -c 200000 /dev/urandom > /demo/demosrc/projects/file$i
  echo "release $i" > /demo/demosrc/projects/web/index.html
  zfs snapshot -r demosrc/projects@daily_$i
done
zfs list -t all -r -o name,used,guid demosrc'

BZFS=(node packages/bzfs/dist/bin/bzfs.js --log-dir "${TMPDIR:-/tmp}/bzfs-demo/bzfs-logs"
  --ssh-src-config-file "$BZFS_TESTBED_SSH_CONFIG" --ssh-dst-config-file "$BZFS_TESTBED_SSH_CONFIG")

banner "bzfs --recursive bzfs-src:demosrc/projects bzfs-dst:demodst/backup/projects   (first run: full)"
"${BZFS[@]}" --recursive bzfs-src:demosrc/projects bzfs-dst:demodst/backup/projects

banner "two more snapshots on the source"
guest 'for i in 4 5; do head -c 100000 /dev/urandom > /demo/demosrc/projects/file$i; zfs snapshot -r demosrc/projects@daily_$i; done'

banner "bzfs again (incremental: only daily_4 and daily_5 travel)"
"${BZFS[@]}" --recursive bzfs-src:demosrc/projects bzfs-dst:demodst/backup/projects

banner "the result: source and destination snapshots with their GUIDs"
guest 'echo "--- source"; zfs list -t snapshot -r -Hp -o name,guid -s name demosrc/projects
echo "--- destination"; zfs list -t snapshot -r -Hp -o name,guid -s name demodst/backup/projects'
src=$(guest 'zfs list -t snapshot -r -Hp -o name,guid -s name demosrc/projects' | sed 's|^demosrc/projects||')
dst=$(guest 'zfs list -t snapshot -r -Hp -o name,guid -s name demodst/backup/projects' | sed 's|^demodst/backup/projects||')
if [ "$src" = "$dst" ]; then
  banner "OK: the destination has every source snapshot, with identical GUIDs ($(echo "$src" | wc -l) snapshots)"
else
  banner "MISMATCH between source and destination"; diff <(echo "$src") <(echo "$dst"); exit 1
fi
