#!/usr/bin/env bash
# Gateway benchmark, loopback only: the same small response from one backend (nginx, fixed body), reached
#   direct        wrk -> backend
#   nginx         wrk -> nginx (keepalive upstream) -> backend
#   haproxy       wrk -> HAProxy (http-reuse) -> backend
#   plain-yarp    wrk -> bench/PlainYarp (YARP, no features) -> backend
#   edge-gateway  wrk -> edge-gateway (default features: metrics, retries, breaker, hygiene) -> backend
# all in one run. Every proxy is pinned to the same core (PROXY_CPU), wrk and the backend to another (CLIENT_CPU).
# All targets run side by side and the measured rounds are interleaved (round 1 of each, then round 2, ...), so a
# burst of load from elsewhere on the machine hits every target alike. Per target the table gives the median round
# by requests/s, the proxy's CPU time per request (steady even when the machine is busy) and its highest RSS.
# PROFILE=1 adds a perf profile of each .NET proxy under load (top symbols, JIT frames via perf maps).
#
# Usage: bench/gateway.sh [target...]   (default: every target)
# Knobs: DURATION=15 WARMUP=30 ROUNDS=3 CONNECTIONS=64 THREADS=1 PROXY_CPU=1 CLIENT_CPU=0 PORT_BASE=28080
#        OUT=.artifacts/bench/gateway.md PROFILE=0
#        EDGE_ENV="Resilience__MaxRetries=0 ..." (settings for edge-gateway only, to measure what a feature costs)
#        EDGE_BUILDS="before=DIR ..." (other edge-gateway builds, each a target edge-gateway-NAME run from DIR/edge-gateway.dll,
#        e.g. a copy of bin/Release/net10.0 from an earlier commit: before/after figures from the same run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

DURATION=${DURATION:-15} WARMUP=${WARMUP:-30} ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64} THREADS=${THREADS:-1}
PROXY_CPU=${PROXY_CPU:-1} CLIENT_CPU=${CLIENT_CPU:-0}
PORT_BASE=${PORT_BASE:-28080} PROFILE=${PROFILE:-0} EDGE_ENV=${EDGE_ENV:-} EDGE_BUILDS=${EDGE_BUILDS:-}
OUT=${OUT:-$root/.artifacts/bench/gateway.md}
all_targets=(direct nginx haproxy plain-yarp edge-gateway)
declare -A build_dir
for build in $EDGE_BUILDS; do
  [ -f "${build#*=}/edge-gateway.dll" ] || { echo "EDGE_BUILDS: no edge-gateway.dll in '${build#*=}'" >&2; exit 2; }
  build_dir[edge-gateway-${build%%=*}]=${build#*=}
  all_targets+=("edge-gateway-${build%%=*}")
done
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

need=()
for tool in wrk:wrk nginx:nginx haproxy:haproxy taskset:util-linux curl:curl; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ "$PROFILE" = 1 ] && ! command -v perf >/dev/null && need+=(linux-perf)
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

BACKEND_PORT=$PORT_BASE
port_of() { local i; for i in "${!all_targets[@]}"; do if [ "${all_targets[$i]}" = "$1" ]; then echo $((PORT_BASE + 10 + i)); fi; done; }

render() { sed "s/@BACKEND_PORT@/$BACKEND_PORT/g; s/@PROXY_PORT@/$2/g" "bench/conf/$1" >"$work/$1"; }

# Starts a command pinned to a core in the background; sets $started to its pid (taskset execs, so it is the program).
start_pinned() {
  local cpu=$1; shift
  taskset -c "$cpu" "$@" >>"$work/log" 2>&1 &
  started=$!
  pids+=("$started")
}

wait_for() {
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "not answering: $1" >&2; cat "$work/log" >&2; return 1
}

# A process and its children (nginx master and worker).
family() { echo "$1" $(pgrep -P "$1" || true); }

rss_mib() {
  local total=0 pid kb
  for pid in $(family "$1"); do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo $((total / 1024))
}

# User + system CPU time of a process family, in clock ticks.
cpu_ticks() {
  local total=0 pid
  for pid in $(family "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# Runs wrk against a target; with a pid, samples the proxy's RSS and CPU meanwhile.
# Prints "rps p50_ms p99_ms errors max_rss_mib cpu_us_per_request".
measure() {
  local url=$1 seconds=$2 pid=${3:-} sampler="" cpu0=0 cpu1=0 max=0
  echo 0 >"$work/rss"
  if [ -n "$pid" ]; then
    cpu0=$(cpu_ticks "$pid")
    ( m=0; while kill -0 "$pid" 2>/dev/null; do r=$(rss_mib "$pid"); [ "$r" -gt "$m" ] && m=$r && echo "$m" >"$work/rss"; sleep 0.5; done ) &
    sampler=$!
  fi
  taskset -c "$CLIENT_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s bench/wrk-report.lua "$url" >"$work/wrk.out"
  if [ -n "$sampler" ]; then
    cpu1=$(cpu_ticks "$pid")
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    max=$(cat "$work/rss")
  fi
  awk -v rss="$max" -v ticks=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" '/^RESULT/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    cpu = v["requests"] > 0 ? ticks / hz * 1e6 / v["requests"] : 0
    printf "%.0f %.2f %.2f %d %d %.1f\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000, v["errors"], rss, cpu
  }' "$work/wrk.out"
}

declare -A url pid
start_target() {
  local port; port=$(port_of "$1")
  url[$1]="http://127.0.0.1:$port/"
  case "$1" in
    direct) url[$1]="http://127.0.0.1:$BACKEND_PORT/"; started="" ;;
    nginx) render proxy-nginx.conf "$port"; mkdir -p "$work/nginx"; start_pinned "$PROXY_CPU" nginx -p "$work/nginx" -c "$work/proxy-nginx.conf" -g 'daemon off;' ;;
    haproxy) render proxy-haproxy.cfg "$port"; start_pinned "$PROXY_CPU" haproxy -db -f "$work/proxy-haproxy.cfg" ;;
    plain-yarp)
      start_pinned "$PROXY_CPU" dotnet bench/PlainYarp/bin/Release/net10.0/plain-yarp.dll \
        --urls "http://127.0.0.1:$port" --backend "http://127.0.0.1:$BACKEND_PORT" ;;
    edge-gateway*)
      [ "$1" = edge-gateway ] || [ -n "${build_dir[$1]:-}" ] || { echo "unknown target '$1' (${all_targets[*]})" >&2; exit 2; }
      render edge-gateway-routes.json "$port"
      mv "$work/edge-gateway-routes.json" "$work/$1.routes.json"
      # shellcheck disable=SC2086 # EDGE_ENV is a list of NAME=VALUE words
      start_pinned "$PROXY_CPU" env $EDGE_ENV dotnet "${build_dir[$1]:-src/EdgeGateway/bin/Release/net10.0}/edge-gateway.dll" \
        --routes "$work/$1.routes.json" --urls "http://127.0.0.1:$port" --admin-urls "http://127.0.0.1:$((port + 100))" ;;
    *) echo "unknown target '$1' (${all_targets[*]})" >&2; exit 2 ;;
  esac
  pid[$1]=$started
}

# perf-<pid>.map files let perf name JIT-compiled .NET frames (W^X double mapping would hide them).
if [ "$PROFILE" = 1 ]; then export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; fi
render backend-nginx.conf 0
mkdir -p "$work/backend"
start_pinned "$CLIENT_CPU" nginx -p "$work/backend" -c "$work/backend-nginx.conf" -g 'daemon off;'
backend=$started
wait_for "http://127.0.0.1:$BACKEND_PORT/"
expected=$(curl -fsS "http://127.0.0.1:$BACKEND_PORT/")

for target in "${targets[@]}"; do
  start_target "$target"
  wait_for "${url[$target]}"
  body=$(curl -fsS "${url[$target]}")
  [ "$body" = "$expected" ] || { echo "$target answered '$body', expected '$expected'" >&2; exit 1; }
  echo "== warm-up $target" >&2
  measure "${url[$target]}" "$WARMUP" >/dev/null
done

declare -A runs
for round in $(seq 1 "$ROUNDS"); do
  for target in "${targets[@]}"; do
    line=$(measure "${url[$target]}" "$DURATION" "${pid[$target]}")
    echo "   round $round $target: rps p50_ms p99_ms errors rss_mib cpu_us/req = $line" >&2
    runs[$target]+="$line"$'\n'
  done
done

outdir=$(dirname "$OUT")
mkdir -p "$outdir"
if [ "$PROFILE" = 1 ]; then
  for target in plain-yarp edge-gateway; do
    [ -n "${pid[$target]:-}" ] || continue
    echo "== profile $target" >&2
    perf record -F 499 -g -p "${pid[$target]}" -o "$work/$target.data" -- sleep "$DURATION" 2>>"$work/log" &
    recorder=$!
    measure "${url[$target]}" "$DURATION" >/dev/null
    wait "$recorder" || true
    perf report -i "$work/$target.data" --no-children -g none --sort sym --stdio 2>/dev/null | grep '%' | head -60 >"$outdir/$target.perf.txt" || true
    perf report -i "$work/$target.data" --no-children -g none --sort dso --stdio 2>/dev/null | grep '%' | head -20 >"$outdir/$target.perf-dso.txt" || true
    # Samples by .NET assembly (the declaring one: "[Assembly] Type::Method"), kernel and native code by kind.
    perf report -i "$work/$target.data" --no-children -g none --sort sym --stdio 2>/dev/null | awk '
      /%/ { pct = $1; sub("%", "", pct); key = "native (runtime, libc)"
            if ($2 == "[k]") key = "kernel (TCP/IP, syscalls, scheduler)"
            else if (match($0, /\[[A-Za-z][A-Za-z0-9._-]*\] [A-Za-z]/)) key = substr($0, RSTART + 1, RLENGTH - 4)
            sum[key] += pct }
      END { for (k in sum) printf "%6.2f%%  %s\n", sum[k], k }' | sort -rn >"$outdir/$target.perf-assemblies.txt" || true
  done
fi

median() { printf '%s' "$1" | sort -n -k1,1 | sed -n "$(( (ROUNDS + 1) / 2 ))p"; }
median_col() { printf '%s' "$1" | awk -v c="$2" '{print $c}' | sort -g | sed -n "$(( (ROUNDS + 1) / 2 ))p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
base_nginx=$( [ -n "${runs[nginx]:-}" ] && median "${runs[nginx]}" | cut -d' ' -f1 || echo 0)
base_yarp=$( [ -n "${runs[plain-yarp]:-}" ] && median "${runs[plain-yarp]}" | cut -d' ' -f1 || echo 0)
{
  echo "| target | requests/s | p50 ms | p99 ms | errors | max RSS MiB | proxy CPU µs/request | req/s vs nginx | req/s vs plain YARP |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for target in "${targets[@]}"; do
    read -r rps p50 p99 errors rss _ <<<"$(median "${runs[$target]}")"
    cpu=$(median_col "${runs[$target]}" 6)
    [ "$target" = direct ] && rss="-" && cpu="-"
    echo "| $target | $rps | $p50 | $p99 | $errors | $rss | $cpu | $(ratio "$rps" "$base_nginx") | $(ratio "$rps" "$base_yarp") |"
  done
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS; ${WARMUP} s warm-up each, then $ROUNDS interleaved rounds of ${DURATION} s (median round shown;" \
    "CPU/request and RSS from the proxy's own /proc counters); proxies on CPU $PROXY_CPU, wrk and backend on CPU $CLIENT_CPU;" \
    "$(nproc) CPUs, kernel $(uname -r), dotnet $(dotnet --version), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)${EDGE_ENV:+; edge-gateway with $EDGE_ENV}."
} >"$OUT"
cat "$OUT"
