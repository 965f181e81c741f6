# Builds (once) and caches the kernel and initramfs for run-in-vm.sh. Source it; call ensure_vm_image CACHE_DIR.

# Modules the VM loads at boot, in dependency order after resolution: virtio transport, 9p for the shared root,
# IPVS with its schedulers, what the tests build inside (veth, bridge, dummy, vxlan), and nftables with NAT so the
# whole mesh (DNAT, masquerade next to IPVS) can run in there too. The VM cannot load modules later: the shared root
# holds the host kernel's modules, not these.
vm_wanted_modules="virtio_pci 9pnet_virtio 9p crc32c_generic ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh ip_vs_mh veth bridge dummy vxlan
  nf_tables nft_chain_nat nft_nat nft_masq nft_ct nft_numgen nft_hash nft_fib_ipv4 nft_fib_inet nft_reject_inet nft_limit
  nft_compat xt_MASQUERADE xt_REDIRECT xt_conntrack xt_addrtype xt_mark xt_nat xt_tcpudp xt_comment xt_ipvs"

# ipvsadm and nsenter: the IPVS tests inside the VM cross-check the kernel table with them.
vm_install_packages() {
  local missing=()
  for p in qemu-system-x86 busybox-static kmod cpio ipvsadm util-linux; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Name of the kernel image package apt offers for linux-image-amd64 (e.g. linux-image-6.1.0-56-amd64).
vm_kernel_package() {
  apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'
}

# Prints the module files of the wanted modules and all their dependencies, dependencies first.
vm_module_order() {
  local root=$1 ver=$2 seen=" " m
  resolve() {
    local name=${1//-/_} line file dep
    case "$seen" in *" $name "*) return 0 ;; esac
    seen="$seen$name "
    line=$(grep -E "(^|/)${name}\.ko(\.xz|\.zst)?:" "$root/lib/modules/$ver/modules.dep" | head -n1 || true)
    if [ -z "$line" ]; then
      grep -qE "/${name}\.ko" "$root/lib/modules/$ver/modules.builtin" || echo "vm-image: module $name not found" >&2
      return 0
    fi
    file=${line%%:*}
    for dep in ${line#*:}; do
      dep=$(basename "$dep"); dep=${dep%%.ko*}
      resolve "$dep"
    done
    echo "$file"
  }
  for m in $vm_wanted_modules; do resolve "$m"; done
}

vm_write_init() {
  cat > "$1/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev /newroot
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /modules.order); do insmod "/modules/$m" || echo "vm: insmod $m failed"; done
job=$(sed -n 's/.*edge_job=\([^ ]*\).*/\1/p' /proc/cmdline)
rc=99
if mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /newroot; then
  mount -t tmpfs tmpfs /newroot/tmp
  mount -t tmpfs tmpfs /newroot/run
  mount -t proc proc /newroot/proc
  mount -t sysfs sysfs /newroot/sys
  mount -t devtmpfs devtmpfs /newroot/dev
  mount -t cgroup2 cgroup2 /newroot/sys/fs/cgroup
  mkdir -p /newroot/dev/shm /newroot/dev/pts
  mount -t tmpfs tmpfs /newroot/dev/shm
  mount -t devpts devpts /newroot/dev/pts
  ip link set lo up 2>/dev/null
  chroot /newroot /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/tmp TMPDIR=/tmp DOTNET_CLI_HOME=/tmp DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 EDGE_IN_VM=1 /bin/sh "$job"
  rc=$?
else
  echo "vm: mounting the host root over 9p failed"
fi
echo "EDGE_VM_EXIT=$rc"
sync
poweroff -f
INIT
  chmod +x "$1/init"
}

# Prints the image directory (vmlinuz + initrd.gz), building it first if the cache lacks it.
ensure_vm_image() {
  local cache=$1 pkg ver image work f
  vm_install_packages
  pkg=$(vm_kernel_package)
  [ -n "$pkg" ] || { echo "vm-image: apt offers no linux-image-amd64 (run apt-get update)" >&2; return 1; }
  ver=${pkg#linux-image-}
  # The image depends on this script too (modules, init): a change to it builds a new image.
  image="$cache/$ver-$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"
  if [ -f "$image/initrd.gz" ] && [ -f "$image/vmlinuz" ]; then echo "$image"; return 0; fi
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/build.XXXXXX")
  chmod 755 "$work"  # apt-get download runs as _apt and must be able to write here
  (
    set -e
    cd "$work"
    echo "vm-image: fetching $pkg" >&2
    apt-get download "$pkg" >&2
    dpkg -x ./*.deb kernel
    depmod -b kernel "$ver"
    mkdir -p initramfs/bin initramfs/modules
    cp /bin/busybox initramfs/bin/busybox
    vm_module_order kernel "$ver" > order.txt
    : > initramfs/modules.order
    while read -r f; do
      local base
      base=$(basename "$f"); base=${base%%.ko*}.ko
      case "$f" in
        *.xz) xz -dc "kernel/lib/modules/$ver/$f" > "initramfs/modules/$base" ;;
        *.zst) zstd -qdc "kernel/lib/modules/$ver/$f" > "initramfs/modules/$base" ;;
        *) cp "kernel/lib/modules/$ver/$f" "initramfs/modules/$base" ;;
      esac
      echo "$base" >> initramfs/modules.order
    done < order.txt
    vm_write_init initramfs
    (cd initramfs && find . | cpio -o -H newc --quiet | gzip -1) > initrd.gz
    mkdir -p "$image"
    cp "kernel/boot/vmlinuz-$ver" "$image/vmlinuz"
    mv initrd.gz "$image/initrd.gz"
  )
  local rc=$?
  rm -rf "$work"
  [ $rc -eq 0 ] || return $rc
  echo "$image"
}
