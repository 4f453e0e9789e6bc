#!/usr/bin/env bash
# Builds the ZFS test guest: a minimal Debian with OpenZFS (dkms-built for the guest kernel),
# sshd and the helper programs bzfs uses. Output: vmlinuz, initrd.img, rootfs.img, the ssh key
# and a manifest of package versions, in the image directory given as $1.
# Runs as root; needs debootstrap, e2fsprogs and a reachable Debian mirror.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

OUT=${1:?usage: build-image.sh OUT_DIR}
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/bzfs-testbed-build.XXXXXX")
ROOTFS=$WORK/rootfs
MIRROR=$(debian_mirror)

cleanup() {
  for m in dev/pts dev proc sys; do
    mountpoint -q "$ROOTFS/$m" 2>/dev/null && umount -l "$ROOTFS/$m"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

in_chroot() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"; }

step() { say "build: $*"; }

step "debootstrap $GUEST_SUITE from $MIRROR"
debootstrap --variant=minbase --components=main \
  --include=ca-certificates,apt-utils "$GUEST_SUITE" "$ROOTFS" "$MIRROR" \
  || die "debootstrap failed (is the mirror $MIRROR reachable? see the output above)"

cat > "$ROOTFS/etc/apt/sources.list" <<SRC
deb $MIRROR $GUEST_SUITE main contrib
deb $MIRROR $GUEST_SUITE-backports main contrib
SRC
# Keep services from starting inside the chroot.
printf '#!/bin/sh\nexit 101\n' > "$ROOTFS/usr/sbin/policy-rc.d"
chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"
printf 'path-exclude=/usr/share/doc/*\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/locale/*\n' \
  > "$ROOTFS/etc/dpkg/dpkg.cfg.d/01-nodoc"

mount -t proc proc "$ROOTFS/proc"
mount -t sysfs sys "$ROOTFS/sys"
mount --bind /dev "$ROOTFS/dev"
mount --bind /dev/pts "$ROOTFS/dev/pts"

step "apt: initramfs-tools"
in_chroot apt-get update -q
in_chroot apt-get install -y -q --no-install-recommends initramfs-tools kmod udev
# A small initramfs: just what mounts the virtio root disk (set before the kernel arrives).
sed -i -e 's/^MODULES=.*/MODULES=list/' -e 's/^COMPRESS=.*/COMPRESS=gzip/' "$ROOTFS/etc/initramfs-tools/initramfs.conf"
printf 'virtio_pci\nvirtio_blk\next4\n' >> "$ROOTFS/etc/initramfs-tools/modules"
step "apt: kernel, tools"
in_chroot apt-get install -y -q --no-install-recommends \
  linux-image-amd64 linux-headers-amd64 \
  openssh-server openssh-client iproute2 procps sudo mbuffer zstd lz4 pv \
  libstdc++6 libgcc-s1
KVER=$(basename "$(ls -d "$ROOTFS"/lib/modules/* | sort -V | tail -n1)")
step "guest kernel $KVER; apt: zfs from $GUEST_SUITE-backports (dkms compiles the module, a few minutes)"
in_chroot apt-get install -y -q --no-install-recommends -t "$GUEST_SUITE-backports" \
  zfs-dkms zfsutils-linux
if ! ls "$ROOTFS/lib/modules/$KVER/updates/dkms/zfs.ko"* >/dev/null 2>&1; then
  ZVER=$(in_chroot dpkg-query -W -f '${Version}' zfs-dkms | sed 's/-.*//')
  step "dkms skipped the guest kernel; building zfs/$ZVER for $KVER"
  in_chroot dkms install "zfs/$ZVER" -k "$KVER"
fi
ls "$ROOTFS/lib/modules/$KVER/updates/dkms/zfs.ko"* >/dev/null 2>&1 || die "zfs.ko was not built for $KVER"
in_chroot depmod "$KVER"
in_chroot update-initramfs -c -k "$KVER" 2>/dev/null || in_chroot update-initramfs -u -k "$KVER"

step "configure guest"
install -m 755 "$TESTBED_DIR/guest-init.sh" "$ROOTFS/sbin/bzfs-testbed-init"
echo bzfs-testbed > "$ROOTFS/etc/hostname"
printf '127.0.0.1 localhost bzfs-testbed\n' > "$ROOTFS/etc/hosts"
ssh-keygen -q -t ed25519 -N '' -C bzfs-testbed -f "$WORK/id_ed25519"
in_chroot ssh-keygen -A
mkdir -p -m 700 "$ROOTFS/root/.ssh"
cp "$WORK/id_ed25519.pub" "$ROOTFS/root/.ssh/authorized_keys"
# The guest can ssh to itself under the same aliases the host uses, for push and pull tests
# run inside the guest.
cp "$WORK/id_ed25519" "$ROOTFS/root/.ssh/id_ed25519"
cat > "$ROOTFS/root/.ssh/config" <<'CFG'
Host bzfs-guest bzfs-src bzfs-dst localhost 127.0.0.1
  HostName 127.0.0.1
  User root
  IdentityFile /root/.ssh/id_ed25519
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  BatchMode yes
  ControlMaster auto
  ControlPath /run/ssh-%C
  ControlPersist 300
CFG
chmod 600 "$ROOTFS/root/.ssh/"*
cat > "$ROOTFS/etc/ssh/sshd_config.d/testbed.conf" <<'CFG'
PermitRootLogin prohibit-password
PasswordAuthentication no
UseDNS no
MaxSessions 64
MaxStartups 64:30:128
CFG
in_chroot apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/src/* "$ROOTFS"/var/lib/dkms/*/*/build

step "manifest"
in_chroot dpkg-query -W -f '${Package} ${Version}\n' \
  linux-image-amd64 zfs-dkms zfsutils-linux openssh-server mbuffer zstd pv > "$WORK/manifest.txt"
echo "kernel $KVER" >> "$WORK/manifest.txt"

for m in dev/pts dev proc sys; do umount -l "$ROOTFS/$m"; done

step "disk image ($GUEST_DISK_SIZE ext4)"
mkdir -p "$OUT.tmp"
cp "$ROOTFS/boot/vmlinuz-$KVER" "$OUT.tmp/vmlinuz"
cp "$ROOTFS/boot/initrd.img-$KVER" "$OUT.tmp/initrd.img"
rm -rf "$ROOTFS/usr/lib/modules/$KVER/build" "$ROOTFS/usr/lib/modules/$KVER/source"
mkfs.ext4 -q -F -L bzfsroot -d "$ROOTFS" "$OUT.tmp/rootfs.img" "$GUEST_DISK_SIZE"
cp "$WORK/id_ed25519" "$WORK/id_ed25519.pub" "$WORK/manifest.txt" "$OUT.tmp/"
chmod 600 "$OUT.tmp/id_ed25519"
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
step "done: $OUT"
