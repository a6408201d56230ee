#!/usr/bin/env bash
# Builds the Tandem image (tandem:latest) and the load balancer image (tandem-lb:latest) for
# deployment/compose.yaml. Idempotent; docker's layer cache makes re-runs cheap.
#
#   deployment/build-image.sh              # prebuilt: `mvn package` on the host, then copy tandem-server/target/quarkus-app (fast)
#   deployment/build-image.sh --source     # compile inside the image (build stage with JDK, Maven, Node)
#   deployment/build-image.sh --no-maven   # prebuilt, re-using an existing tandem-server/target/quarkus-app as it is
#
# Environment: TANDEM_IMAGE (default tandem:latest), TANDEM_LB_IMAGE (default tandem-lb:latest),
# MAVEN_ARGS (extra arguments for the Maven build, e.g. -Dskip.frontend).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
IMAGE="${TANDEM_IMAGE:-tandem:latest}"
LB_IMAGE="${TANDEM_LB_IMAGE:-tandem-lb:latest}"
MODE=prebuilt
MAVEN=1
for arg in "$@"; do
  case "$arg" in
    --source) MODE=source ;;
    --no-maven) MAVEN=0 ;;
    *) echo "usage: $0 [--source|--no-maven]" >&2; exit 2 ;;
  esac
done
log() { echo "[build-image] $*" >&2; }

# debian:bookworm-slim is the only base image; seed it like the sandbox images do when it is missing.
if ! docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
  log "debian:bookworm-slim missing: seeding it (sandbox-images/build.sh --seed bookworm)"
  bash sandbox-images/build.sh --seed bookworm >/dev/null
fi

start=$(date +%s)
if [ "$MODE" = prebuilt ]; then
  if [ "$MAVEN" = 1 ]; then
    log "mvn package (host)"
    # shellcheck disable=SC2086
    mvn -B -q package -DskipTests -pl tandem-server -am ${MAVEN_ARGS:-}
  fi
  [ -f tandem-server/target/quarkus-app/quarkus-run.jar ] || { log "tandem-server/target/quarkus-app missing: run mvn package first"; exit 1; }
  log "docker build --target prebuilt -> $IMAGE"
  docker build --network host -q -f deployment/Dockerfile --target prebuilt -t "$IMAGE" . >/dev/null
else
  # CAs the host trusts beyond Debian's (e.g. a TLS-intercepting egress proxy): the build stage needs
  # them for Maven Central and npm. Removed again after the build.
  ca_dir="${TANDEM_BUILD_CA_DIR:-/usr/local/share/ca-certificates}"
  copied=()
  for crt in "$ca_dir"/*.crt; do
    [ -f "$crt" ] || continue
    cp "$crt" deployment/ca-certificates/ && copied+=("deployment/ca-certificates/$(basename "$crt")")
  done
  [ ${#copied[@]} -eq 0 ] || { log "build stage trusts ${#copied[@]} extra CA(s) from $ca_dir"; trap 'rm -f "${copied[@]}"' EXIT; }
  log "docker build (compiles inside the image) -> $IMAGE"
  docker build --network host -f deployment/Dockerfile --build-arg MAVEN_ARGS="${MAVEN_ARGS:-}" -t "$IMAGE" .
fi
log "built $IMAGE in $(( $(date +%s) - start ))s"

start=$(date +%s)
docker build --network host -q -t "$LB_IMAGE" deployment/lb >/dev/null
log "built $LB_IMAGE in $(( $(date +%s) - start ))s"
