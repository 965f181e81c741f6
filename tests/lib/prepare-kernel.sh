#!/usr/bin/env bash
# Prepares the kernel tier: nftables (CLI and libnftables for the dataplanes), iproute2 (tests build namespaces,
# veths and bridges with `ip`), procps (sysctl), util-linux (nsenter), conntrack (tests fill and read connection
# tables), and Docker with busybox and curl (the agent on a one-node swarm on the IPVS kernel of the qemu VM), and
# removes leftovers of earlier runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/lib/common.sh
. tests/lib/common.sh

ensure_packages nftables libnftables1 iproute2 procps util-linux conntrack iptables docker.io busybox-static curl

[ "$(id -u)" -eq 0 ] || exit 0

# The qemu VM shares this root read-only: the mount point over which a node's dockerd gets its own data must exist
# already (a dockerd that never ran here has not made it yet).
mkdir -p /var/lib/docker

# Namespaces of earlier, killed runs: every kernel test names its namespaces with the prefix "egt" (the agents of
# the mesh tests make "edge-sbox-egt..."). Only those older than an hour go, so a run in progress keeps its own.
for path in $(find /var/run/netns -maxdepth 1 \( -name 'egt*' -o -name 'edge-sbox-egt*' \) -mmin +60 2>/dev/null); do
  ns=$(basename "$path")
  echo "removing leftover namespace $ns" >&2
  ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
done
