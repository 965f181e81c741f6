#!/usr/bin/env bash
# Brings EdgeGateway up on a local Docker Swarm, fully offline, and takes it down again.
#
#   docker/edge.sh up       install docker.io if missing (Debian-like hosts, root), start dockerd, `docker swarm init`
#                           if this node is in no swarm, build the images offline, deploy stack.yml as stack "edge",
#                           wait until every service runs its replicas and the gateway answers; print the URL.
#   docker/edge.sh down     remove the stack; leave the swarm, stop dockerd and undo the mount only if `up` did them.
#   docker/edge.sh status   dockerd, swarm, services and tasks of the stack.
#   docker/edge.sh prepare  only install docker.io and start dockerd (recorded like `up` does, for `down`).
#   docker/edge.sh up --nodes N
#                           a local N-node swarm instead (docker/swarm-nodes.sh: one dockerd per network namespace on
#                           this machine, the host's dockerd untouched): deploy stack.yml on its manager, wait, print
#                           every node's URL. `down` and `status` then act on that swarm.
#
# env: EDGE_PORT (published port, default 80), EDGE_STACK (stack name, default edge), DOCKER (client to use),
#      EDGE_WAIT_SECONDS (how long `up` waits for the stack, default 300),
#      EDGE_STATE (state file recording what `up` created, default /var/lib/edge-gateway/edge.state),
#      EDGE_NO_BUILD=1 (publish the apps from an existing Release build instead of building them again),
#      EDGE_REMOVE_IMAGES (image references `down` removes once the stack is gone, e.g. those a test built),
#      EDGE_NODES_PREFIX (the node set `up --nodes` makes, default edge; see docker/swarm-nodes.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docker=${DOCKER:-docker}
stack=${EDGE_STACK:-edge}
port=${EDGE_PORT:-80}
wait_seconds=${EDGE_WAIT_SECONDS:-300}
state=${EDGE_STATE:-/var/lib/edge-gateway/edge.state}
netns_dir=/run/docker/netns

say() { echo "edge.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# --- state file: one "key=value" per thing `up` created, so `down` undoes exactly those ---
recorded() { [ -f "$state" ] && grep -qx "$1=1" "$state"; }
record() { mkdir -p "$(dirname "$state")"; recorded "$1" || echo "$1=1" >> "$state"; }

# --- dockerd ---
docker_up() { $docker info >/dev/null 2>&1; }

ensure_docker_installed() {
  command -v dockerd >/dev/null && return 0
  [ "$(id -u)" -eq 0 ] || die "dockerd is not installed; run as root to install docker.io"
  [ -f /etc/debian_version ] || die "dockerd is not installed and this is not a Debian-like host: install Docker Engine first"
  say "installing docker.io"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >&2; }
  record installed_docker
}

# The agent container sees namespaces Docker creates later only if Docker's netns folder is a shared mount
# (its bind mount in stack.yml uses rslave propagation). Done before dockerd starts when we start it.
ensure_netns_shared() {
  grep -q " $netns_dir $netns_dir .* shared:" /proc/self/mountinfo && return 0
  [ "$(id -u)" -eq 0 ] || die "$netns_dir must be a shared mount for the agent; run as root"
  mkdir -p "$netns_dir"
  mount --rbind "$netns_dir" "$netns_dir"
  mount --make-rshared "$netns_dir"
  record shared_netns
}

start_dockerd() {
  [ "$(id -u)" -eq 0 ] || die "dockerd is not running; run as root to start it"
  say "starting dockerd (log: /var/log/edge-dockerd.log)"
  ensure_netns_shared
  # No registry is reachable: a proxy on a closed loopback port makes swarm's image pull attempts fail at once,
  # locally, and tasks run the images built here.
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
    setsid dockerd --pidfile /var/run/edge-dockerd.pid >/var/log/edge-dockerd.log 2>&1 </dev/null &
  record started_dockerd
  for _ in $(seq 1 60); do docker_up && return 0; sleep 1; done
  die "dockerd did not come up within 60 s (see /var/log/edge-dockerd.log)"
}

stop_dockerd() {
  local pid
  pid=$(cat /var/run/edge-dockerd.pid 2>/dev/null || true)
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || return 0
  say "stopping dockerd ($pid)"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
}

# --- swarm ---
swarm_state() { $docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }

# The host's own primary address (of the default route's device): a swarm cannot advertise loopback. Looking
# the route up sends nothing.
primary_address() {
  local dev addr
  dev=$(ip -4 route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')
  [ -n "$dev" ] && addr=$(ip -4 -o addr show dev "$dev" scope global | awk '{ split($4, a, "/"); print a[1]; exit }')
  [ -n "${addr:-}" ] || addr=$(ip -4 -o addr show scope global | awk '{ split($4, a, "/"); print a[1]; exit }')
  [ -n "${addr:-}" ] || die "no global IPv4 address to advertise for the swarm"
  echo "$addr"
}

ensure_swarm() {
  [ "$(swarm_state)" = active ] && return 0
  local addr
  addr=$(primary_address)
  say "docker swarm init --advertise-addr $addr"
  $docker swarm init --advertise-addr "$addr" >/dev/null
  record created_swarm
}

# Loopback clients of a published port leave through docker_gwbridge with a 127.0.0.1 source after DNAT; the
# kernel routes them only with route_localnet on that bridge (the agent's container cannot write /proc/sys).
# Docker creates the bridge with the ingress sandbox, some time after `swarm init`: wait for it.
ensure_route_localnet() {
  local knob=/proc/sys/net/ipv4/conf/docker_gwbridge/route_localnet
  for _ in $(seq 1 60); do [ -e "$knob" ] && break; sleep 1; done
  [ -e "$knob" ] || { say "docker_gwbridge did not appear within 60 s: 127.0.0.1:$port will not answer"; return 0; }
  [ "$(cat "$knob")" = 1 ] || { [ "$(id -u)" -eq 0 ] && echo 1 > "$knob"; } || say "cannot set $knob: 127.0.0.1:$port will not answer"
}

# --- stack ---
# Tags a freshly built edge-APP:local with its image id and prints that reference: a rebuilt image changes the
# service spec, so swarm rolls the service onto it (an unchanged image changes nothing).
image_ref() {
  local id
  id=$($docker image inspect -f '{{.Id}}' "edge-$1:local" | sed 's/^sha256://' | cut -c1-12)
  $docker tag "edge-$1:local" "edge-$1:local-$id"
  echo "edge-$1:local-$id"
}

deploy() {
  local routes_version gateway agent whoami
  routes_version=$(sha256sum "$root/config/routes.json" | cut -c1-12)
  gateway=$(image_ref gateway) agent=$(image_ref agent) whoami=$(image_ref whoami)
  say "deploying stack '$stack'"
  (cd "$root" && EDGE_PORT=$port EDGE_ROUTES_VERSION=$routes_version \
    EDGE_GATEWAY_IMAGE=$gateway EDGE_AGENT_IMAGE=$agent EDGE_WHOAMI_IMAGE=$whoami \
    $docker stack deploy --resolve-image never --prune -c stack.yml "$stack" >/dev/null)
}

# The agent leaves the kernel as it is when it stops (a restart must not drop connections); once the stack is gone,
# its tables go too: published-port DNAT in the host namespace, the balancer in Docker's ingress sandbox.
# (Container sandboxes go away with their containers.)
remove_mesh_tables() {
  command -v nft >/dev/null && [ "$(id -u)" -eq 0 ] || { say "nft not available: tables ip edge_ingress / ip edge_mesh may remain"; return 0; }
  nft delete table ip edge_ingress 2>/dev/null || true
  [ -e "$netns_dir/ingress_sbox" ] && nsenter --net="$netns_dir/ingress_sbox" nft delete table ip edge_mesh 2>/dev/null || true
}

# Prints the services of the stack whose running replicas are not yet what they should be.
services_not_ready() {
  $docker stack services "$stack" --format '{{.Name}} {{.Replicas}}' | awk '{ split($2, r, "/"); if (r[1] != r[2] || r[2] == 0) print $1 " " $2 }'
}

probe_address=127.0.0.1
gateway_answers() { curl -fsS -o /dev/null --max-time 3 "http://${1:-$probe_address}:$port/" 2>/dev/null; }

wait_for_stack() {
  local deadline=$((SECONDS + wait_seconds)) pending
  say "waiting for every service to run its replicas"
  while pending=$(services_not_ready) && [ -n "$pending" ]; do
    [ $SECONDS -lt $deadline ] || { $docker stack ps "$stack" --no-trunc >&2; die "not ready after ${wait_seconds}s: $pending"; }
    sleep 2
  done
  say "waiting for the gateway on port $port"
  until gateway_answers; do
    [ $SECONDS -lt $deadline ] || die "the gateway does not answer on http://$probe_address:$port/ after ${wait_seconds}s (see docs/swarm.md)"
    sleep 2
  done
}

cmd_prepare() {
  ensure_docker_installed
  docker_up || start_dockerd
  ensure_netns_shared
}

cmd_up() {
  cmd_prepare
  ensure_swarm
  ensure_route_localnet
  DOCKER=$docker bash "$root/docker/build-images.sh" >&2
  deploy
  wait_for_stack
  echo "EdgeGateway is up: http://127.0.0.1:$port/ and http://$(primary_address):$port/"
}

# --- a local multi-node swarm (docker/swarm-nodes.sh) ---
nodes_script() { EDGE_NODES_PREFIX=${EDGE_NODES_PREFIX:-edge} bash "$root/docker/swarm-nodes.sh" "$@"; }

# Points $docker at the node set's manager and loads the set's description (EDGE_NODE_<i>_...).
use_nodes() {
  eval "$(nodes_script env)"
  docker="docker -H $EDGE_NODES_MANAGER_DOCKER_HOST"
  probe_address=$EDGE_NODE_1_ADDRESS
}

node_addresses() { for i in $(seq 1 "$EDGE_NODES_COUNT"); do eval "echo \$EDGE_NODE_${i}_ADDRESS"; done; }

# The images are loaded into every node; swarm runs a task from the node's own image store, so the tags `deploy`
# makes on the manager are made on every other node too (the image ids are the same).
tag_images_on_workers() {
  local app id host
  for app in gateway agent whoami; do
    id=$($docker image inspect -f '{{.Id}}' "edge-$app:local" | sed 's/^sha256://' | cut -c1-12)
    for i in $(seq 2 "$EDGE_NODES_COUNT"); do
      host=$(eval "echo \$EDGE_NODE_${i}_DOCKER_HOST")
      docker -H "$host" tag "edge-$app:local" "edge-$app:local-$id"
    done
  done
}

cmd_up_nodes() {
  local count=$1
  [[ $count =~ ^[1-9][0-9]?$ ]] || die "up --nodes N: N must be a number of nodes (1-99), got '$count'"
  [ "$(id -u)" -eq 0 ] || die "up --nodes needs root (network namespaces, one dockerd per node)"
  ensure_docker_installed
  record nodes_up
  nodes_script up "$count"
  use_nodes
  tag_images_on_workers
  deploy
  wait_for_stack
  local address deadline=$((SECONDS + wait_seconds))
  for address in $(node_addresses); do
    until gateway_answers "$address"; do
      [ $SECONDS -lt $deadline ] || die "the gateway does not answer on http://$address:$port/ after ${wait_seconds}s (see docs/swarm.md)"
      sleep 2
    done
  done
  echo "EdgeGateway is up on $count nodes (manager: DOCKER_HOST=$EDGE_NODES_MANAGER_DOCKER_HOST):"
  for address in $(node_addresses); do echo "  http://$address:$port/"; done
}

cmd_down_nodes() {
  nodes_script down
  rm -f "$state"
}

cmd_status_nodes() {
  use_nodes
  echo "nodes: $EDGE_NODES   (manager: DOCKER_HOST=$EDGE_NODES_MANAGER_DOCKER_HOST)"
  $docker node ls
  echo
  if ! $docker stack ls --format '{{.Name}}' | grep -qx "$stack"; then echo "stack '$stack': not deployed"; return 1; fi
  $docker stack services "$stack"
  echo
  $docker stack ps "$stack" --filter desired-state=running
  echo
  local address failed=0
  for address in $(node_addresses); do
    if gateway_answers "$address"; then echo "gateway: answering on http://$address:$port/"; else echo "gateway: NOT answering on http://$address:$port/"; failed=1; fi
  done
  return $failed
}

cmd_down() {
  if recorded nodes_up; then cmd_down_nodes; return; fi
  if docker_up && $docker stack ls --format '{{.Name}}' 2>/dev/null | grep -qx "$stack"; then
    say "removing stack '$stack'"
    $docker stack rm "$stack" >/dev/null
    # Task containers and networks go asynchronously; wait so a following `up` or `swarm leave` does not race them
    # (containers of tasks still present when the node leaves the swarm would stay behind).
    for _ in $(seq 1 60); do
      [ -z "$($docker network ls -q --filter "label=com.docker.stack.namespace=$stack")" ] \
        && [ -z "$($docker ps -aq --filter "label=com.docker.stack.namespace=$stack")" ] && break
      sleep 1
    done
    $docker ps -aq --filter "label=com.docker.stack.namespace=$stack" | xargs -r $docker rm -f >/dev/null 2>&1 || true
    $docker volume ls -q --filter "label=com.docker.stack.namespace=$stack" | xargs -r $docker volume rm >/dev/null 2>&1 || true
    remove_mesh_tables
  fi
  $docker image ls --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep -E '^edge-(gateway|agent|whoami):local-' | xargs -r $docker image rm >/dev/null 2>&1 || true
  # shellcheck disable=SC2086 # a list of image references
  if [ -n "${EDGE_REMOVE_IMAGES:-}" ]; then
    $docker image rm $EDGE_REMOVE_IMAGES >/dev/null 2>&1 || true
    # the untagged build-stage images left by the legacy builder (they carry the runtime image's label)
    $docker image prune -f --filter label=org.edgegateway.runtime=true >/dev/null 2>&1 || true
  fi
  if recorded created_swarm && docker_up; then
    say "leaving the swarm"
    $docker swarm leave --force >/dev/null || true
    # Docker keeps the bridge it made for the swarm after leaving; it was made for this swarm.
    $docker network rm docker_gwbridge >/dev/null 2>&1 || true
  fi
  if recorded started_dockerd; then stop_dockerd; fi
  if recorded shared_netns && ! docker_up; then umount -R "$netns_dir" 2>/dev/null || true; fi
  rm -f "$state"
}

cmd_status() {
  if recorded nodes_up; then cmd_status_nodes; return; fi
  if ! docker_up; then echo "dockerd: not running"; return 1; fi
  echo "dockerd: $($docker version --format '{{.Server.Version}}')   swarm: $(swarm_state)"
  if ! $docker stack ls --format '{{.Name}}' | grep -qx "$stack"; then echo "stack '$stack': not deployed"; return 1; fi
  $docker stack services "$stack"
  echo
  $docker stack ps "$stack" --filter desired-state=running
  if gateway_answers; then echo; echo "gateway: answering on http://127.0.0.1:$port/"; else echo; echo "gateway: NOT answering on port $port"; fi
}

case "${1:-}" in
  up)
    case "${2:-}" in
      "") cmd_up ;;
      --nodes) cmd_up_nodes "${3:-}" ;;
      *) die "up: unknown option '$2' (expected --nodes N)" ;;
    esac ;;
  prepare) cmd_prepare ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: docker/edge.sh up [--nodes N]|down|status|prepare" >&2; exit 2 ;;
esac
