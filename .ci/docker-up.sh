#!/usr/bin/env bash
# Makes a Docker engine available (installs Debian's docker.io if missing, starts dockerd if not
# running) and builds the Tandem sandbox images. Idempotent; meant for CI (root, fresh Debian).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "[docker-up] $*" >&2; }

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for i in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not come up in 60 s"; tail -n 30 /var/log/dockerd.log >&2; exit 1; }
fi
log "docker engine $(docker version --format '{{.Server.Version}}')"

# gVisor (optional: tandem.sandbox.runtime=runsc; SandboxRuntimeTest runs under it when the engine lists it).
# Registered only on an engine without a daemon.json of its own; runtimes reload on SIGHUP, no restart.
gvisor() {
  docker info --format '{{json .Runtimes}}' | grep -q '"runsc"' && { log "runsc registered"; return 0; }
  [ -e /etc/docker/daemon.json ] && { log "/etc/docker/daemon.json exists: not adding runsc to it"; return 0; }
  command -v runsc >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq runsc >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq runsc >/dev/null; }
  }
  mkdir -p /etc/docker
  printf '{\n  "runtimes": {\n    "runsc": { "path": "%s", "runtimeArgs": ["--network=none"] }\n  }\n}\n' \
    "$(command -v runsc)" > /etc/docker/daemon.json
  kill -HUP "$(pidof dockerd)"
  for i in $(seq 1 20); do
    docker info --format '{{json .Runtimes}}' | grep -q '"runsc"' && { log "runsc registered"; return 0; }
    sleep 0.5
  done
  log "runsc did not register (SandboxRuntimeTest will say so)"
}
gvisor || log "gVisor setup failed (SandboxRuntimeTest will say so)"

# Compose for the deployment smoke test (deployment/smoke-test.sh): Debian's docker-compose when the
# engine has no `docker compose` plugin (no container registry here, so nothing else can be fetched).
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  log "installing docker-compose"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq docker-compose >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq docker-compose >/dev/null; }
fi

# The Tandem image and the load balancer (deployment/) are still FROM debian:bookworm-slim: seeded beside the
# sandbox images' own trixie seed and builds (both are mostly downloads; one after the other took 50 s longer).
# (debootstrap installed first, so that the two never run apt at once.)
if ! [ -e /usr/share/debootstrap/scripts/trixie ] || ! [ -e /usr/share/debootstrap/scripts/bookworm ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq debootstrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
fi
bash "$ROOT/sandbox-images/build.sh" --seed bookworm &
bookworm=$!
bash "$ROOT/sandbox-images/build.sh"
wait "$bookworm"
