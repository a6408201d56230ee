#!/usr/bin/env bash
# Sourced by the deployment scripts: sets COMPOSE to a working Compose command.
# `docker compose` (v2 plugin) when present, else `docker-compose`; when neither is installed and we are
# root on Debian, installs Debian's docker-compose package (1.29, the only one reachable here: no registry).
compose_cmd() {
  if docker compose version >/dev/null 2>&1; then
    COMPOSE="docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE="docker-compose"
  elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[compose] installing Debian's docker-compose" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q docker-compose >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q docker-compose >/dev/null; }
    COMPOSE="docker-compose"
  else
    echo "[compose] neither 'docker compose' nor 'docker-compose' found: sudo apt-get install docker-compose" >&2
    return 1
  fi
  export COMPOSE
}
