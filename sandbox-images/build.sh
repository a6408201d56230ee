#!/usr/bin/env bash
# Builds the Tandem sandbox images (tandem-sandbox-<lang>:latest).
# Idempotent: seeds debian:bookworm-slim locally (debootstrap + docker import) only when the image
# is missing and cannot be pulled; docker's layer cache makes re-runs cheap.
# Usage: sandbox-images/build.sh [lang...]   (default: all languages)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE=debian:bookworm-slim
ALL_LANGS=(python javascript java c cpp go)
LANGS=("$@")
[ ${#LANGS[@]} -eq 0 ] && LANGS=("${ALL_LANGS[@]}")

log() { echo "[sandbox-images] $*" >&2; }

# The Debian mirror apt is configured with (deb822 .sources or one-line .list); default deb.debian.org.
debian_mirror() {
  local m=""
  m=$(grep -hsE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
  if [ -z "$m" ]; then
    m=$(grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | sed -E 's/\[[^]]*\]//' | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

seed_base() {
  if docker image inspect "$BASE" >/dev/null 2>&1; then
    log "$BASE present"
    return 0
  fi
  if timeout 120 docker pull "$BASE" >/dev/null 2>&1; then
    log "$BASE pulled"
    return 0
  fi
  log "$BASE cannot be pulled: seeding it with debootstrap"
  command -v debootstrap >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null
  }
  local mirror dir
  mirror=$(debian_mirror)
  dir=$(mktemp -d /tmp/tandem-rootfs.XXXXXX)
  trap 'rm -rf "$dir"' RETURN
  log "debootstrap --variant=minbase bookworm $dir $mirror"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >/tmp/tandem-debootstrap.log 2>&1 \
    || { tail -n 30 /tmp/tandem-debootstrap.log >&2; return 1; }
  # slim it a little, like the official -slim image
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
         "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/*
  tar --numeric-owner -C "$dir" -c . | docker import \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'CMD ["bash"]' - "$BASE" >/dev/null
  log "$BASE seeded"
}

seed_base
for lang in "${LANGS[@]}"; do
  [ -f "$HERE/$lang/Dockerfile" ] || { log "no Dockerfile for $lang"; exit 1; }
  start=$(date +%s)
  log "building tandem-sandbox-$lang:latest"
  docker build --network host -q -t "tandem-sandbox-$lang:latest" "$HERE/$lang" >/dev/null
  log "built tandem-sandbox-$lang:latest in $(( $(date +%s) - start ))s"
done
