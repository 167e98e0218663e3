#!/usr/bin/env bash
# Fails when containers, networks or volumes of Faultline runs are still there 15 s after the run
# (the watchdog removes what a killed run leaves; 15 s is the bound the suite promises).
set -uo pipefail
for _ in $(seq 1 30); do
  containers="$(docker ps -aq --filter label=dev.faultline.run)"
  networks="$(docker network ls -q --filter name=faultline-)"
  volumes="$(docker volume ls -q --filter label=dev.faultline.run)"
  [ -z "$containers$networks$volumes" ] && break
  sleep 0.5
done
echo "docker ps -a:"; docker ps -a
echo "docker network ls:"; docker network ls
if [ -n "$containers$networks$volumes" ]; then
  echo "left behind by the run: containers [$containers] networks [$networks] volumes [$volumes]" >&2
  exit 1
fi
echo "nothing left behind by the run"
