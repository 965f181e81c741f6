#!/usr/bin/env bash
# Routing mesh benchmark (root). Everything runs in network namespaces this script creates; nothing has a route
# off the machine, and the trap removes the namespaces (with the agents' tables, links and sandboxes in them) and
# stops every process it started, also on failure.
#
# 1. Through the mesh vs direct: two standalone nodes on an underlay bridge, the real edge-agent on each (nftables
#    dataplane), one task (nginx, one worker) on node 2's overlay. wrk in a client namespace on the underlay reaches
#      direct        client -> task, over a veth of its own (no mesh)
#      mesh-remote   node 1:8080 -> DNAT -> node 1's sandbox -> nftables balancer -> VXLAN -> task on node 2
#      mesh-local    node 2:8080 -> DNAT -> node 2's sandbox -> nftables balancer -> task
#      haproxy       HAProxy (TCP mode, one thread) on node 1 -> node 1's sandbox (routed) -> VXLAN -> task
#    Rounds are interleaved (round 1 of every target, then round 2, ...), so load from elsewhere hits all alike.
# 2. Scale of programming: the real nftables dataplane fills an empty namespace with SERVICES x TASKS, then
#    changes one task (drain / back) CHANGES times (wall-clock and CPU time); then edge-agent on node 1 gets the same
#    scale through its state file, and one task change is timed from the file's rename to the rule event in the
#    sandbox's kernel.
# 3. Per-connection cost: two balancer namespaces in front of one nginx, one holding 10 services, one 10,000
#    (each x 10 tasks); wrk opens a new connection per request (Connection: close) through each, interleaved.
#
# Usage: bench/mesh.sh        Knobs: DURATION=10 ROUNDS=3 CONNECTIONS=32 SERVICES=1000 TASKS=10 CHANGES=20
#                                    SMALL=10 LARGE=10000 OUT=.artifacts/bench/mesh.md
#        HOLD=SECONDS keeps the namespaces that long when a target does not answer (to look inside)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ "$(id -u)" = 0 ] || { echo "bench/mesh.sh needs root (namespaces, nftables)" >&2; exit 1; }

DURATION=${DURATION:-10} ROUNDS=${ROUNDS:-3} CONNECTIONS=${CONNECTIONS:-32}
SERVICES=${SERVICES:-1000} TASKS=${TASKS:-10} CHANGES=${CHANGES:-20} SMALL=${SMALL:-10} LARGE=${LARGE:-10000}
OUT=${OUT:-$root/.artifacts/bench/mesh.md}
P=mb   # prefix of every namespace this script makes

need=()
for tool in wrk:wrk haproxy:haproxy nginx:nginx nft:nftables ip:iproute2 stdbuf:coreutils; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
ldconfig -p | grep -q 'libnftables.so.1 ' || need+=(libnftables1)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

echo "== Release build" >&2
dotnet build src/EdgeGateway.Agent -c Release -nologo -v quiet >&2
dotnet build bench/EdgeGateway.Mesh.Bench -c Release -nologo -v quiet >&2
agent=$root/src/EdgeGateway.Agent/bin/Release/net10.0/edge-agent.dll
bench=$root/bench/EdgeGateway.Mesh.Bench/bin/Release/net10.0/mesh-bench.dll

work=$(mktemp -d /tmp/edge-meshbench.XXXXXX)
pids=()
our_namespaces() { ip netns list | awk '{print $1}' | grep -E "^($P-|edge-sbox-$P-)" || true; }
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  for ns in $(our_namespaces); do
    for pid in $(ip netns pids "$ns"); do kill "$pid" 2>/dev/null; done
  done
  sleep 0.5
  for ns in $(our_namespaces); do ip netns del "$ns"; done
  rm -rf "$work"
}
trap cleanup EXIT
if [ -n "$(our_namespaces)" ]; then echo "namespaces $P-* exist already (another run?): $(our_namespaces)" >&2; exit 1; fi

# Starts a command in a namespace in the background, output to the log; sets $started.
start_in() {
  local ns=$1; shift
  ip netns exec "$ns" "$@" >>"$work/log" 2>&1 &
  started=$!
  pids+=("$started")
}

# The same for a program that makes namespaces of its own (see the agents below).
start_nsenter() {
  local ns=$1; shift
  nsenter --net=/var/run/netns/"$ns" "$@" >>"$work/log" 2>&1 &
  started=$!
  pids+=("$started")
}

netns() { ip netns add "$1"; ip -n "$1" link set lo up; }

# veth DEV in NS (ADDRESS) <-> PEER_DEV in PEER (PEER_ADDRESS); addresses with prefix, "" for none.
link() {
  ip -n "$1" link add "$2" type veth peer name "$5" netns "$4"
  [ -z "$3" ] || ip -n "$1" addr add "$3" dev "$2"
  [ -z "$6" ] || ip -n "$4" addr add "$6" dev "$5"
  ip -n "$1" link set "$2" up
  ip -n "$4" link set "$5" up
}

wait_for() { # NS URL: until a 1 s wrk run gets answers and no errors (at most about a minute)
  local result
  for _ in $(seq 1 50); do
    result=$(ip netns exec "$1" wrk -t1 -c1 -d1s --timeout 1s -s bench/wrk-report.lua "$2" 2>&1 | grep '^RESULT' || true)
    [[ $result == *errors=0\ * && $result != *requests=0\ * ]] && return 0
    sleep 0.2
  done
  echo "not answering from $1: $2 ($result)" >&2; tail -50 "$work/log" >&2; [ -z "${HOLD:-}" ] || sleep "$HOLD"; return 1
}

# wrk in NS against URL; prints "requests/s p50_ms p99_ms errors".
measure() {
  local ns=$1 url=$2; shift 2
  ip netns exec "$ns" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/wrk-report.lua "$@" "$url" |
    awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%.0f %.2f %.2f %d\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000, v["errors"] }'
}

# The median line by requests/s of the lines on stdin.
median() { sort -n -k1,1 | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }'; }

echo "== topology" >&2
netns $P-ul; netns $P-cl
ip -n $P-ul link add br0 type bridge; ip -n $P-ul link set br0 up
link $P-ul cl "" $P-cl eth0 10.215.0.100/24
ip -n $P-ul link set cl master br0
nodes=""
for i in 1 2; do
  netns $P-n$i
  link $P-ul n$i "" $P-n$i eth0 10.215.0.1$i/24
  ip -n $P-ul link set n$i master br0
  nodes+="${nodes:+,}$P-n$i=10.215.0.1$i"
done
state=$work/mesh-state.json
task=10.216.200.1
dotnet "$bench" state "$nodes" $P-n2 $task 0 0 >"$state"
for i in 1 2; do
  # nsenter, not `ip netns exec`: the agent bind-mounts its sandbox namespace, and that mount must be seen from
  # here (ip netns exec gives its command a mount namespace of its own); run from the work folder, so no
  # config/agent.json of the checkout is picked up
  start_nsenter $P-n$i env -C "$work" dotnet "$agent" run --node $P-n$i --state "$state" --dataplane nftables --admin-url http://127.0.0.1:9464
done

echo "== task and its direct link" >&2
netns $P-t1
for n in 1 2; do
  for i in $(seq 1 600); do
    ip -n edge-sbox-$P-n$n link show eg-br0 >/dev/null 2>&1 && ip -n $P-n$n link show eg-ingress0 >/dev/null 2>&1 && break
    sleep 0.2
  done
  [ "$i" -lt 600 ] || { echo "node $n's agent made no ingress network" >&2; cat "$work/log" >&2; exit 1; }
done
link edge-sbox-$P-n2 t1 "" $P-t1 eth0 $task/16
ip -n edge-sbox-$P-n2 link set t1 master eg-br0
link $P-cl direct 10.217.0.1/30 $P-t1 direct 10.217.0.2/30
sed "s/@LISTEN@/10.215.0.11:9080/; s/@TASK@/$task:80/" bench/conf/mesh-haproxy.cfg >"$work/haproxy.cfg"
mkdir -p "$work/nginx"
start_in $P-t1 nginx -p "$work/nginx" -c "$root/bench/conf/mesh-task-nginx.conf" -g 'daemon off;'

echo "== HAProxy on node 1, routed through node 1's sandbox" >&2
ip -n $P-n1 route add 10.216.0.0/16 via 169.254.127.2
ip netns exec edge-sbox-$P-n1 nft -f - <<'EOF'
table ip meshbench {
  chain postrouting { type nat hook postrouting priority srcnat; ip saddr 169.254.127.1 oifname "eg-br0" masquerade; }
}
EOF
start_in $P-n1 haproxy -db -f "$work/haproxy.cfg"

declare -A url=(
  [direct]=http://10.217.0.2/
  [mesh-remote]=http://10.215.0.11:8080/
  [mesh-local]=http://10.215.0.12:8080/
  [haproxy]=http://10.215.0.11:9080/
)
targets=(direct mesh-remote mesh-local haproxy)
for t in "${targets[@]}"; do wait_for $P-cl "${url[$t]}"; done

echo "== through the mesh vs direct: $ROUNDS interleaved rounds of ${DURATION}s" >&2
declare -A runs=()
loads=()
for r in $(seq 1 "$ROUNDS"); do
  for t in "${targets[@]}"; do
    line=$(measure $P-cl "${url[$t]}")
    echo "round $r $t: $line" >&2
    runs[$t]+="$line"$'\n'
  done
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
done

echo "== scale of programming: the nftables dataplane, $SERVICES x $TASKS from empty" >&2
netns $P-prog
scale=$(ip netns exec $P-prog dotnet "$bench" scale "$SERVICES" "$TASKS" "$CHANGES" )
echo "$scale" >&2

echo "== scale of programming: edge-agent, state file to kernel" >&2
kill "${pids[1]}" # node 2's agent would reprogram the same state and compete for the CPU
agentscale=$(nsenter --net=/var/run/netns/$P-n1 dotnet "$bench" agent-change "$nodes" $P-n2 $task "$SERVICES" "$TASKS" "$state" \
  edge-sbox-$P-n1 http://127.0.0.1:9464/metrics "$CHANGES" )
echo "$agentscale" >&2

echo "== per-connection cost: $SMALL vs $LARGE services, new connection per request" >&2
netns $P-be
mkdir -p "$work/nginx-be"
start_in $P-be nginx -p "$work/nginx-be" -c "$root/bench/conf/mesh-task-nginx.conf" -g 'daemon off;'
declare -A conn=()
n=1
for size in small large; do
  services=$SMALL; [ $size = large ] && services=$LARGE
  netns $P-lb-$size; netns $P-cc-$size
  ip netns exec $P-lb-$size sysctl -qw net.ipv4.ip_forward=1
  link $P-lb-$size cl0 10.218.$n.1/24 $P-cc-$size eth0 10.218.$n.2/24
  link $P-lb-$size be0 10.219.$n.1/24 $P-be $size 10.219.$n.2/24
  ip -n $P-cc-$size route add 10.224.0.0/16 via 10.218.$n.1
  ip netns exec $P-cc-$size sysctl -qw net.ipv4.ip_local_port_range="1024 65535" net.ipv4.tcp_tw_reuse=1
  ip netns exec $P-lb-$size dotnet "$bench" program "$services" 10.219.$n.2:80 >&2
  wait_for $P-cc-$size http://10.224.0.1/
  n=$((n + 1))
done
for r in $(seq 1 "$ROUNDS"); do
  for size in small large; do
    line=$(measure $P-cc-$size http://10.224.0.1/ -H 'Connection: close')
    echo "round $r $size: $line" >&2
    conn[$size]+="$line"$'\n'
  done
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
done

field() { sed -n "s/.*RESULT $1 .*\b$2=\([^ ]*\).*/\1/p"; }
mkdir -p "$(dirname "$OUT")"
{
  echo "bench/mesh.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, kernel $(uname -r), load average during the run: ${loads[*]}"
  echo
  echo "| target | requests/s | p50 ms | p99 ms | wrk errors | req/s vs direct | p99 vs direct |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  base=$(printf '%s' "${runs[direct]}" | median)
  for t in "${targets[@]}"; do
    read -r rps p50 p99 errors <<<"$(printf '%s' "${runs[$t]}" | median)"
    echo "| $t | $rps | $p50 | $p99 | $errors | $(ratio "$rps" "${base%% *}") | $(ratio "$p99" "$(echo "$base" | cut -d' ' -f3)") |"
  done
  echo
  echo "Rounds (requests/s p50 p99 errors):"
  for t in "${targets[@]}"; do echo "- $t: $(printf '%s' "${runs[$t]}" | paste -sd';' -)"; done
  echo
  echo "| programming | measured |"
  echo "|---|---:|"
  echo "| dataplane: $SERVICES x $TASKS from empty | $(echo "$scale" | field full-apply ms) ms ($(echo "$scale" | field full-apply operations) operations) |"
  echo "| dataplane: one task change, median / p90 / max of $CHANGES | $(echo "$scale" | field task-change median_ms) / $(echo "$scale" | field task-change p90_ms) / $(echo "$scale" | field task-change max_ms) ms |"
  echo "| dataplane: of that change, the libnftables batch / the dataplane's own work, median | $(echo "$scale" | field task-change libnftables_median_ms) / $(echo "$scale" | field task-change dataplane_median_ms) ms |"
  echo "| dataplane: CPU time of one task change (the process's threads, user + kernel), median / max | $(echo "$scale" | field task-change cpu_median_ms) / $(echo "$scale" | field task-change cpu_max_ms) ms |"
  echo "| dataplane: an equal plan built anew (diff only, no kernel call), median | $(echo "$scale" | field no-change median_ms) ms |"
  echo "| dataplane: adopt the $SERVICES x $TASKS table after a restart / re-apply / the first task change after it | $(echo "$scale" | field adopt adopt_ms) ms / $(echo "$scale" | field adopt reapply_operations) operations / $(echo "$scale" | field adopt next_change_ms) ms |"
  echo "| edge-agent: state file with $SERVICES x $TASKS to synced | $(echo "$agentscale" | field agent-full file_to_synced_ms) ms (sync itself $(echo "$agentscale" | field agent-full sync_ms) ms) |"
  echo "| edge-agent: one task change, state file rename to kernel, median / p90 / max | $(echo "$agentscale" | field agent-task-change file_to_kernel_median_ms) / $(echo "$agentscale" | field agent-task-change file_to_kernel_p90_ms) / $(echo "$agentscale" | field agent-task-change file_to_kernel_max_ms) ms |"
  echo "| edge-agent: its own sync time for that change, median / max | $(echo "$agentscale" | field agent-task-change sync_median_ms) / $(echo "$agentscale" | field agent-task-change sync_max_ms) ms |"
  echo
  echo "| services in the table | new connections/s | p50 ms | p99 ms | wrk errors |"
  echo "|---:|---:|---:|---:|---:|"
  for size in small large; do
    services=$SMALL; [ $size = large ] && services=$LARGE
    read -r rps p50 p99 errors <<<"$(printf '%s' "${conn[$size]}" | median)"
    echo "| $services | $rps | $p50 | $p99 | $errors |"
  done
  echo
  echo "Rounds (connections/s p50 p99 errors):"
  for size in small large; do echo "- $size: $(printf '%s' "${conn[$size]}" | paste -sd';' -)"; done
  echo
  echo "Per-connection cost ratio ($LARGE / $SMALL services), per round: $(paste -d' ' <(printf '%s' "${conn[small]}" | cut -d' ' -f1) <(printf '%s' "${conn[large]}" | cut -d' ' -f1) | awk '{ printf "%s%.2f", (NR > 1 ? ", " : ""), $1 / $2 }')"
} >"$OUT"
cat "$OUT"
