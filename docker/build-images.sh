#!/usr/bin/env bash
# Builds the edge-gateway, edge-agent and whoami images without any registry:
#   1. `dotnet publish` of each app on this host (.artifacts/publish/<app>);
#   2. a local runtime base image (edge-runtime:<.NET version>) made with `docker import` from a root
#      filesystem holding this host's .NET runtime and the libraries it needs (make-runtime-rootfs.sh);
#   3. `docker build` of docker/Dockerfile.<app> FROM that image with the legacy builder.
# Layers are cached: a rerun with unchanged sources rebuilds nothing.
#
# usage: docker/build-images.sh [--tag TAG] [APP...]     (APP: gateway agent whoami; default all)
# env:   DOCKER (docker client to use, default `docker`),
#        EDGE_NO_BUILD=1 (publish from the existing Release build, e.g. after tests/run.sh built the solution)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
docker=${DOCKER:-docker}
tag=local
apps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    gateway|agent|whoami) apps+=("$1"); shift ;;
    *) echo "build-images.sh: unknown argument '$1' (expected --tag TAG or gateway, agent, whoami)" >&2; exit 2 ;;
  esac
done
[ ${#apps[@]} -gt 0 ] || apps=(gateway agent whoami)

project_of() {
  case "$1" in
    gateway) echo src/EdgeGateway ;;
    agent) echo src/EdgeGateway.Agent ;;
    whoami) echo src/EdgeGateway.Whoami ;;
  esac
}

image_of() {
  case "$1" in
    gateway) echo "edge-gateway:$tag" ;;
    agent) echo "edge-agent:$tag" ;;
    whoami) echo "edge-whoami:$tag" ;;
  esac
}

# The client's notice that the legacy builder is deprecated is noise here: offline builds need it.
quiet_legacy_notice() { grep -v -e DEPRECATED -e 'BuildKit is currently disabled' -e 'environment-variable' -e '^ *$' >&2 || true; }

# The runtime base image is named after the host's .NET runtime and the script that assembles it, so a runtime
# update or a change to the script makes a new one.
netcore=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')
base="edge-runtime:$netcore-$(sha256sum docker/make-runtime-rootfs.sh | cut -c1-8)"
if ! $docker image inspect "$base" >/dev/null 2>&1; then
  echo "== base image $base"
  rootfs=$(mktemp -d /tmp/edge-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  bash docker/make-runtime-rootfs.sh "$rootfs" >/dev/null
  tar -C "$rootfs" -c . | $docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
    --change 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true' \
    --change 'WORKDIR /app' \
    --change 'LABEL org.edgegateway.runtime=true' \
    - "$base" >/dev/null
fi

for app in "${apps[@]}"; do
  out=".artifacts/publish/$app"
  echo "== publish $app"
  rm -rf "$out"
  dotnet publish "$(project_of "$app")" -c Release -o "$out" -p:UseAppHost=false --nologo -v quiet ${EDGE_NO_BUILD:+--no-build}
  echo "== image $(image_of "$app")"
  DOCKER_BUILDKIT=0 $docker build -q -f "docker/Dockerfile.$app" \
    --build-arg SDK_IMAGE="$base" --build-arg RUNTIME_IMAGE="$base" --build-arg PROBE_IMAGE="$base" \
    --build-arg PREBUILT="$out" -t "$(image_of "$app")" . 2>&1 >/dev/null | quiet_legacy_notice
done
$docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^edge-(gateway|agent|whoami|runtime):' || true
