#!/usr/bin/env bash
# Runs every test tier (or the one named): unit, kernel, swarm.
# Installs what a tier needs on a fresh Debian machine when run as root.
# Ends with one summary line per tier and exits non-zero if anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=tests/lib/common.sh
. tests/lib/common.sh

tiers=("$@")
[ ${#tiers[@]} -gt 0 ] || tiers=(unit kernel swarm)
for t in "${tiers[@]}"; do
  case "$t" in unit|kernel|swarm) ;; *) echo "tests/run.sh: unknown tier '$t' (expected unit, kernel or swarm)" >&2; exit 2 ;; esac
done

results="$root/.artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
summary=()
failed_any=0

echo "== build"
if ! dotnet build EdgeGateway.sln -c Release -warnaserror -nologo -v quiet; then
  echo "build: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

for tier in "${tiers[@]}"; do
  echo "== tier $tier"
  line=$(run_tier "$tier" "$results/$tier")
  rc=$?
  summary+=("$line")
  [ $rc -eq 0 ] || failed_any=1
done

echo
echo "== summary"
for s in "${summary[@]}"; do echo "$s"; done
totals=$(printf '%s\n' "${summary[@]}" | awk '{p+=$2; f+=$4; s+=$6} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
echo "total: $totals"
exit $failed_any
