#!/usr/bin/env bash
# A real multi-node Docker swarm on one machine: one dockerd per network namespace, joined by an underlay bridge.
#
#   docker/swarm-nodes.sh up N      N nodes (<prefix>-n1 .. <prefix>-nN): node 1 inits the swarm (manager), the others
#                                   join as workers with the real worker token; the images are built once on node 1
#                                   (docker/build-images.sh) and loaded into every other node.
#   docker/swarm-nodes.sh down      removes the stacks, stops every node's dockerd and its containers, deletes the
#                                   namespaces, links and directories. Safe on a half-built or absent set.
#   docker/swarm-nodes.sh env       prints the set as shell assignments (eval-able; one KEY=value a line).
#   docker/swarm-nodes.sh images   builds the images again on the first node and loads them into the others (after a
#                                   change to the sources; the swarm and its stacks stay).
#   docker/swarm-nodes.sh exec NODE CMD...
#                                   runs CMD in NODE's network and mount namespaces (where Docker's namespace files
#                                   under /run/docker/netns can be entered, e.g. with nsenter --net=...).
#   docker/swarm-nodes.sh stop NODE / start NODE
#                                   stops (SIGTERM, waits for exit) or starts again one node's dockerd; its swarm state
#                                   and images stay.
#
# env: EDGE_NODES_PREFIX (default edge; selects an independent set: names, subnet, sockets, directories),
#      EDGE_NODES_IMAGES=0 (skip building and loading the images), EDGE_NO_BUILD=1 (passed to build-images.sh),
#      EDGE_NODES_DATA (default /var/lib/edge-nodes: where the nodes' Docker data lives; any writable folder).
#
# Layout of a set (prefix P, node P-nI):
#   netns P-lan         holds the underlay bridge br0, so the host's FORWARD policy and br_netfilter never see
#                       node-to-node frames; veth nI -> node I's eth0, veth host -> the host's link P-lan.
#   netns P-nI          eth0 10.X.0.(10+I)/24, lo; no default route (nothing can leave the machine).
#   host link P-lan     10.X.0.1/24: the host reaches every node's underlay address (an off-node client).
#   dockerd of P-nI     started with `nsenter --net` in its own mount and UTS namespaces (hostname P-nI) in which
#                       /run is the node's directory /run/edge-nodes/P/P-nI (socket /run/docker.sock, exec root
#                       /run/docker with its netns folder a shared mount, pid file) and /var/lib/docker and
#                       /etc/docker are the node's own, so stack.yml's bind mounts of /var/run/docker.sock and
#                       /var/run/docker/netns work unchanged on every node.
#   containers          under the cgroup parent edge-nodes/P-nI, so `down` finds whatever is left of them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${EDGE_NODES_PREFIX:-edge}
run_base=/run/edge-nodes
state=$run_base/$prefix
data=${EDGE_NODES_DATA:-/var/lib/edge-nodes}/$prefix
lan=$prefix-lan
host_link=$prefix-lan

say() { echo "swarm-nodes.sh[$prefix]: $*" >&2; }
die() { say "$*"; exit 1; }

# Interface names are limited to 15 characters: the host link is "<prefix>-lan".
[[ $prefix =~ ^[a-z][a-z0-9]{0,10}$ ]] || die "EDGE_NODES_PREFIX '$prefix' must be 1-11 lower-case letters or digits, starting with a letter"

node_name() { echo "$prefix-n$1"; }
node_run() { echo "$state/$1"; }           # the node's /run
node_data() { echo "$data/$1"; }           # the node's /var/lib/docker and /etc/docker
node_sock() { echo "$(node_run "$1")/docker.sock"; }
node_docker() { docker -H "unix://$(node_sock "$1")" "${@:2}"; }
node_address() { echo "10.$(cat "$state/octet").0.$((10 + ${1#"$prefix"-n}))"; }
host_address() { echo "10.$(cat "$state/octet").0.1"; }
nodes() { cat "$state/nodes" 2>/dev/null || true; }

require_root() { [ "$(id -u)" -eq 0 ] || die "must run as root (namespaces, links, dockerd)"; }

# --- subnet: 10.X.0.0/24 with X free among all sets and the host's own routes (allocated under a lock) ---
allocate_octet() {
  local x used
  mkdir -p "$run_base"
  exec 9>"$run_base/.lock"
  flock 9
  used=$(cat "$run_base"/*/octet 2>/dev/null || true)
  for x in $(seq 200 250); do
    grep -qx "$x" <<<"$used" && continue
    ip -4 route show table all 2>/dev/null | grep -q "^10\.$x\." && continue
    ip -4 -o addr show 2>/dev/null | grep -q " 10\.$x\." && continue
    echo "$x" > "$state/octet"
    flock -u 9
    return 0
  done
  flock -u 9
  die "no free underlay subnet in 10.200.0.0 - 10.250.0.0"
}

# --- underlay ---
make_underlay() {
  ip netns add "$lan"
  ip -n "$lan" link set lo up
  ip -n "$lan" link add br0 type bridge
  ip -n "$lan" link set br0 up
  ip link add "$host_link" type veth peer name host netns "$lan"
  ip -n "$lan" link set host master br0 up
  ip addr add "$(host_address)/24" dev "$host_link"
  ip link set "$host_link" up
}

make_node_netns() {
  local node=$1 i=${1#"$prefix"-n}
  ip netns add "$node"
  ip -n "$node" link set lo up
  ip -n "$lan" link add "n$i" type veth peer name eth0 netns "$node"
  ip -n "$lan" link set "n$i" master br0 up
  ip -n "$node" addr add "$(node_address "$node")/24" dev eth0
  ip -n "$node" link set eth0 up
  # A new namespace copies the host's forwarding setting; start from a fresh host's, so dockerd enables forwarding
  # itself and sets its FORWARD policy to DROP, as it does on a real node.
  nsenter --net="/run/netns/$node" sysctl -qw net.ipv4.ip_forward=0
}

# --- dockerd per node ---
# Runs inside the node's new mount namespace, then becomes dockerd. Mounts of the host under the folders covered
# here are dropped first: copies of namespace files would keep other namespaces alive as long as this dockerd.
node_mounts_script() {
  cat <<'EOF'
set -e
node=$1 run=$2 data=$3
hostname "$node"
for m in $(awk '{ print $5 }' /proc/self/mountinfo | grep -E '^/(run|var/run|var/lib/docker|etc/docker)/' | sort -r); do
  case "$run/" in "$m"/*) continue ;; esac
  umount -l "$m" 2>/dev/null || true
done
mount --bind "$run" /run
mkdir -p /var/lib/docker /etc/docker
mount --bind "$data/docker" /var/lib/docker
mount --bind "$data/etc" /etc/docker
mkdir -p /run/docker/netns
mount --bind /run/docker/netns /run/docker/netns
mount --make-shared /run/docker/netns
shift 3
cd /
exec "$@"
EOF
}

start_dockerd() {
  local node=$1 run dir
  run=$(node_run "$node") dir=$(node_data "$node")
  mkdir -p "$run" "$dir/docker" "$dir/etc"
  rm -f "$run/docker.pid" "$run/docker.sock"
  echo '{}' > "$dir/etc/daemon.json"
  # No registry is reachable: a proxy on a closed loopback port makes image pulls fail at once, locally.
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
    setsid nsenter --net="/run/netns/$node" unshare --mount --uts --propagation slave \
    bash -c "$(node_mounts_script)" node-mounts "$node" "$run" "$dir" \
    dockerd --host unix:///run/docker.sock --pidfile /run/docker.pid --config-file /etc/docker/daemon.json \
    --cgroup-parent "edge-nodes/$node" >>"$state/$node.log" 2>&1 </dev/null &
}

dockerd_pid() { cat "$(node_run "$1")/docker.pid" 2>/dev/null || true; }

wait_dockerd() {
  local node=$1
  for _ in $(seq 1 60); do
    if node_docker "$node" info >/dev/null 2>&1; then
      readlink "/proc/$(dockerd_pid "$node")/ns/mnt" > "$state/$node.mntns"
      return 0
    fi
    sleep 0.5
  done
  tail -n 20 "$state/$node.log" >&2 || true
  die "dockerd of $node did not come up within 30 s (log: $state/$node.log)"
}

# Loopback clients of a published port leave through docker_gwbridge with a 127.0.0.1 source after DNAT: the
# kernel routes them only with route_localnet there. Docker creates the bridge with the node's ingress sandbox.
set_route_localnet() {
  local node=$1
  for _ in $(seq 1 120); do
    ip -n "$node" link show docker_gwbridge >/dev/null 2>&1 && break
    sleep 0.5
  done
  nsenter --net="/run/netns/$node" sysctl -qw net.ipv4.conf.docker_gwbridge.route_localnet=1 \
    || die "docker_gwbridge of $node did not appear within 60 s"
}

# --- swarm ---
make_swarm() {
  local manager=$1 token
  shift
  node_docker "$manager" swarm init --advertise-addr "$(node_address "$manager")" >/dev/null
  token=$(node_docker "$manager" swarm join-token -q worker)
  local pids=()
  for node in "$@"; do
    node_docker "$node" swarm join --advertise-addr "$(node_address "$node")" --token "$token" \
      "$(node_address "$manager"):2377" >/dev/null &
    pids+=($!)
  done
  wait_for "joining the swarm" "${pids[@]}"
}

# Waits for the given background jobs; fails if any failed.
wait_for() {
  local what=$1 failed=0
  shift
  for pid in "$@"; do wait "$pid" || failed=1; done
  [ $failed -eq 0 ] || die "$what failed"
}

# Built once on the first node, saved once, loaded by every other node at once.
load_images() {
  local first=$1 refs archive=$data/images.tar pids=()
  shift
  say "building the images on $first"
  DOCKER_HOST="unix://$(node_sock "$first")" bash "$root/docker/build-images.sh" >&2
  [ $# -gt 0 ] || return 0
  refs=$(node_docker "$first" image ls --format '{{.Repository}}:{{.Tag}}' | grep -E '^edge-(gateway|agent|whoami):')
  say "loading $(echo $refs) into $*"
  # shellcheck disable=SC2086 # a list of image references
  node_docker "$first" save -o "$archive" $refs
  for node in "$@"; do node_docker "$node" load -q -i "$archive" >/dev/null & pids+=($!); done
  wait_for "loading the images" "${pids[@]}"
  rm -f "$archive"
}

cmd_up() {
  require_root
  local count=${1:-}
  [[ $count =~ ^[1-9][0-9]?$ ]] || die "usage: up N (N = number of nodes, 1-99; got '${count}')"
  [ -e "$state" ] && die "the set '$prefix' exists already ($state): run 'EDGE_NODES_PREFIX=$prefix $0 down' first"
  command -v dockerd >/dev/null || die "dockerd is not installed (apt-get install docker.io)"
  mkdir -p "$state"
  # From here on, a failure tears down whatever was built.
  trap 'rc=$?; trap - EXIT; if [ $rc -ne 0 ]; then say "up failed: tearing down"; cmd_down; fi; exit $rc' EXIT
  trap 'exit 130' INT TERM
  allocate_octet
  local all=() node
  for i in $(seq 1 "$count"); do all+=("$(node_name "$i")"); done
  printf '%s\n' "${all[@]}" > "$state/nodes"
  say "underlay 10.$(cat "$state/octet").0.0/24, nodes ${all[*]}"
  make_underlay
  for node in "${all[@]}"; do make_node_netns "$node"; start_dockerd "$node"; done
  for node in "${all[@]}"; do wait_dockerd "$node"; done
  make_swarm "${all[@]}"
  for node in "${all[@]}"; do set_route_localnet "$node"; done
  if [ "${EDGE_NODES_IMAGES:-1}" != 0 ]; then load_images "${all[@]}"; fi
  trap - EXIT INT TERM
  say "up: $count nodes; manager ${all[0]} (DOCKER_HOST=unix://$(node_sock "${all[0]}"))"
}

# --- down ---
# Every process of a node: those in its dockerd's mount namespace (dockerd, containerd, shims, host-network
# containers' processes keep their own mount namespaces, but run in a cgroup under the node's parent).
node_pids() {
  local node=$1 mntns p
  mntns=$(cat "$state/$node.mntns" 2>/dev/null || true)
  if [ -n "$mntns" ]; then
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$mntns" ] && echo "${p#/proc/}"
    done
  fi
  cat /sys/fs/cgroup/pids/edge-nodes/"$node"/*/cgroup.procs /sys/fs/cgroup/unified/edge-nodes/"$node"/*/cgroup.procs \
    /sys/fs/cgroup/edge-nodes/"$node"/*/cgroup.procs 2>/dev/null || true
  dockerd_pid "$node"
}

stop_dockerd() {
  local node=$1 pid
  pid=$(dockerd_pid "$node")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  say "dockerd of $node ($pid) did not stop within 30 s: killing it"
  kill -9 "$pid" 2>/dev/null || true
}

# Containers are killed before their dockerd stops, so it has nothing to wait for.
kill_node() {
  local node=$1 pids
  pids=$(cat /sys/fs/cgroup/pids/edge-nodes/"$node"/*/cgroup.procs /sys/fs/cgroup/unified/edge-nodes/"$node"/*/cgroup.procs \
    /sys/fs/cgroup/edge-nodes/"$node"/*/cgroup.procs 2>/dev/null || true)
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
  stop_dockerd "$node"
  for _ in $(seq 1 20); do
    pids=$(node_pids "$node" | sort -u)
    [ -z "$pids" ] && return 0
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 0.5
  done
  say "processes of $node still alive: $pids"
}

remove_cgroups() {
  local node=$1 d
  for d in /sys/fs/cgroup/*/edge-nodes/"$node" /sys/fs/cgroup/edge-nodes/"$node"; do
    [ -d "$d" ] || continue
    find "$d" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null || true
    rmdir "$d" 2>/dev/null || true
    rmdir "$(dirname "$d")" 2>/dev/null || true   # edge-nodes itself, once no set uses it
  done
}

cmd_down() {
  require_root
  local all node
  all=$(nodes)
  # Nodes of a set whose node list was never written still have namespaces named after the prefix.
  [ -n "$all" ] || all=$(ip netns list 2>/dev/null | awk -v p="$prefix-n" 'index($1, p) == 1 { print $1 }')
  node=$(head -n1 <<<"$all")
  if [ -n "$node" ] && [ -S "$(node_sock "$node")" ]; then
    for stack in $(node_docker "$node" stack ls --format '{{.Name}}' 2>/dev/null); do
      say "removing stack '$stack'"
      node_docker "$node" stack rm "$stack" >/dev/null 2>&1 || true
    done
  fi
  local pids=()
  for node in $all; do kill_node "$node" & pids+=($!); done
  wait "${pids[@]}" 2>/dev/null || true
  for node in $all; do
    remove_cgroups "$node"
    ip netns del "$node" 2>/dev/null || true
    rm -rf "$(node_data "$node")"
  done
  ip link del "$host_link" 2>/dev/null || true
  ip netns del "$lan" 2>/dev/null || true
  rm -rf "$state" "$data"
  rmdir "$(dirname "$data")" 2>/dev/null || true
  say "down"
}

cmd_env() {
  [ -f "$state/nodes" ] || die "no set '$prefix' ($state/nodes missing): run 'up N' first"
  local all i=0
  all=$(nodes)
  echo "EDGE_NODES_PREFIX=$prefix"
  echo "EDGE_NODES='$(echo $all)'"
  echo "EDGE_NODES_COUNT=$(wc -l <<<"$all")"
  echo "EDGE_NODES_MANAGER=$(head -n1 <<<"$all")"
  echo "EDGE_NODES_SUBNET=10.$(cat "$state/octet").0.0/24"
  echo "EDGE_NODES_HOST_ADDRESS=$(host_address)"
  echo "EDGE_NODES_MANAGER_DOCKER_HOST=unix://$(node_sock "$(head -n1 <<<"$all")")"
  for node in $all; do
    i=$((i + 1))
    echo "EDGE_NODE_${i}_NAME=$node"
    echo "EDGE_NODE_${i}_ADDRESS=$(node_address "$node")"
    echo "EDGE_NODE_${i}_DOCKER_HOST=unix://$(node_sock "$node")"
    echo "EDGE_NODE_${i}_NETNS=/run/netns/$node"
  done
}

cmd_stop() {
  require_root
  local node=${1:?usage: stop NODE}
  nodes | grep -qx "$node" || die "no node '$node' in the set '$prefix' (nodes: $(echo $(nodes)))"
  stop_dockerd "$node"
}

cmd_start() {
  require_root
  local node=${1:?usage: start NODE}
  nodes | grep -qx "$node" || die "no node '$node' in the set '$prefix' (nodes: $(echo $(nodes)))"
  if [ -n "$(dockerd_pid "$node")" ] && kill -0 "$(dockerd_pid "$node")" 2>/dev/null; then die "dockerd of $node is running"; fi
  start_dockerd "$node"
  wait_dockerd "$node"
}

cmd_images() {
  require_root
  [ -f "$state/nodes" ] || die "no set '$prefix': run 'up N' first"
  # shellcheck disable=SC2046 # the node names
  load_images $(nodes)
}

cmd_exec() {
  require_root
  local node=${1:?usage: exec NODE CMD...} pid
  shift
  [ $# -gt 0 ] || die "usage: exec NODE CMD..."
  pid=$(dockerd_pid "$node")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "dockerd of '$node' is not running (set '$prefix')"
  # --root, --wd: dockerd's own root (its mount namespace's differs when the set runs in a chroot) and folder (/).
  exec nsenter --target "$pid" --mount --net --uts --root --wd -- "$@"
}

case "${1:-}" in
  up) cmd_up "${2:-}" ;;
  down) cmd_down ;;
  env) cmd_env ;;
  stop) cmd_stop "${2:-}" ;;
  start) cmd_start "${2:-}" ;;
  exec) shift; cmd_exec "$@" ;;
  images) cmd_images ;;
  *) echo "usage: docker/swarm-nodes.sh up N | down | env | images | exec NODE CMD... | stop NODE | start NODE   (env EDGE_NODES_PREFIX)" >&2; exit 2 ;;
esac
