#!/usr/bin/env bash
# Convergence benchmark: how fast traffic follows swarm's changes, through the gateway's DNSRR discovery and through
# the agent's mesh (the VIP balancer), on a swarm of NODES nodes made with docker/swarm-nodes.sh (one dockerd per
# network namespace; the host's own dockerd is not used). In the same run, two gateway services share the stack's
# network and routes:
#   gateway        the stack's: the node agent's feed of Docker's events, and the default --dns-refresh (1 s)
#   gateway-slow   the same image and routes without the agent's feed, with --dns-refresh 15s: discovery by polling
#                  at Traefik's default interval (its swarm provider's refreshSeconds), published on SLOW_PORT
# Probes (GETs on new connections, from this host to node 1's underlay address) run on both paths of both gateways
# throughout. ROUNDS times: `docker service scale` of whoami and whoami-dnsrr 3 -> 4 (time to the new task's first
# answer through each gateway), `docker kill` of one task of each (time to the last new connection a gateway's tasks
# send to the dead task, counted by nftables counters of this script's own in the gateway tasks' namespaces), scale
# back to 3. Everything it made is torn down afterwards (the node set, or only the stack with EDGE_NODES_REUSE=1).
#
# Usage: bench/convergence.sh          (root; installs nftables, util-linux, curl if missing)
# Knobs: NODES=1 ROUNDS=3 EDGE_NODES_PREFIX=conv EDGE_NODES_REUSE=1 (use a set that is up already)
#        PORT=18680 SLOW_PORT=18681 STACK=conv OUT=.artifacts/bench/convergence.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

NODES=${NODES:-1} ROUNDS=${ROUNDS:-3} PORT=${PORT:-18680} SLOW_PORT=${SLOW_PORT:-18681} STACK=${STACK:-conv}
export EDGE_NODES_PREFIX=${EDGE_NODES_PREFIX:-conv}
OUT=${OUT:-$root/.artifacts/bench/convergence.md}
nodes_sh=$root/docker/swarm-nodes.sh

[ "$(id -u)" -eq 0 ] || { echo "bench/convergence.sh: needs root (namespaces, dockerd, nftables)" >&2; exit 1; }
need=()
for tool in nft:nftables nsenter:util-linux curl:curl; do command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

echo "== Release build of the driver" >&2
dotnet build bench/EdgeGateway.Convergence.Bench -c Release -nologo -v quiet >&2
driver=$root/bench/EdgeGateway.Convergence.Bench/bin/Release/net10.0/convergence-bench.dll

made_set=0
cleanup() {
  set +e
  echo "== tearing down" >&2
  if [ $made_set = 1 ]; then
    bash "$nodes_sh" down
  elif [ -n "${DOCKER_HOST:-}" ]; then
    docker service rm "${STACK}_gateway-slow" >/dev/null 2>&1
    docker stack rm "$STACK" >/dev/null 2>&1
  fi
}
trap cleanup EXIT

if [ "${EDGE_NODES_REUSE:-0}" != 1 ]; then
  made_set=1
  bash "$nodes_sh" up "$NODES"
fi
eval "$(bash "$nodes_sh" env)"
export DOCKER_HOST=$EDGE_NODES_MANAGER_DOCKER_HOST
address=$EDGE_NODE_1_ADDRESS

echo "== deploying stack '$STACK' on $EDGE_NODES_COUNT node(s), and gateway-slow" >&2
routes_version=$(sha256sum config/routes.json | cut -c1-12)
EDGE_PORT=$PORT EDGE_ROUTES_VERSION=$routes_version \
  docker stack deploy --resolve-image never -c stack.yml "$STACK" >/dev/null 2>&1
docker service create --detach --quiet --name "${STACK}_gateway-slow" --label "com.docker.stack.namespace=$STACK" \
  --network "${STACK}_edge" --replicas 2 --publish "published=$SLOW_PORT,target=8080" \
  --config "source=edge_routes_$routes_version,target=/app/config/routes.json,mode=0444" \
  --env EDGE_DNS_REFRESH=15s --stop-grace-period 20s edge-gateway:local >/dev/null

deadline=$((SECONDS + 300))
until [ -z "$(docker service ls --filter "label=com.docker.stack.namespace=$STACK" --format '{{.Replicas}}' | awk '{ split($1, r, "/"); if (r[1] != r[2] || r[2] == 0) print }')" ] \
  && curl -fsS -o /dev/null --max-time 3 "http://$address:$PORT/dnsrr/" && curl -fsS -o /dev/null --max-time 3 "http://$address:$SLOW_PORT/dnsrr/"; do
  [ $SECONDS -lt $deadline ] || { docker service ls >&2; echo "the stack is not up after 300 s" >&2; exit 1; }
  sleep 2
done

echo "== $ROUNDS round(s)" >&2
table=$(dotnet "$driver" "$STACK" "$ROUNDS" \
  "gateway|gateway, agent feed + --dns-refresh 1s (default)=http://$address:$PORT" \
  "gateway-slow|gateway, --dns-refresh 15s only (Traefik's default interval)=http://$address:$SLOW_PORT")

mkdir -p "$(dirname "$OUT")"
{
  echo "$table"
  echo
  echo "$EDGE_NODES_COUNT node(s) (docker/swarm-nodes.sh), gateway 2 tasks each, whoami and whoami-dnsrr 3 tasks;" \
    "probes: 2 clients per path and gateway, a new connection per request; each new connection to a dead task timed by the kernel (nftables set element lifetimes);" \
    "$ROUNDS round(s), median first; $(nproc) CPUs; kernel $(uname -r) (no IPVS: the agent's nftables mesh);" \
    "dockerd $(docker version --format '{{.Server.Version}}'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$OUT"
cat "$OUT"
