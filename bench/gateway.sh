#!/usr/bin/env bash
# Gateway benchmark, loopback only: the same small response from one backend (nginx, fixed body), reached
#   direct        wrk -> backend
#   nginx         wrk -> nginx (keepalive upstream) -> backend
#   haproxy       wrk -> HAProxy (http-reuse) -> backend
#   plain-yarp    wrk -> bench/PlainYarp (YARP, no features) -> backend
#   edge-gateway  wrk -> edge-gateway (default features) -> backend
# all in one run. Every proxy is pinned to the same core (PROXY_CPU), wrk and the backend to another (CLIENT_CPU).
# Each target gets a warm-up, then ROUNDS measured runs; the table reports the median run by requests/s and the
# highest RSS the proxy reached under load. Writes a markdown table to $OUT (default .artifacts/bench/gateway.md).
#
# Usage: bench/gateway.sh [target...]   (default: every target)
# Knobs: DURATION=15 WARMUP=5 ROUNDS=3 CONNECTIONS=64 THREADS=1 PROXY_CPU=1 CLIENT_CPU=0 OUT=...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

DURATION=${DURATION:-15} WARMUP=${WARMUP:-5} ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64} THREADS=${THREADS:-1}
PROXY_CPU=${PROXY_CPU:-1} CLIENT_CPU=${CLIENT_CPU:-0}
OUT=${OUT:-$root/.artifacts/bench/gateway.md}
BACKEND_PORT=${BACKEND_PORT:-28080} PROXY_PORT=${PROXY_PORT:-28081} ADMIN_PORT=${ADMIN_PORT:-28082}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(direct nginx haproxy plain-yarp edge-gateway)

need=()
for tool in wrk:wrk nginx:nginx haproxy:haproxy taskset:util-linux curl:curl; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

echo "== Release build" >&2
dotnet build src/EdgeGateway -c Release -nologo -v quiet >&2
dotnet build bench/PlainYarp -c Release -nologo -v quiet >&2

work=$(mktemp -d /tmp/edge-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

render() { sed "s/@BACKEND_PORT@/$BACKEND_PORT/g; s/@PROXY_PORT@/$PROXY_PORT/g" "bench/conf/$1" >"$work/$1"; }

# Starts a command pinned to a core in the background; sets $started to its pid (taskset execs, so it is the program).
start_pinned() {
  local cpu=$1; shift
  taskset -c "$cpu" "$@" >>"$work/log" 2>&1 &
  started=$!
  pids+=("$started")
}

wait_for() {
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "not answering: $1" >&2; cat "$work/log" >&2; return 1
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Resident set of a process and its children, in MiB.
rss_mib() {
  local total=0 pid kb
  for pid in "$1" $(pgrep -P "$1" || true); do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo $((total / 1024))
}

# Runs wrk against the target; with a pid, samples its RSS meanwhile. Prints "rps p50_ms p99_ms errors max_rss_mib".
measure() {
  local url=$1 seconds=$2 pid=${3:-} max=0 sampler=""
  echo 0 >"$work/rss"
  if [ -n "$pid" ]; then
    ( m=0; while kill -0 "$pid" 2>/dev/null; do r=$(rss_mib "$pid"); [ "$r" -gt "$m" ] && m=$r && echo "$m" >"$work/rss"; sleep 0.5; done ) &
    sampler=$!
  fi
  taskset -c "$CLIENT_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s bench/wrk-report.lua "$url" >"$work/wrk.out"
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; max=$(cat "$work/rss"); fi
  awk -v rss="$max" '/^RESULT/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%.0f %.2f %.2f %d %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000, v["errors"], rss
  }' "$work/wrk.out"
}

start_target() {
  case "$1" in
    direct) started=""; url="http://127.0.0.1:$BACKEND_PORT/" ;;
    nginx) render proxy-nginx.conf; start_pinned "$PROXY_CPU" nginx -p "$work" -c "$work/proxy-nginx.conf" -g 'daemon off;' ;;
    haproxy) render proxy-haproxy.cfg; start_pinned "$PROXY_CPU" haproxy -db -f "$work/proxy-haproxy.cfg" ;;
    plain-yarp)
      start_pinned "$PROXY_CPU" dotnet bench/PlainYarp/bin/Release/net10.0/plain-yarp.dll \
        --urls "http://127.0.0.1:$PROXY_PORT" --backend "http://127.0.0.1:$BACKEND_PORT" ;;
    edge-gateway)
      render edge-gateway-routes.json
      start_pinned "$PROXY_CPU" dotnet src/EdgeGateway/bin/Release/net10.0/edge-gateway.dll --routes "$work/edge-gateway-routes.json" \
        --urls "http://127.0.0.1:$PROXY_PORT" --admin-urls "http://127.0.0.1:$ADMIN_PORT" ;;
    *) echo "unknown target '$1' (direct, nginx, haproxy, plain-yarp, edge-gateway)" >&2; exit 2 ;;
  esac
  [ "$1" = direct ] || url="http://127.0.0.1:$PROXY_PORT/"
}

render backend-nginx.conf
start_pinned "$CLIENT_CPU" nginx -p "$work" -c "$work/backend-nginx.conf" -g 'daemon off;'
backend=$started
wait_for "http://127.0.0.1:$BACKEND_PORT/"
expected=$(curl -fsS "http://127.0.0.1:$BACKEND_PORT/")

declare -A result
for target in "${targets[@]}"; do
  echo "== $target" >&2
  start_target "$target"
  wait_for "$url"
  body=$(curl -fsS "$url")
  [ "$body" = "$expected" ] || { echo "$target answered '$body', expected '$expected'" >&2; exit 1; }
  measure "$url" "$WARMUP" >/dev/null
  runs=()
  for round in $(seq 1 "$ROUNDS"); do
    line=$(measure "$url" "$DURATION" "$started")
    echo "   round $round: rps p50_ms p99_ms errors rss_mib = $line" >&2
    runs+=("$line")
  done
  # The median run by requests/s stands for the target.
  result[$target]=$(printf '%s\n' "${runs[@]}" | sort -n -k1,1 | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  [ -n "$started" ] && stop "$started"
done
stop "$backend"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
base_nginx=$(cut -d' ' -f1 <<<"${result[nginx]:-0}")
base_yarp=$(cut -d' ' -f1 <<<"${result[plain-yarp]:-0}")
mkdir -p "$(dirname "$OUT")"
{
  echo "| target | requests/s | p50 ms | p99 ms | errors | max RSS MiB | vs nginx | vs plain YARP |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for target in "${targets[@]}"; do
    read -r rps p50 p99 errors rss <<<"${result[$target]}"
    [ "$target" = direct ] && rss="-"
    echo "| $target | $rps | $p50 | $p99 | $errors | $rss | $(ratio "$rps" "$base_nginx") | $(ratio "$rps" "$base_yarp") |"
  done
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} s warm-up + median of $ROUNDS x ${DURATION} s; proxy on CPU $PROXY_CPU," \
    "wrk and backend on CPU $CLIENT_CPU; $(nproc) CPUs, $(uname -r), dotnet $(dotnet --version)."
} >"$OUT"
cat "$OUT"
