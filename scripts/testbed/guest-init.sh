#!/bin/bash
# PID 1 of the ZFS test guest (instead of systemd, which would triple the boot time under
# software emulation). Mounts the basics, loads zfs, brings up the qemu user network, starts
# sshd, mounts the host's shares, then reaps orphans forever.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -o remount,rw /
hostname bzfs-testbed

log() { echo "bzfs-testbed-init: $*" > /dev/console; }

/lib/systemd/systemd-udevd --daemon
udevadm trigger --action=add
udevadm settle --timeout=30
modprobe virtio_net
if modprobe zfs; then log "zfs module loaded: $(cat /sys/module/zfs/version)"; else log "FAILED to load zfs module"; fi

ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0
ip route add default via 10.0.2.2

# Host shares (virtio 9p): the project checkout, at the same absolute path as on the host, and
# the host's node binary, so bzfs can also run inside the guest.
for arg in $(cat /proc/cmdline); do
  case $arg in bzfs.repo=*) REPO=${arg#bzfs.repo=} ;; esac
done
modprobe 9pnet_virtio 2>/dev/null
if [ -n "${REPO:-}" ]; then
  mkdir -p "$REPO" /opt/hostnode
  mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 repo "$REPO" || log "cannot mount repo share"
  mount -t 9p -o trans=virtio,version=9p2000.L,ro hostnode /opt/hostnode || log "cannot mount node share"
  # A local copy: executing the 100 MB binary straight from 9p pages it in over the emulated
  # transport and makes every node start take seconds longer.
  cp /opt/hostnode/node /usr/local/bin/node || log "cannot copy node from the host"
fi

mkdir -p /run/sshd
/usr/sbin/sshd -E /var/log/sshd.log
log "ready: sshd started"

trap '' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
