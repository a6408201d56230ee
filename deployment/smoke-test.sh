#!/usr/bin/env bash
# Smoke test of the compose deployment (deployment/compose.yaml): 3 Tandem nodes behind nginx.
# Builds the images, brings the stack up under a project name of its own on a free port, waits (bounded)
# until all three nodes are ready and form one cluster, then, through the load balancer only:
# creates a session, connects two Java clients (dev.tandem.client.TandemClient) that edit concurrently,
# checks both converge to GET /api/sessions/{id}, runs the code when POST /api/sessions/{id}/runs exists
# (a 404 is reported as "runs unavailable"), checks from the nginx log which nodes served the session's
# sockets, stops one node gracefully (SIGTERM) and checks the session is intact on the other two.
# Always tears the stack down (`down -v`) on exit.
#
#   deployment/smoke-test.sh [--no-maven] [--sticky]
#     --no-maven   re-use tandem-server/target/quarkus-app as it is (the failsafe IT passes it, after `package`)
#     --sticky     LB_MODE=sticky: the session's sockets must all land on one node
# Environment: SMOKE_UP_TIMEOUT (s, default 180), SMOKE_LOG_DIR (where logs go, default target/smoke).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=compose-cmd.sh
. deployment/compose-cmd.sh
compose_cmd

BUILD_ARGS=()
MODE=round-robin
for arg in "$@"; do
  case "$arg" in
    --no-maven) BUILD_ARGS+=(--no-maven) ;;
    --sticky) MODE=sticky ;;
    *) echo "usage: $0 [--no-maven] [--sticky]" >&2; exit 2 ;;
  esac
done
UP_TIMEOUT="${SMOKE_UP_TIMEOUT:-180}"
LOG_DIR="${SMOKE_LOG_DIR:-$ROOT/target/smoke}"
mkdir -p "$LOG_DIR"
PROJECT="tandem-smoke-$$"
T0=$(date +%s)
log() { echo "[smoke-test +$(( $(date +%s) - T0 ))s] $*" >&2; }

export TANDEM_LB_MODE="$MODE"
export TANDEM_LB_PORT="127.0.0.1:0"            # Docker picks a free host port; read back with `port`
export TANDEM_CLUSTER_NAME="$PROJECT"
export DOCKER_GID
DOCKER_GID=$(stat -c %g /var/run/docker.sock 2>/dev/null || echo 0)
dc() { $COMPOSE -p "$PROJECT" -f deployment/compose.yaml "$@"; }

cleanup() {
  rc=$?
  dc logs --no-color --timestamps >"$LOG_DIR/compose.log" 2>&1 || true
  if [ $rc -ne 0 ]; then
    log "FAILED (exit $rc); last lines of the stack's logs (all in $LOG_DIR/compose.log):"
    tail -n 60 "$LOG_DIR/compose.log" >&2 || true
  fi
  dc down -v --remove-orphans -t 10 >/dev/null 2>&1 || true
  log "stack $PROJECT removed"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building images ($COMPOSE, LB_MODE=$MODE)"
bash deployment/build-image.sh "${BUILD_ARGS[@]}"

log "starting $PROJECT"
dc up -d >"$LOG_DIR/up.log" 2>&1 || { cat "$LOG_DIR/up.log" >&2; exit 1; }
LB_ADDR=$(dc port lb 80 | tail -n 1)
URL="http://${LB_ADDR/0.0.0.0/127.0.0.1}"
log "load balancer at $URL"

# Bounded wait: every node healthy (its own /q/health/ready) and, through the LB, a cluster of 4 members
# (three gateways and the runner, a lite member).
deadline=$(( $(date +%s) + UP_TIMEOUT ))
while :; do
  healthy=0
  for svc in tandem-1 tandem-2 tandem-3 runner; do
    cid=$(dc ps -q "$svc")
    [ -n "$cid" ] && [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$cid" 2>/dev/null)" = healthy ] \
      && healthy=$((healthy + 1))
  done
  ready=$(curl -fsS --max-time 3 "$URL/q/health/ready" 2>/dev/null || true)
  if [ "$healthy" -eq 4 ] && echo "$ready" | grep -Eq '"members" *: *4'; then
    log "4 nodes healthy (3 gateways, 1 runner), one cluster of 4 members"
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "not ready within ${UP_TIMEOUT}s (healthy nodes: $healthy; /q/health/ready through the LB: ${ready:-no answer})"
    exit 1
  fi
  sleep 2
done

log "clients through the load balancer"
# The Java client library (tandem-client) and what it uses (the core and Jackson, in the server app's libraries).
CP="tandem-client/target/classes:tandem-server/target/quarkus-app/app/*:tandem-server/target/quarkus-app/lib/main/*"
timeout 180 java -cp "$CP" deployment/smoke/SmokeClient.java "$URL" >"$LOG_DIR/client.out" 2>"$LOG_DIR/client.err" \
  || { cat "$LOG_DIR/client.err" >&2; exit 1; }
cat "$LOG_DIR/client.err" >&2
SID=$(awk '/^SESSION /{print $2}' "$LOG_DIR/client.out")
RUNS=$(awk '/^RUNS /{print $2}' "$LOG_DIR/client.out")

# Which nodes served the session's sockets (nginx logs a WebSocket when it closes: up=<node address>).
dc logs --no-color lb >"$LOG_DIR/lb.log" 2>&1 || true
nodes=$(grep -F "GET /ws/sessions/$SID " "$LOG_DIR/lb.log" | grep -o 'up=[^ ]*' | sort -u | wc -l)
sockets=$(grep -cF "GET /ws/sessions/$SID " "$LOG_DIR/lb.log" || true)
log "the session's $sockets socket(s) were served by $nodes distinct node(s)"
if [ "$MODE" = sticky ]; then
  [ "$nodes" -eq 1 ] || { log "sticky mode, but the session's sockets went to $nodes nodes"; exit 1; }
else
  [ "$nodes" -ge 2 ] || { log "round robin, but all the session's sockets went to one node"; exit 1; }
fi

# A node leaves gracefully (SIGTERM): the other two still serve the session, nothing lost.
before=$(curl -fsS --max-time 10 "$URL/api/sessions/$SID")
t=$(date +%s)
dc stop -t 45 tandem-1 >/dev/null 2>&1
log "tandem-1 stopped (SIGTERM) in $(( $(date +%s) - t ))s"
for i in 1 2 3 4 5 6; do
  after=$(curl -fsS --max-time 10 "$URL/api/sessions/$SID") || { log "GET /api/sessions/$SID failed after the stop"; exit 1; }
  [ "$after" = "$before" ] || { log "the session changed after a node left:"; echo "before: $before" >&2; echo "after:  $after" >&2; exit 1; }
done
log "session intact on the remaining nodes (6 reads through the LB)"

log "PASSED in $(( $(date +%s) - T0 ))s (runs: ${RUNS:-?})"
