#!/usr/bin/env bash
# Builds the Tandem sandbox images: one per folder with a language.json, tagged with the descriptor's "image"
# (e.g. tandem-sandbox-python:trixie-2, so images of an older tag keep working beside the new ones), after the
# shared base they all start FROM (sandbox-images/base: tandem-sandbox-base:trixie-1).
# Idempotent: seeds debian:trixie-slim locally (debootstrap + docker import) only when the image
# is missing and cannot be pulled; docker's layer cache makes re-runs cheap. A folder's optional prepare.sh
# runs first (kotlin: fetch the compiler jars with Maven into the build context).
# Usage: sandbox-images/build.sh [lang...]   (default: every folder with a language.json)
#        sandbox-images/build.sh --seed SUITE  (only make debian:SUITE-slim present, e.g. bookworm for deployment/)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE=trixie
SEED_ONLY=0
if [ "${1:-}" = "--seed" ]; then
  SUITE="${2:?usage: build.sh --seed SUITE}"
  SEED_ONLY=1
  set --
fi
BASE=debian:$SUITE-slim
SANDBOX_BASE=tandem-sandbox-base:trixie-1
LANGS=("$@")
if [ ${#LANGS[@]} -eq 0 ]; then
  for f in "$HERE"/*/language.json; do LANGS+=("$(basename "$(dirname "$f")")"); done
fi

log() { echo "[sandbox-images] $*" >&2; }

# The descriptor's "image" (descriptors are JSON; jq when present, else the one-line "image": "..." field).
image_of() {
  local f="$HERE/$1/language.json"
  if command -v jq >/dev/null 2>&1; then
    jq -er '.image' "$f"
  else
    sed -nE 's/^[[:space:]]*"image"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p' "$f" | head -n1
  fi
}

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
  export DEBIAN_FRONTEND=noninteractive
  # the trixie script comes with debootstrap 1.0.128+; an older one is upgraded from the machine's apt
  if ! [ -e /usr/share/debootstrap/scripts/$SUITE ]; then
    apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null
  fi
  local mirror dir
  mirror=$(debian_mirror)
  dir=$(mktemp -d /tmp/tandem-rootfs.XXXXXX)
  trap 'rm -rf "$dir"' RETURN
  log "debootstrap --variant=minbase $SUITE $dir $mirror"
  debootstrap --variant=minbase "$SUITE" "$dir" "$mirror" >"/tmp/tandem-debootstrap-$SUITE.log" 2>&1 \
    || { tail -n 30 "/tmp/tandem-debootstrap-$SUITE.log" >&2; return 1; }
  # slim it a little, like the official -slim image
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
         "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/*
  tar --numeric-owner -C "$dir" -c . | docker import \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'CMD ["bash"]' - "$BASE" >/dev/null
  log "$BASE seeded"
}

total=$(date +%s)
seed_base
[ "$SEED_ONLY" = 1 ] && exit 0

# docker build of one folder into one tag, its log in /tmp/tandem-image-NAME.log.
build_image() {
  local image="$1" dir="$2" name="$3" start
  start=$(date +%s)
  log "building $image"
  docker build --network host -q -t "$image" "$dir" >"/tmp/tandem-image-$name.log" 2>&1 \
    || { tail -n 30 "/tmp/tandem-image-$name.log" >&2; log "building $image failed"; return 1; }
  log "built $image in $(( $(date +%s) - start ))s"
}

build_one() {
  local lang="$1" dir="$HERE/$1"
  if [ -x "$dir/prepare.sh" ]; then "$dir/prepare.sh" || { log "prepare.sh of $lang failed"; return 1; }; fi
  build_image "$(image_of "$lang")" "$dir" "$lang"
}

for lang in "${LANGS[@]}"; do
  dir="$HERE/$lang"
  [ -f "$dir/Dockerfile" ] && [ -f "$dir/language.json" ] || { log "no Dockerfile and language.json for $lang"; exit 1; }
  [ -n "$(image_of "$lang")" ] || { log "$dir/language.json names no image"; exit 1; }
  if grep -E '^FROM tandem-sandbox-base:' "$dir/Dockerfile" | grep -vqx "FROM $SANDBOX_BASE"; then
    log "$dir/Dockerfile starts from another base than $SANDBOX_BASE"; exit 1
  fi
done
# The layer every language image starts FROM (sandbox-images/base), first; a change to it takes a new tag here
# and in the Dockerfiles, and new tags for the language images.
build_image "$SANDBOX_BASE" "$HERE/base" base
# Several at once (TANDEM_IMAGE_JOBS, default 3): a fresh build is mostly downloads and unpacking, which
# overlap well even on 2 cores (a fresh machine builds twelve images; one after another took 13-16 minutes).
JOBS="${TANDEM_IMAGE_JOBS:-3}"
failed=0
running=0
for lang in "${LANGS[@]}"; do
  build_one "$lang" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
[ "$failed" = 0 ] || { log "some images failed to build"; exit 1; }
log "done in $(( $(date +%s) - total ))s"
