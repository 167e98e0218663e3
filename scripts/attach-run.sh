#!/usr/bin/env bash
# Attach mode end to end: brings the reference stack up with docker-compose.yml, runs the features
# against it (FAULTLINE_ATTACH, cucumber profile "attach"), and takes it down again, whatever the
# outcome. Uses its own compose project so that a stack you keep up as "faultline" is not touched
# (its published ports must be free, though: 3000, 8081, 8474, 8668).
# Usage: bash scripts/attach-run.sh [extra cucumber-js arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
project="${FAULTLINE_ATTACH_PROJECT:-faultline-check}"
# Compose v2 waits for every healthcheck (--wait); v1 has no --wait, but its `up` still starts the
# order service only once the services it depends_on are healthy, and attach mode waits for the
# order service's own readiness.
if docker compose version >/dev/null 2>&1; then compose=(docker compose); wait=(--wait); else compose=(docker-compose); wait=(); fi
# The stand-in images set-up built (or official ones), as the suite itself uses them.
if [ -f .faultline/images.env ]; then set -a; . .faultline/images.env; set +a; fi
down() { "${compose[@]}" -p "$project" down -v --remove-orphans >/dev/null 2>&1 || true; }
trap down EXIT
started=$(date +%s%N)
if ! output="$("${compose[@]}" -p "$project" up -d --build "${wait[@]}" 2>&1)"; then
  echo "$output" >&2
  echo "docker compose up failed for project $project (are ports 3000, 8081, 8474 and 8668 free?)" >&2
  exit 1
fi
echo "compose up ($project) in $(( ($(date +%s%N) - started) / 1000000 )) ms"
FAULTLINE_ATTACH="$project" FAULTLINE_REPORTS_DIR=reports/attach cucumber-js --profile attach "$@"
