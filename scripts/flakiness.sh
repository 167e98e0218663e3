#!/usr/bin/env bash
# Runs `npm test` N times in a row (default 10) and prints each run's verdict and wall time.
# --busy keeps one core busy with a CPU burner during the runs (the other condition to test).
# Usage: bash scripts/flakiness.sh [N] [--busy]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-10}"
busy="${2:-}"
export PATH="$PWD/node_modules/.bin:$PATH"
log_dir="reports/flakiness"
mkdir -p "$log_dir"
burner=""
if [ "$busy" = "--busy" ]; then
  # One busy loop: on two cores it takes one of them for the whole series.
  ( while :; do :; done ) &
  burner=$!
  trap 'kill "$burner" 2>/dev/null' EXIT
fi
passed=0
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if npm test >"$log_dir/run-$i.log" 2>&1; then verdict=pass; passed=$((passed + 1)); else verdict=FAIL; failed=$((failed + 1)); fi
  echo "run $i/$runs: $verdict in $(( $(date +%s) - start )) s${busy:+ (one core busy)} (log: $log_dir/run-$i.log)"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
