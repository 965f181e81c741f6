#!/usr/bin/env bash
# Prepares the swarm tier: Docker Engine (docker.io), the tools the tests and edge.sh use, and a running dockerd.
# A dockerd started here is recorded in the tier's state file, so the tests' final `edge.sh down` stops it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/common.sh

if [ "$(id -u)" -ne 0 ]; then
  echo "!!! swarm tier: not root; the swarm tests will report themselves skipped" >&2
  exit 0
fi

ensure_packages docker.io busybox-static nftables libnftables1 curl iproute2 util-linux iptables
EDGE_STATE=/var/lib/edge-gateway/swarm-tier.state bash docker/edge.sh prepare
