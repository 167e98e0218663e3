#!/usr/bin/env bash
# Prepares a machine to run Faultline: a Docker engine, Node >= 22.22 (from the npm registry), the
# project's packages, and the container images the reference stack needs.
#
# Images: the official ones are used whenever they are present or can be pulled. Where no registry
# is reachable, faithful stand-ins are built locally from Debian packages and Go modules (see
# DESIGN.md §2) and recorded in .faultline/images.env, which the suite reads.
#
# Idempotent: every step checks first and skips work already done; a warm run takes seconds.
set -Eeuo pipefail
shopt -s inherit_errexit

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${FAULTLINE_CACHE_DIR:-/var/cache/faultline}"
state_dir="$root/.faultline"
images_env="$state_dir/images.env"
dockerd_log="${FAULTLINE_DOCKERD_LOG:-/var/log/faultline-dockerd.log}"

# Versions of what the stand-ins contain; an image is never tagged with a version it is not.
toxiproxy_version="2.12.0"
nats_version="2.15.2"
redis_version="7.0"
haproxy_version="2.6"
etcd_version="3.4"
patroni_version="3.0"
pg_major="15"
debian_suite="bookworm"
# Bump when a recipe changes so that existing stand-ins are rebuilt.
recipe_revision="3"

official_toxiproxy="ghcr.io/shopify/toxiproxy:${toxiproxy_version}"
official_postgres="postgres:${pg_major}"
official_node="node:24-slim"
official_nats="nats:${nats_version}"
official_redis="redis:7"
official_haproxy="haproxy:${haproxy_version}"
official_etcd="quay.io/coreos/etcd:v3.4.23"

log() { printf '[setup %5ss] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them: install them with your package manager"
  log "installing Debian packages: ${missing[*]}"
  # Called inside $(...) too: nothing but the result may reach stdout.
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_docker() {
  if docker info >/dev/null 2>&1; then
    log "Docker engine reachable ($(docker version --format '{{.Server.Version}}'))"
    return 0
  fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there: start that engine or unset DOCKER_HOST"
  fi
  command -v dockerd >/dev/null || ensure_apt_packages docker.io
  log "starting dockerd (log: $dockerd_log)"
  as_root mkdir -p "$(dirname "$dockerd_log")"
  # Published ports bind to 127.0.0.1 only: the host reaches containers through loopback, nothing else.
  # The daemon keeps no descriptor of ours beyond the standard three: a lock the caller holds (flock's,
  # as in `flock /tmp/x.lock .ci/run`) would otherwise stay held for as long as the daemon runs.
  # shellcheck disable=SC2016
  as_root bash -c 'for fd in /proc/$$/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; nohup dockerd --ip=127.0.0.1 >>"$1" 2>&1 </dev/null &' _ "$dockerd_log"
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && { log "Docker engine up ($(docker version --format '{{.Server.Version}}'))"; return 0; }
    sleep 0.5
  done
  tail -n 40 "$dockerd_log" >&2 || true
  die "the Docker engine did not start within 60 s; its log is above and in $dockerd_log"
}

ensure_node_modules() {
  local stamp="$root/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$root/package-lock.json" ] && [ -x "$root/node_modules/.bin/node" ]; then
    log "node_modules up to date (Node $("$root/node_modules/.bin/node" --version))"
    return 0
  fi
  command -v npm >/dev/null || ensure_apt_packages nodejs npm
  log "npm ci (brings Node 24 from the npm registry as the 'node' devDependency)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  log "Node for the suite: $("$root/node_modules/.bin/node" --version)"
}

image_revision() {
  docker image inspect --format '{{ index .Config.Labels "dev.faultline.recipe" }}' "$1" 2>/dev/null || true
}

# Prints the official image name if it is present or can be pulled, nothing otherwise.
official_if_available() {
  local image="$1"
  if docker image inspect "$image" >/dev/null 2>&1 || timeout 120 docker pull -q "$image" >/dev/null 2>&1; then
    echo "$image"
  fi
}

base_rootfs() {
  local dir="$cache/rootfs-$debian_suite"
  if [ ! -f "$dir/.complete" ]; then
    ensure_apt_packages debootstrap
    log "debootstrap $debian_suite (minbase) into $dir"
    as_root rm -rf "$dir"
    as_root debootstrap --variant=minbase --include=ca-certificates,procps,iproute2 \
      "$debian_suite" "$dir" "${FAULTLINE_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
    as_root touch "$dir/.complete"
  fi
  echo "$dir"
}

# Copies the base rootfs to $1 and installs Debian packages into it with apt inside a chroot; the
# install log goes to $cache/$2-install.log and its tail is printed when apt fails. Extra set-up that
# must happen before apt (configuration files) is done by the caller between copy_rootfs and this.
copy_rootfs() {
  local work="$1" rootfs; rootfs="$(base_rootfs)"
  as_root rm -rf "$work" && as_root cp -a "$rootfs" "$work"
}

apt_install_into() {
  local work="$1" name="$2"; shift 2
  as_root cp /etc/resolv.conf "$work/etc/resolv.conf"
  as_root mount -t proc proc "$work/proc"
  local rc=0
  as_root chroot "$work" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $* >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*" >"$cache/$name-install.log" 2>&1 || rc=$?
  as_root umount "$work/proc"
  [ "$rc" = 0 ] || { tail -n 30 "$cache/$name-install.log" >&2; die "installing $* into the $name rootfs failed (exit $rc); full log: $cache/$name-install.log"; }
}

# docker import of a directory, with the image's runtime configuration given as Dockerfile changes.
import_dir() {
  local dir="$1" tag="$2"; shift 2
  local changes=()
  for c in "$@" "LABEL dev.faultline.recipe=$recipe_revision" "LABEL dev.faultline.stand-in=true"; do
    changes+=(--change "$c")
  done
  as_root tar --numeric-owner -C "$dir" -c . | docker import "${changes[@]}" - "$tag" >/dev/null
}

build_node_base() {
  local tag="faultline.local/node:24-${debian_suite}"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ]; then echo "$tag"; return 0; fi
  local node_bin; node_bin="$(readlink -f "$root/node_modules/.bin/node")"
  "$node_bin" --version | grep -q '^v24\.' || die "expected Node 24 at $node_bin for the base image, got $("$node_bin" --version)"
  local rootfs; rootfs="$(base_rootfs)"
  local work="$cache/work-node"
  as_root rm -rf "$work" && as_root cp -a "$rootfs" "$work"
  as_root install -m 0755 "$node_bin" "$work/usr/local/bin/node"
  as_root chroot "$work" /bin/sh -c 'getent passwd node >/dev/null || (groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home --shell /bin/bash node)'
  as_root chroot "$work" /bin/sh -c 'apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin'
  import_dir "$work" "$tag" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["node"]'
  as_root rm -rf "$work"
  log "built $tag (Node $("$node_bin" --version) on Debian $debian_suite)"
  echo "$tag"
}

build_postgres() {
  local tag="faultline.local/postgres:${pg_major}-${debian_suite}"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ]; then echo "$tag"; return 0; fi
  local work="$cache/work-postgres"
  copy_rootfs "$work"
  as_root mkdir -p "$work/etc/postgresql-common"
  # The entrypoint runs initdb itself, as the official image does; no cluster from the package.
  echo 'create_main_cluster = false' | as_root tee "$work/etc/postgresql-common/createcluster.conf" >/dev/null
  apt_install_into "$work" postgres "postgresql-${pg_major}" "postgresql-client-${pg_major}"
  as_root install -m 0755 "$root/scripts/images/postgres/docker-entrypoint.sh" "$work/usr/local/bin/docker-entrypoint.sh"
  as_root mkdir -p "$work/docker-entrypoint-initdb.d" "$work/var/lib/postgresql/data"
  as_root chroot "$work" chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
  import_dir "$work" "$tag" \
    "ENV PATH=/usr/lib/postgresql/${pg_major}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    'ENV PGDATA=/var/lib/postgresql/data' 'ENV LANG=C.UTF-8' 'EXPOSE 5432' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]'
  as_root rm -rf "$work"
  log "built $tag (Debian postgresql-${pg_major})"
  echo "$tag"
}

build_toxiproxy() {
  local tag="faultline.local/toxiproxy:${toxiproxy_version}"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ]; then echo "$tag"; return 0; fi
  command -v go >/dev/null || ensure_apt_packages golang-go
  local bin_dir="$cache/toxiproxy-${toxiproxy_version}"
  if [ ! -x "$bin_dir/server" ]; then
    log "go install github.com/Shopify/toxiproxy/v2/cmd/server@v${toxiproxy_version} (static)"
    mkdir -p "$bin_dir"
    GOBIN="$bin_dir" CGO_ENABLED=0 GOFLAGS=-trimpath go install \
      -ldflags "-s -w -X github.com/Shopify/toxiproxy/v2.Version=${toxiproxy_version}" \
      "github.com/Shopify/toxiproxy/v2/cmd/server@v${toxiproxy_version}" >&2
  fi
  local work="$cache/work-toxiproxy"
  rm -rf "$work" && mkdir -p "$work/tmp"
  install -m 0755 "$bin_dir/server" "$work/toxiproxy"
  # Same entrypoint contract as the official image: /toxiproxy, listening on all interfaces, API on 8474.
  import_dir "$work" "$tag" 'ENTRYPOINT ["/toxiproxy"]' 'CMD ["-host=0.0.0.0"]' 'EXPOSE 8474'
  rm -rf "$work"
  log "built $tag (Toxiproxy v${toxiproxy_version} from its Go module)"
  echo "$tag"
}

build_nats() {
  local tag="faultline.local/nats:${nats_version}"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ]; then echo "$tag"; return 0; fi
  command -v go >/dev/null || ensure_apt_packages golang-go
  local bin_dir="$cache/nats-${nats_version}"
  if [ ! -x "$bin_dir/nats-server" ]; then
    # The server's version is a constant of the module (server.VERSION), so the binary reports ${nats_version}.
    log "go install github.com/nats-io/nats-server/v2@v${nats_version} (static)"
    mkdir -p "$bin_dir"
    GOBIN="$bin_dir" CGO_ENABLED=0 GOFLAGS=-trimpath go install -ldflags "-s -w" \
      "github.com/nats-io/nats-server/v2@v${nats_version}" >&2
  fi
  local work="$cache/work-nats"
  rm -rf "$work" && mkdir -p "$work/tmp" "$work/data"
  install -m 0755 "$bin_dir/nats-server" "$work/nats-server"
  # Same contract as the official image: /nats-server with /nats-server.conf (client port 4222,
  # monitoring 8222); JetStream is switched on by the command (-js), as with the official image.
  printf '%s\n' 'port: 4222' 'http_port: 8222' > "$work/nats-server.conf"
  import_dir "$work" "$tag" 'ENTRYPOINT ["/nats-server"]' 'CMD ["--config", "nats-server.conf"]' 'EXPOSE 4222 8222'
  rm -rf "$work"
  log "built $tag (NATS server v${nats_version} from its Go module)"
  echo "$tag"
}

# Redis from Debian's redis-server (7.0 in bookworm): the official image's contract, redis-server on
# 6379 reachable from other containers (protected mode off, no persistence: a cache).
build_redis() {
  local tag="faultline.local/redis:${redis_version}-${debian_suite}"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ]; then echo "$tag"; return 0; fi
  local work="$cache/work-redis"
  copy_rootfs "$work"
  apt_install_into "$work" redis redis-server
  [ -x "$work/usr/bin/redis-server" ] || die "the redis rootfs lacks /usr/bin/redis-server after installing redis-server"
  import_dir "$work" "$tag" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'USER redis' 'WORKDIR /var/lib/redis' 'EXPOSE 6379' \
    'CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"]'
  as_root rm -rf "$work"
  log "built $tag (Debian redis-server ${redis_version})"
  echo "$tag"
}

# HAProxy from Debian's haproxy package (2.6 in bookworm), with the official image's contract: the
# configuration at /usr/local/etc/haproxy/haproxy.cfg, an entrypoint that runs `haproxy -W -db` (master-
# worker, in the foreground) when the command starts with haproxy or an option, user haproxy. (The
# official image's STOPSIGNAL SIGUSR1 cannot be set by docker import; containers here are stopped by the suite.)
build_haproxy() {
  local tag="faultline.local/haproxy:${haproxy_version}-${debian_suite}"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ]; then echo "$tag"; return 0; fi
  local work="$cache/work-haproxy"
  copy_rootfs "$work"
  apt_install_into "$work" haproxy haproxy
  [ -x "$work/usr/sbin/haproxy" ] || die "the haproxy rootfs lacks /usr/sbin/haproxy after installing haproxy"
  local version; version="$(as_root chroot "$work" /usr/sbin/haproxy -v | sed -n 's/^HAProxy version \([0-9.]*\).*/\1/p')"
  case "$version" in "${haproxy_version}".*) ;; *) die "Debian's haproxy in $debian_suite is ${version:-unknown}, not ${haproxy_version}.x: the stand-in would carry a version it is not" ;; esac
  as_root mkdir -p "$work/usr/local/etc/haproxy" "$work/var/lib/haproxy"
  as_root tee "$work/usr/local/bin/docker-entrypoint.sh" >/dev/null <<'ENTRYPOINT'
#!/bin/sh
set -e
# The official image's entrypoint: options alone mean haproxy; haproxy runs master-worker in the foreground.
if [ "${1#-}" != "$1" ]; then set -- haproxy "$@"; fi
if [ "$1" = 'haproxy' ]; then shift; set -- haproxy -W -db "$@"; fi
exec "$@"
ENTRYPOINT
  as_root chmod 0755 "$work/usr/local/bin/docker-entrypoint.sh"
  as_root cp "$work/etc/haproxy/haproxy.cfg" "$work/usr/local/etc/haproxy/haproxy.cfg"
  as_root chroot "$work" chown haproxy:haproxy /var/lib/haproxy
  import_dir "$work" "$tag" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'USER haproxy' 'WORKDIR /var/lib/haproxy' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]'
  as_root rm -rf "$work"
  log "built $tag (Debian haproxy ${version})"
  echo "$tag"
}

# etcd from Debian's etcd-server package (3.4 in bookworm): the DCS of the Patroni cluster and the
# distributed lock of the disaster-recovery features. The suite gives the command line (`etcd ...`).
build_etcd() {
  local tag="faultline.local/etcd:${etcd_version}-${debian_suite}"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ]; then echo "$tag"; return 0; fi
  local work="$cache/work-etcd"
  copy_rootfs "$work"
  apt_install_into "$work" etcd etcd-server
  [ -x "$work/usr/bin/etcd" ] || die "the etcd rootfs lacks /usr/bin/etcd after installing etcd-server"
  local version; version="$(as_root chroot "$work" /usr/bin/etcd --version | sed -n 's/^etcd Version: \([0-9.]*\).*/\1/p')"
  case "$version" in "${etcd_version}".*) ;; *) die "Debian's etcd-server in $debian_suite is ${version:-unknown}, not ${etcd_version}.x" ;; esac
  as_root mkdir -p "$work/var/lib/etcd"
  import_dir "$work" "$tag" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'WORKDIR /var/lib/etcd' 'EXPOSE 2379 2380' \
    'CMD ["etcd"]'
  as_root rm -rf "$work"
  log "built $tag (Debian etcd-server ${version})"
  echo "$tag"
}

# A PostgreSQL member managed by Patroni: fixtures/patroni/Dockerfile on the PostgreSQL image the
# stack uses (official or stand-in), with Debian's patroni package. No registry publishes an image
# of Patroni itself, so it is always built; the source checksum label rebuilds it when the Dockerfile
# or the PostgreSQL image changes.
patroni_source_sum() {
  { sha256sum "$root/fixtures/patroni/Dockerfile"; docker image inspect --format '{{.Id}}' "$1"; } | sha256sum | cut -c1-16
}

build_patroni() {
  local base="$1" tag="faultline.local/patroni:${patroni_version}-pg${pg_major}-${debian_suite}" sum
  sum="$(patroni_source_sum "$base")"
  if [ "$(image_revision "$tag")" = "$recipe_revision" ] &&
    [ "$(docker image inspect --format '{{ index .Config.Labels "dev.faultline.source" }}' "$tag" 2>/dev/null || true)" = "$sum" ]; then
    echo "$tag"; return 0
  fi
  docker build -q --build-arg "BASE_IMAGE=$base" --label "dev.faultline.recipe=$recipe_revision" --label "dev.faultline.source=$sum" \
    -t "$tag" "$root/fixtures/patroni" >/dev/null || die "building $tag from fixtures/patroni/Dockerfile on $base failed"
  local version; version="$(docker run --rm "$tag" patroni --version 2>&1 | sed -n 's/^patroni \([0-9.]*\).*/\1/p')"
  case "$version" in "${patroni_version}".*) ;; *) die "the Patroni image $tag has Patroni ${version:-unknown}, not ${patroni_version}.x" ;; esac
  log "built $tag (Patroni ${version} on $base)"
  echo "$tag"
}

# The helper packet, CPU and clock faults run from (fixtures/chaos-helper/Dockerfile): iproute2,
# iptables (nft and legacy; nft removes a table a fault created), stress-ng, libfaketime and
# fl-nfqueue. Not a stand-in for any published image, so it carries its own revision; the source
# checksum label rebuilds it when fl-nfqueue or the Dockerfile changes.
chaos_helper_revision="r2"
chaos_helper_tag="faultline.local/chaos-helper:${debian_suite}-${chaos_helper_revision}"

chaos_helper_source_sum() {
  sha256sum "$root/fixtures/chaos-helper/nfqueue/fl-nfqueue.c" "$root/fixtures/chaos-helper/Dockerfile" | sha256sum | cut -c1-16
}

chaos_helper_current() {
  [ "$(image_revision "$1")" = "$recipe_revision" ] &&
    [ "$(docker image inspect --format '{{ index .Config.Labels "dev.faultline.source" }}' "$1" 2>/dev/null || true)" = "$(chaos_helper_source_sum)" ]
}

build_chaos_helper() {
  local tag="$chaos_helper_tag"
  if chaos_helper_current "$tag"; then echo "$tag"; return 0; fi
  # fl-nfqueue is compiled on the host against Debian's headers and runs on the same suite's library.
  ensure_apt_packages gcc libc6-dev libnetfilter-queue-dev
  local work="$cache/work-chaos-helper"
  copy_rootfs "$work"
  apt_install_into "$work" chaos-helper iproute2 iptables nftables stress-ng faketime libnetfilter-queue1
  gcc -O2 -Wall -Wextra -o "$cache/fl-nfqueue" "$root/fixtures/chaos-helper/nfqueue/fl-nfqueue.c" -lnetfilter_queue -lnfnetlink >&2 ||
    die "compiling fixtures/chaos-helper/nfqueue/fl-nfqueue.c failed (the compiler's messages are above)"
  as_root install -m 0755 "$cache/fl-nfqueue" "$work/usr/local/bin/fl-nfqueue"
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/bin/stress-ng /usr/sbin/tc /usr/sbin/iptables-legacy /usr/sbin/iptables-nft /usr/sbin/nft; do
    [ -e "$work$lib" ] || die "the chaos helper rootfs lacks $lib after installing its packages"
  done
  import_dir "$work" "$tag" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "LABEL dev.faultline.source=$(chaos_helper_source_sum)" 'LABEL dev.faultline.component=chaos-helper' \
    'CMD ["sleep", "infinity"]'
  as_root rm -rf "$work"
  log "built $tag (Debian $debian_suite: iproute2, iptables, nftables, stress-ng, faketime; fl-nfqueue)"
  echo "$tag"
}

# Prints the chaos helper's name: the one already built, else built from its Dockerfile where the
# registry has Debian's base image, else built from Debian's packages.
ensure_chaos_helper() {
  if chaos_helper_current "$chaos_helper_tag"; then echo "$chaos_helper_tag"; return 0; fi
  if [ -n "$(official_if_available "debian:${debian_suite}-slim")" ]; then
    docker build -q --label "dev.faultline.recipe=$recipe_revision" --label "dev.faultline.source=$(chaos_helper_source_sum)" \
      -t "$chaos_helper_tag" "$root/fixtures/chaos-helper" >/dev/null
    echo "$chaos_helper_tag"
    return 0
  fi
  log "no registry for debian:${debian_suite}-slim: building the chaos helper from Debian's packages"
  build_chaos_helper
}

ensure_images() {
  mkdir -p "$state_dir"
  local toxiproxy postgres node nats redis haproxy etcd patroni chaos ryuk_line
  toxiproxy="${FAULTLINE_TOXIPROXY_IMAGE:-$(official_if_available "$official_toxiproxy")}"
  postgres="${FAULTLINE_POSTGRES_IMAGE:-$(official_if_available "$official_postgres")}"
  node="${FAULTLINE_NODE_IMAGE:-$(official_if_available "$official_node")}"
  nats="${FAULTLINE_NATS_IMAGE:-$(official_if_available "$official_nats")}"
  redis="${FAULTLINE_REDIS_IMAGE:-$(official_if_available "$official_redis")}"
  haproxy="${FAULTLINE_HAPROXY_IMAGE:-$(official_if_available "$official_haproxy")}"
  etcd="${FAULTLINE_ETCD_IMAGE:-$(official_if_available "$official_etcd")}"
  [ -n "$toxiproxy" ] || { log "no registry for $official_toxiproxy: building a stand-in"; toxiproxy="$(build_toxiproxy)"; }
  [ -n "$postgres" ] || { log "no registry for $official_postgres: building a stand-in"; postgres="$(build_postgres)"; }
  [ -n "$node" ] || { log "no registry for $official_node: building a stand-in"; node="$(build_node_base)"; }
  [ -n "$nats" ] || { log "no registry for $official_nats: building a stand-in"; nats="$(build_nats)"; }
  [ -n "$redis" ] || { log "no registry for $official_redis: building a stand-in"; redis="$(build_redis)"; }
  [ -n "$haproxy" ] || { log "no registry for $official_haproxy: building a stand-in"; haproxy="$(build_haproxy)"; }
  [ -n "$etcd" ] || { log "no registry for $official_etcd: building a stand-in"; etcd="$(build_etcd)"; }
  patroni="${FAULTLINE_PATRONI_IMAGE:-$(build_patroni "$postgres")}"
  chaos="${FAULTLINE_CHAOS_IMAGE:-$(ensure_chaos_helper)}"

  # Ryuk (Testcontainers' reaper) cannot be built here: its Go module is not served by the module
  # proxy. Without it the suite's own cleanup removes every container and network it labelled.
  local ryuk_image="${RYUK_CONTAINER_IMAGE:-testcontainers/ryuk:0.14.0}"
  if [ -n "$(official_if_available "$ryuk_image")" ]; then
    ryuk_line="RYUK_CONTAINER_IMAGE=$ryuk_image"
  else
    log "NOTICE: Ryuk ($ryuk_image) is not available; it is disabled and Faultline cleans up its own containers and networks"
    ryuk_line="TESTCONTAINERS_RYUK_DISABLED=true"
  fi

  cat > "$images_env.tmp" <<EOF
# Written by scripts/setup.sh; environment variables of the same name take precedence.
FAULTLINE_TOXIPROXY_IMAGE=$toxiproxy
FAULTLINE_POSTGRES_IMAGE=$postgres
FAULTLINE_NODE_IMAGE=$node
FAULTLINE_NATS_IMAGE=$nats
FAULTLINE_REDIS_IMAGE=$redis
FAULTLINE_HAPROXY_IMAGE=$haproxy
FAULTLINE_ETCD_IMAGE=$etcd
FAULTLINE_PATRONI_IMAGE=$patroni
FAULTLINE_CHAOS_IMAGE=$chaos
$ryuk_line
EOF
  mv "$images_env.tmp" "$images_env"
  log "images: toxiproxy=$toxiproxy postgres=$postgres node=$node nats=$nats redis=$redis haproxy=$haproxy etcd=$etcd patroni=$patroni chaos-helper=$chaos"
}

verify_toxiproxy() {
  local image; image="$(sed -n 's/^FAULTLINE_TOXIPROXY_IMAGE=//p' "$images_env")"
  local version; version="$(docker run --rm --entrypoint /toxiproxy "$image" -version 2>&1 | tr -d '\r' | tail -n 1 || true)"
  log "toxiproxy image $image reports version: $version"
}

ensure_browser() {
  # The HTML report is checked in a real headless browser (offline, no network requests).
  if command -v chromium >/dev/null; then
    log "browser for the report check: $(chromium --version 2>/dev/null | head -n 1)"
    return 0
  fi
  ensure_apt_packages chromium
}

main() {
  log "Faultline set-up in $root"
  ensure_docker
  ensure_browser
  # The second load generator of the benchmarks' cross-check.
  command -v wrk >/dev/null || ensure_apt_packages wrk
  # docker-compose.yml and the attach-mode run: the Compose plugin where it exists, else Debian's docker-compose.
  docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || ensure_apt_packages docker-compose
  ensure_node_modules
  ensure_images
  verify_toxiproxy
  log "done"
}

main "$@"
