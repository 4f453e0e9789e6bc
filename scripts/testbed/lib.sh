# shellcheck shell=bash
# Shared settings and helpers of the ZFS test bed. Sourced, never run.

TESTBED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$TESTBED_DIR/../.." && pwd)
CACHE_ROOT=${BZFS_TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bzfs-testbed}
# Run-time state (pid file, console log, ssh config) lives outside the repo too.
RUN_DIR=${BZFS_TESTBED_RUN_DIR:-$CACHE_ROOT/run}
GUEST_SUITE=bookworm
GUEST_MEM_MB=${BZFS_TESTBED_MEM_MB:-3072}
GUEST_CPUS=${BZFS_TESTBED_CPUS:-2}
GUEST_DISK_SIZE=3G
BOOT_TIMEOUT_SECS=${BZFS_TESTBED_BOOT_TIMEOUT:-240}

say() { printf 'testbed: %s\n' "$*" >&2; }
die() { printf 'testbed: ERROR: %s\n' "$*" >&2; exit 1; }

# The image is keyed by the content of every file that goes into building it, so editing
# the build recipe or the guest's init script yields a new image and never a stale one.
image_key() {
  cat "$TESTBED_DIR/build-image.sh" "$TESTBED_DIR/guest-init.sh" "$TESTBED_DIR/lib.sh" \
    | sha256sum | cut -c1-16
}
image_dir() { printf '%s/images/%s\n' "$CACHE_ROOT" "$(image_key)"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@" || die "needs root: run as root or allow sudo -n for: $*"; fi
}

# The guest uses the same Debian mirror the host's apt is configured with (no host name is
# hard-coded here); BZFS_TESTBED_MIRROR overrides it.
debian_mirror() {
  if [ -n "${BZFS_TESTBED_MIRROR:-}" ]; then printf '%s\n' "$BZFS_TESTBED_MIRROR"; return; fi
  local uri
  uri=$(awk '
    /^URIs:/ { u=$2 }
    /^Suites:/ { for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+$/ && u !~ /security/) { print u; exit } }
  ' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ { for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) { print $i; exit } }' \
      /etc/apt/sources.list | head -n1)
  fi
  [ -n "$uri" ] || die "cannot find a Debian mirror in the host's apt sources; set BZFS_TESTBED_MIRROR=<url>"
  printf '%s\n' "$uri"
}
