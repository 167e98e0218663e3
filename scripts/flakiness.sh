#!/usr/bin/env bash
# Runs a suite N times in a row (default 10) and prints each run's verdict, wall time and failing
# scenarios; the series goes on after a failure so that every run is counted.
#   --busy        keeps one core busy with a CPU burner during the runs (the other condition to test)
#   --ci-profile  runs every feature of the ci profile (`cucumber-js --profile ci`) instead of `npm test`
# After each run, scripts/check-leftovers.sh must find nothing left behind, else the run fails.
# Writes reports/flakiness/run-N.log and run-N.json (the run's resilience report), and summary.md
# with one line per run.
# Usage: bash scripts/flakiness.sh [N] [--busy] [--ci-profile]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=10
busy=""
suite="npm test"
for arg in "$@"; do
  case "$arg" in
    --busy) busy=yes ;;
    --ci-profile) suite="cucumber-js --profile ci" ;;
    ''|*[!0-9]*) echo "flakiness.sh: unknown argument '$arg'; give a run count, --busy or --ci-profile" >&2; exit 2 ;;
    *) runs="$arg" ;;
  esac
done
export PATH="$PWD/node_modules/.bin:$PATH"
log_dir="reports/flakiness"
mkdir -p "$log_dir"
summary="$log_dir/summary.md"
burner=""
if [ -n "$busy" ]; then
  # One busy loop: on two cores it takes one of them for the whole series.
  ( while :; do :; done ) &
  burner=$!
  trap 'kill "$burner" 2>/dev/null' EXIT
fi
if [ "$suite" != "npm test" ]; then
  npm run --silent build:fixtures >/dev/null
  # The ci profile's mutation.feature reads the mutants' results, which npm test writes before its
  # features: without them, every run would fail there. Made once for the whole series.
  # Missing, stale or partial (a run of named mutants writes only theirs): made again.
  if ! npx tsx -e "import { checkMutantResults } from './src/report/mutant-run.ts'; const { problems } = checkMutantResults(); if (problems.some((p) => !/survived/.test(p))) process.exit(1);" 2>/dev/null; then
    echo "no complete mutant results: npm run test:mutants once before the series (log: $log_dir/mutants.log)"
    npm run test:mutants >"$log_dir/mutants.log" 2>&1 || { echo "the mutants run failed; see $log_dir/mutants.log" >&2; exit 1; }
  fi
fi
{
  echo "# $runs runs of \`$suite\`${busy:+ with one core busy} at $(git rev-parse --short HEAD), started $(date -u +%FT%TZ)"
  echo
} >"$summary"
passed=0
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  log="$log_dir/run-$i.log"
  verdict=pass
  if [ "$suite" = "npm test" ]; then npm test >"$log" 2>&1 || verdict=FAIL
  else rm -f .faultline/run-secrets.json; cucumber-js --profile ci >"$log" 2>&1 || verdict=FAIL
  fi
  bash scripts/check-leftovers.sh >>"$log" 2>&1 || verdict=FAIL
  # Each run's report, for figures over the whole series (e.g. the RTO of every failover).
  cp "${FAULTLINE_REPORTS_DIR:-reports}/resilience-report.json" "$log_dir/run-$i.json" 2>/dev/null || true
  [ "$verdict" = pass ] && passed=$((passed + 1)) || failed=$((failed + 1))
  # The progress formatter's line for a failed scenario: "failed   37/113  name (features/x.feature:15)".
  failures="$(grep -E '^failed ' "$log" | grep -oE '\([^ ()]+\.feature:[0-9]+\)' | tr -d '()' | sort -u | paste -sd' ' -)"
  scenarios="$(grep -oE '^[0-9]+ scenarios? \([^)]*\)' "$log" | tail -1)"
  line="run $i/$runs: $verdict in $(( $(date +%s) - start )) s${busy:+ (one core busy)}${scenarios:+, $scenarios}${failures:+, failed: $failures} (log: $log)"
  echo "$line"
  echo "- $line" >>"$summary"
done
echo "$passed passed, $failed failed" | tee -a "$summary"
[ "$failed" -eq 0 ]
