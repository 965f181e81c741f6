# Shared helpers for tests/run.sh: per-tier prerequisites, test projects and result counting.

# Test projects of each tier.
tier_projects() {
  case "$1" in
    unit)   echo tests/EdgeGateway.Tests tests/EdgeGateway.Mesh.Tests tests/EdgeGateway.Mesh.Linux.Tests tests/EdgeGateway.Agent.Tests ;;
    kernel) echo tests/EdgeGateway.Kernel.Tests ;;
    swarm)  [ -d tests/EdgeGateway.Swarm.Tests ] && echo tests/EdgeGateway.Swarm.Tests ;;
  esac
}

# Installs Debian packages that are missing (root only; otherwise the tier's tests skip themselves).
ensure_packages() {
  [ "$(id -u)" -eq 0 ] || return 0
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  if [ ! -f /var/lib/apt/.edge-updated ]; then apt-get update -qq >&2 && touch /var/lib/apt/.edge-updated; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Prepares what a tier needs; each tier may add a script tests/lib/prepare-<tier>.sh.
prepare_tier() {
  local script="tests/lib/prepare-$1.sh"
  [ -f "$script" ] || return 0
  bash "$script" >&2
}

# Sums the counters of every .trx file under a folder: prints "passed failed skipped".
count_trx() {
  local p=0 f=0 s=0 file c
  for file in "$1"/*.trx; do
    [ -f "$file" ] || continue
    c=$(grep -o '<Counters [^>]*>' "$file" | head -n1)
    p=$((p + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c")))
    f=$((f + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c")))
    # xunit's trx leaves notExecuted at 0 for skipped tests: they are the ones counted in total but not executed.
    s=$((s + $(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$c") - $(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$c")))
  done
  echo "$p $f $s"
}

# Runs one tier's projects; prints its summary line on stdout, test output on stderr.
run_tier() {
  local tier=$1 out=$2 projects rc=0
  mkdir -p "$out"
  projects=$(tier_projects "$tier")
  if [ -z "$projects" ]; then
    echo "SKIPPED: tier '$tier' has no test project yet" >&2
    echo "$tier: 0 passed, 0 failed, 0 skipped"
    return 0
  fi
  if [ "$tier" != unit ] && [ "$(id -u)" -ne 0 ]; then
    echo "!!! SKIPPED: tier '$tier' needs root; its tests will report themselves skipped" >&2
  fi
  prepare_tier "$tier" || { echo "$tier: 0 passed, 1 failed, 0 skipped"; return 1; }
  for proj in $projects; do
    dotnet test "$proj" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$(basename "$proj").trx" --logger "console;verbosity=normal" \
      --results-directory "$out" >&2 || rc=1
  done
  read -r p f s < <(count_trx "$out")
  # A crashed test host writes no counters: count it as a failure.
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "$tier: $p passed, $f failed, $s skipped"
  [ "$f" -eq 0 ]
}
