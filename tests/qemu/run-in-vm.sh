#!/usr/bin/env bash
# Boots Debian's stock kernel (which has IPVS) under qemu with this machine's root file system shared read-only,
# runs one command inside it as root, prints the VM's console, and exits with the command's exit code.
#
#   tests/qemu/run-in-vm.sh [--prepare-only] [--timeout SECONDS] -- COMMAND [ARGS...]
#
# The command runs in a chroot of the host root with tmpfs on /tmp and /run, in the current directory, with no
# network interface besides loopback (nothing can leave the machine). Kernel and initramfs are cached under
# $EDGE_QEMU_CACHE (default /var/cache/edgegateway-qemu), so only the first run downloads anything.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${EDGE_QEMU_CACHE:-/var/cache/edgegateway-qemu}
timeout_s=900
prepare_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prepare-only) prepare_only=1; shift ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "run-in-vm.sh: needs root (apt-get, kernel package cache)" >&2; exit 2; }
[ $prepare_only -eq 1 ] || [ $# -gt 0 ] || { echo "usage: $0 [--prepare-only] [--timeout S] -- COMMAND..." >&2; exit 2; }

# shellcheck source=tests/qemu/vm-image.sh
. "$here/vm-image.sh"
image=$(ensure_vm_image "$cache")
[ $prepare_only -eq 0 ] || { echo "$image"; exit 0; }

job=$(mktemp -d "$cache/job.XXXXXX")
qemu_pid=
cleanup() {
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then kill "$qemu_pid" 2>/dev/null || true; fi
  rm -rf "$job"
}
trap cleanup EXIT INT TERM

# The job script is read by the VM through the shared root; /tmp is a tmpfs in there, so it lives in the cache.
{
  echo "cd $(printf %q "$PWD") || exit 97"
  printf '%q ' "$@"; echo
} > "$job/run.sh"

# Created before qemu starts so that tail can follow it from the first byte.
: > "$job/console.log"
qemu-system-x86_64 -accel tcg -m "${EDGE_QEMU_MEMORY:-2048}" -smp "${EDGE_QEMU_CPUS:-2}" \
  -nographic -no-reboot -nic none -serial stdio -monitor none \
  -kernel "$image/vmlinuz" -initrd "$image/initrd.gz" \
  -append "console=ttyS0 quiet panic=-1 edge_job=$job/run.sh" \
  -virtfs local,path=/,mount_tag=hostroot,readonly=on,multidevs=remap,security_model=none \
  </dev/null > "$job/console.log" 2>&1 &
qemu_pid=$!
tail -n +1 -f "$job/console.log" --pid "$qemu_pid" &
tail_pid=$!
deadline=$((SECONDS + timeout_s))
while kill -0 "$qemu_pid" 2>/dev/null; do
  if [ $SECONDS -ge $deadline ]; then
    echo "run-in-vm.sh: VM timed out after ${timeout_s}s" >&2
    # tail follows qemu: it ends only once qemu has.
    kill "$qemu_pid" 2>/dev/null || true
    break
  fi
  sleep 1
done
wait "$tail_pid" 2>/dev/null || true
rc=$(sed -n 's/.*EDGE_VM_EXIT=\([0-9]*\).*/\1/p' "$job/console.log" | tail -n1)
if [ -z "$rc" ]; then echo "run-in-vm.sh: the VM ended without reporting an exit code" >&2; exit 98; fi
exit "$rc"
