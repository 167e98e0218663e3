#!/usr/bin/env bash
# npm run test:package: what a new user does, in a scratch project outside this repository.
# Packs Faultline (prepack compiles it to dist/ and bundles the scriptable upstream), installs the
# tarball from the local npm cache (no network beyond the registry mirror already configured),
# writes a small HTTP service of its own (not in fixtures/), runs `npx faultline init` and
# `npx faultline test`, which must pass, and prints each step's time and the package's sizes.
#
# Environment: FAULTLINE_DOCKER_LOCK, a command that serialises use of a shared Docker engine, is put
#   in front of the step that starts containers; KEEP_SCRATCH=1 keeps the scratch directory.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d /tmp/faultline-package.XXXXXX)"
cleanup() { if [ "${KEEP_SCRATCH:-}" = 1 ]; then echo "scratch kept: $scratch"; else rm -rf "$scratch"; fi; }
trap cleanup EXIT

# Node >= 22.22 runs the CLI and strips the configuration's types; a checkout's own Node 24 comes first.
if [ -x "$repo/node_modules/node/bin/node" ]; then export PATH="$repo/node_modules/node/bin:$PATH"; fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 22 ]; then echo "check-package: Node $(node --version) is too old; Faultline needs Node >= 22.22" >&2; exit 1; fi

# Images: on a machine without a registry, set-up recorded its stand-ins; a user would set the same variables.
if [ -f "$repo/.faultline/images.env" ]; then
  while IFS='=' read -r key value; do
    case "$key" in FAULTLINE_*|TESTCONTAINERS_*|RYUK_*) [ -z "${!key:-}" ] && export "$key=$value" ;; esac
  done < <(grep -E '^[A-Z0-9_]+=' "$repo/.faultline/images.env")
fi
base_image="${FAULTLINE_NODE_IMAGE:-node:24-slim}"

timings=()
step() { # step <label> <command...>: runs it in the scratch project, records its duration
  local label="$1"; shift
  echo "== $label: $*"
  local started
  started="$(date +%s%N)"
  "$@"
  timings+=("$(printf '%-28s %6d ms' "$label" $(( ($(date +%s%N) - started) / 1000000 )))")
}

cd "$scratch"
step "npm pack (build + bundle)" npm pack --silent --pack-destination "$scratch" "$repo"
tarball="$(ls "$scratch"/faultline-*.tgz)"

mkdir -p "$scratch/greeter"
cd "$scratch/greeter"
step "npm init -y" npm init -y --silent
step "npm install -D <tarball>" npm install --save-dev --prefer-offline --no-audit --no-fund --loglevel=error "$tarball"

# The user's service: 20 lines of Node, a Dockerfile, nothing from Faultline's fixtures.
cat > server.mjs <<'EOF'
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const server = createServer((request, response) => {
  if (request.url === '/health') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  if (request.method === 'GET' && request.url === '/') {
    return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ greeting: 'hello', at: Date.now() }));
  }
  response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'not found' }));
});
server.listen(port, () => console.log(`greeter listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
EOF
cat > Dockerfile <<EOF
FROM $base_image
WORKDIR /app
COPY server.mjs ./
EXPOSE 8080
CMD ["node", "server.mjs"]
EOF
printf 'node_modules\nreports\n' > .dockerignore

step "npx faultline --version" npx --no-install faultline --version
step "npx faultline init" npx --no-install faultline init
# The time of `faultline test` itself is taken inside the lock, so that waiting for the engine is not counted.
run_test() { date +%s%N > "$scratch/test-started"; npx --no-install faultline test; }
export -f run_test
export scratch
waiting="$(date +%s%N)"
if [ -n "${FAULTLINE_DOCKER_LOCK:-}" ]; then $FAULTLINE_DOCKER_LOCK bash -c run_test; else run_test; fi
test_started="$(cat "$scratch/test-started")"
timings+=("$(printf '%-28s %6d ms' "npx faultline test" $(( ($(date +%s%N) - test_started) / 1000000 )))")
[ -z "${FAULTLINE_DOCKER_LOCK:-}" ] || timings+=("$(printf '%-28s %6d ms' "(waiting for the engine lock)" $(( (test_started - waiting) / 1000000 )))")

grep -q "from 'faultline'" faultline.config.*ts || { echo "check-package: the configuration does not import from 'faultline'" >&2; exit 1; }
[ -s .github/workflows/faultline.yml ] || { echo "check-package: no .github/workflows/faultline.yml" >&2; exit 1; }
for report in reports/summary.md reports/resilience-report.html reports/junit.xml; do
  [ -s "$report" ] || { echo "check-package: $report is missing after npx faultline test" >&2; exit 1; }
done
[ ! -e node_modules/tsx ] || { echo "check-package: tsx was installed; the package must run compiled" >&2; exit 1; }

# A Dockerfile that cannot build: the run fails, showing Docker's output and the line at fault.
cp Dockerfile Dockerfile.good
sed -i 's|^COPY server.mjs ./|COPY missing.mjs ./|' Dockerfile
run_broken() { npx --no-install faultline test > "$scratch/broken.log" 2>&1; }
export -f run_broken
if { if [ -n "${FAULTLINE_DOCKER_LOCK:-}" ]; then $FAULTLINE_DOCKER_LOCK bash -c run_broken; else run_broken; fi; }; then
  echo "check-package: npx faultline test passed with a Dockerfile that cannot build" >&2; exit 1
fi
for expected in 'FL_IMAGE_BUILD_FAILED' 'Dockerfile:3 (COPY missing.mjs ./)' "Docker's build output" 'Step 3/5 : COPY missing.mjs ./'; do
  grep -qF "$expected" "$scratch/broken.log" || { echo "check-package: a failed build did not show: $expected" >&2; cat "$scratch/broken.log" >&2; exit 1; }
done
mv Dockerfile.good Dockerfile
echo "check-package: a broken Dockerfile fails the run with Docker's output and Dockerfile:3"

echo
echo "check-package: a new user's steps, timed"
printf '  %s\n' "${timings[@]}"
echo "  tarball: $(du -h "$tarball" | cut -f1) ($(stat -c %s "$tarball") bytes, $(tar -tzf "$tarball" | wc -l) files)"
echo "  installed: node_modules/faultline $(du -sh node_modules/faultline | cut -f1), node_modules $(du -sh node_modules | cut -f1)"
