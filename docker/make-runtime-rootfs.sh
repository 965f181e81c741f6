#!/usr/bin/env bash
# Builds a minimal root filesystem holding this host's .NET runtime (Microsoft.NETCore.App and
# Microsoft.AspNetCore.App only), the shared libraries they and the agent load (glibc, libstdc++, OpenSSL,
# libnftables and its dependencies), CA certificates, a static busybox (shell, wget for health checks) and an
# unprivileged 'app' user. Used by build-images.sh to `docker import` an offline base image.
#
# usage: make-runtime-rootfs.sh ROOTFS_DIR
set -euo pipefail

rootfs=${1:?usage: make-runtime-rootfs.sh ROOTFS_DIR}
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")

die() { echo "make-runtime-rootfs: $*" >&2; exit 1; }

runtime_version() { # NAME -> newest installed version of that shared framework
  dotnet --list-runtimes | awk -v n="$1" '$1 == n { v = $2 } END { print v }'
}

netcore=$(runtime_version Microsoft.NETCore.App)
aspnet=$(runtime_version Microsoft.AspNetCore.App)
[ -n "$netcore" ] || die "no Microsoft.NETCore.App runtime found (dotnet --list-runtimes)"
[ -n "$aspnet" ] || die "no Microsoft.AspNetCore.App runtime found (dotnet --list-runtimes)"

rm -rf "$rootfs"
mkdir -p "$rootfs"/{usr/bin,usr/lib,usr/lib64,etc/ssl/certs,tmp,app,run,var/run,proc,sys,dev}
chmod 1777 "$rootfs/tmp"
# Debian's merged /usr layout, so library paths recorded by ldd resolve the same way inside the image.
for d in bin lib lib64 sbin; do ln -sfn "usr/$d" "$rootfs/$d"; done
ln -sfn bin "$rootfs/usr/sbin"

# The runtime: muxer, host resolver and the two shared frameworks.
mkdir -p "$rootfs/usr/share/dotnet/shared" "$rootfs/usr/share/dotnet/host"
cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$rootfs/usr/share/dotnet/" 2>/dev/null || cp -a "$dotnet_root/dotnet" "$rootfs/usr/share/dotnet/"
cp -a "$dotnet_root/host/fxr" "$rootfs/usr/share/dotnet/host/"
for fw in "Microsoft.NETCore.App/$netcore" "Microsoft.AspNetCore.App/$aspnet"; do
  mkdir -p "$rootfs/usr/share/dotnet/shared/$(dirname "$fw")"
  cp -a "$dotnet_root/shared/$fw" "$rootfs/usr/share/dotnet/shared/$fw"
done
ln -sfn ../share/dotnet/dotnet "$rootfs/usr/bin/dotnet"

# Copies one library (and the chain of symlinks naming it) into the same path inside the root filesystem.
copy_lib() {
  local path=$1 real dir
  real=$(readlink -f "$path")
  dir=$(readlink -f "$(dirname "$path")")
  mkdir -p "$rootfs$(dirname "$real")" "$rootfs$dir"
  cp -a "$real" "$rootfs$real"
  [ "$dir/$(basename "$path")" = "$real" ] || ln -sfn "$real" "$rootfs$dir/$(basename "$path")"
}

# Libraries loaded at start (ldd) and those the runtime or the agent open on demand (dlopen / P/Invoke).
dlopened=(libssl.so.3 libcrypto.so.3 libnftables.so.1)
libdir=/usr/lib/x86_64-linux-gnu
{
  find "$rootfs/usr/share/dotnet" -name '*.so' -o -name dotnet -type f
  for l in "${dlopened[@]}"; do
    [ -e "$libdir/$l" ] || die "$libdir/$l is missing (install libssl3 and libnftables1)"
    echo "$libdir/$l"
  done
} | while read -r f; do
  echo "$f"
  ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }'
done | grep '^/usr/lib\|^/lib' | sort -u | while read -r lib; do copy_lib "$lib"; done

# The loader and its cache, so every library is found by soname.
copy_lib /lib64/ld-linux-x86-64.so.2
mkdir -p "$rootfs/etc/ld.so.conf.d"
cp /etc/ld.so.conf "$rootfs/etc/"
cp /etc/ld.so.conf.d/x86_64-linux-gnu.conf /etc/ld.so.conf.d/libc.conf "$rootfs/etc/ld.so.conf.d/" 2>/dev/null || true
ldconfig -r "$rootfs"

# TLS trust store and OpenSSL's default config location.
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
mkdir -p "$rootfs/usr/lib/ssl"
ln -sfn /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
ln -sfn /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"

# A static busybox: /bin/sh for RUN steps and wget for HEALTHCHECK probes.
busybox=$(command -v busybox) || die "busybox is missing (apt-get install busybox-static)"
ldd "$busybox" >/dev/null 2>&1 && die "$busybox is dynamically linked (apt-get install busybox-static)"
cp "$(readlink -f "$busybox")" "$rootfs/usr/bin/busybox"
for applet in sh cp mkdir rm ls cat wget nslookup ps; do ln -sfn busybox "$rootfs/usr/bin/$applet"; done

# Users: root, and 'app' (uid 10001) for the services that need no privileges.
cat > "$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
app:x:10001:10001:app:/app:/sbin/nologin
EOF
cat > "$rootfs/etc/group" <<'EOF'
root:x:0:
app:x:10001:
EOF
echo 'hosts: files dns' > "$rootfs/etc/nsswitch.conf"
# Protocol and service names: libnftables prints "tcp" rather than 6 only when it can look the name up.
cp /etc/protocols /etc/services "$rootfs/etc/"
mkdir -p "$rootfs/root"

echo "$netcore"
