#!/usr/bin/env bash
# Swarm path benchmark, on this node only: the stack deployed with docker/edge.sh on a single-node swarm, and one
# whoami answer reached three ways in the same run:
#   mesh            wrk -> 127.0.0.1:published port -> agent's DNAT -> ingress sandbox balancer -> a gateway task
#                       -> whoami VIP (the agent's balancer in the gateway's sandbox) -> a whoami task
#   gateway-direct  wrk -> one gateway task's container address (docker_gwbridge) -> whoami VIP -> a whoami task
#   whoami-direct   wrk -> one whoami task's container address (docker_gwbridge)
# Every address is on this machine: loopback, or a container the stack created on docker_gwbridge.
# Each target gets a warm-up, then the measured rounds are interleaved (round 1 of each, then round 2, ...).
# Everything is torn down afterwards (`edge.sh down`: the stack, the agent's tables, the swarm and the dockerd it
# created, the images it built).
#
# Usage: bench/swarm.sh          (root; installs wrk and curl if missing)
# Knobs: DURATION=10 WARMUP=5 ROUNDS=1 CONNECTIONS=32 THREADS=1 EDGE_PORT=18580 EDGE_STACK=edgebench
#        OUT=.artifacts/bench/swarm.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

DURATION=${DURATION:-10} WARMUP=${WARMUP:-5} ROUNDS=${ROUNDS:-1}
CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-1}
export EDGE_PORT=${EDGE_PORT:-18580} EDGE_STACK=${EDGE_STACK:-edgebench}
export EDGE_STATE=/var/lib/edge-gateway/bench-swarm.state
OUT=${OUT:-$root/.artifacts/bench/swarm.md}
targets=(mesh gateway-direct whoami-direct)

[ "$(id -u)" -eq 0 ] || { echo "bench/swarm.sh: needs root (dockerd, swarm, nftables)" >&2; exit 1; }
need=()
for tool in wrk:wrk curl:curl; do command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

work=$(mktemp -d /tmp/edge-bench-swarm.XXXXXX)
built_images=""
cleanup() {
  echo "== tearing down" >&2
  EDGE_REMOVE_IMAGES="$built_images" bash docker/edge.sh down || true
  rm -rf "$work"
}
trap cleanup EXIT

product_images() { docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E '^edge-(gateway|agent|whoami):local$|^edge-runtime:' | sort || true; }

bash docker/edge.sh prepare
if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" != inactive ]; then
  echo "bench/swarm.sh: this node is already in a swarm; run it on a node in none (it creates and leaves its own)" >&2
  trap - EXIT; rm -rf "$work"; exit 1
fi
product_images >"$work/images.before"
bash docker/edge.sh up >&2
built_images=$(product_images | comm -13 "$work/images.before" - | tr '\n' ' ')

# The first running task container of a service, and its address on docker_gwbridge (reachable from this host).
task_container() { docker ps -q --no-trunc --filter "label=com.docker.swarm.service.name=${EDGE_STACK}_$1" | head -n1; }
bridge_address() { docker network inspect docker_gwbridge --format "{{(index .Containers \"$1\").IPv4Address}}" | cut -d/ -f1; }

declare -A url
url[mesh]="http://127.0.0.1:$EDGE_PORT/"
url[gateway-direct]="http://$(bridge_address "$(task_container gateway)"):8080/"
url[whoami-direct]="http://$(bridge_address "$(task_container whoami)"):80/"
for target in "${targets[@]}"; do
  curl -fsS --max-time 5 "${url[$target]}" | grep -q '^Hostname: ' \
    || { echo "$target (${url[$target]}) gives no whoami answer" >&2; exit 1; }
done

# Runs wrk; prints "rps p50_ms p99_ms errors".
measure() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" -s bench/wrk-report.lua "$1" >"$work/wrk.out"
  awk '/^RESULT/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%.0f %.2f %.2f %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000, v["errors"]
  }' "$work/wrk.out"
}

for target in "${targets[@]}"; do
  echo "== warm-up $target (${url[$target]})" >&2
  measure "${url[$target]}" "$WARMUP" >/dev/null
done

declare -A runs
for round in $(seq 1 "$ROUNDS"); do
  for target in "${targets[@]}"; do
    line=$(measure "${url[$target]}" "$DURATION")
    echo "   round $round $target: rps p50_ms p99_ms errors = $line" >&2
    runs[$target]+="$line"$'\n'
  done
done

median() { printf '%s' "$1" | sort -n -k1,1 | sed -n "$(( (ROUNDS + 1) / 2 ))p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
read -r base _ <<<"$(median "${runs[whoami-direct]}")"
mkdir -p "$(dirname "$OUT")"
{
  echo "| target | path | requests/s | p50 ms | p99 ms | errors | req/s vs whoami direct |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for target in "${targets[@]}"; do
    read -r rps p50 p99 errors <<<"$(median "${runs[$target]}")"
    case "$target" in
      mesh) path="published port → mesh → gateway (2 tasks) → VIP → whoami (3 tasks)" ;;
      gateway-direct) path="one gateway task → VIP → whoami (3 tasks)" ;;
      whoami-direct) path="one whoami task" ;;
    esac
    echo "| $target | $path | $rps | $p50 | $p99 | $errors | $(ratio "$rps" "$base") |"
  done
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS (keep-alive); ${WARMUP} s warm-up each, then $ROUNDS interleaved round(s) of ${DURATION} s" \
    "(median shown); $(nproc) CPUs shared by wrk, dockerd, the agent and every task; kernel $(uname -r) (no IPVS: the" \
    "agent's nftables mesh), dockerd $(docker version --format '{{.Server.Version}}'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$OUT"
cat "$OUT"
