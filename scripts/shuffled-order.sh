#!/usr/bin/env bash
# Runs the features in a random order with three seeds: scenario order must not matter.
# Usage: bash scripts/shuffled-order.sh [seed ...]   (default seeds: 1 2 3)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
seeds=("$@")
[ "${#seeds[@]}" -gt 0 ] || seeds=(1 2 3)
failed=0
for seed in "${seeds[@]}"; do
  # The mutation-results scenario reads the last mutant run; it says nothing about scenario order.
  if cucumber-js --profile ci --order "random:$seed" --tags "not @mutation-results" >"reports/shuffled-$seed.log" 2>&1; then
    echo "seed $seed: pass ($(grep -E '^[0-9]+ scenarios' "reports/shuffled-$seed.log"))"
  else
    echo "seed $seed: FAIL (see reports/shuffled-$seed.log)"; failed=$((failed + 1))
  fi
done
echo "$(( ${#seeds[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
