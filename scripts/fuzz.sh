#!/usr/bin/env bash
# Runs every Fuzz target in the module for a bounded time each.
#
#   scripts/fuzz.sh [TIME]     TIME per target, default 10s (go test -fuzztime:
#                              "30s", "2m", or "5000x" for a count of execs)
#
# A failure leaves the input in <package>/testdata/fuzz/<Target>/; commit it
# with the fix, it is then a regression test run by plain `go test`.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${1:-10s}"
case "$fuzztime" in
  *[0-9]) fuzztime="${fuzztime}s" ;; # a bare number means seconds
esac

# Go's fuzzer can spend up to -fuzzminimizetime (default 60s) minimizing
# each new interesting input, and counts no execs meanwhile: with a short
# run that is most of the run ("execs: N (0/sec)", golang/go#51484, #48820).
minimize="${FUZZMINIMIZETIME:-5s}"

found=0
failed=()
for pkg in $(go list ./...); do
  targets=$(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true)
  for target in $targets; do
    found=$((found + 1))
    echo "== $pkg $target ($fuzztime)"
    log=$(mktemp)
    if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime="$minimize" "$pkg" 2>&1 | tee "$log"; then
      # Go's fuzzer sometimes ends a run with "context deadline exceeded"
      # when its time is up while a worker is still busy (minimizing); that
      # is no finding. A finding always writes its input to testdata/fuzz.
      if grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written to' "$log"; then
        echo "fuzz.sh: $target: the run ended at its deadline without a finding"
      else
        failed+=("$pkg $target")
      fi
    fi
    rm -f "$log"
  done
done
if [ "$found" -eq 0 ]; then
  echo "fuzz.sh: no Fuzz targets found" >&2
  exit 1
fi
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz.sh: ${#failed[@]} of $found targets failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz.sh: $found targets passed"
