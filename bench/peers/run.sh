#!/usr/bin/env bash
# Tandem, ShareDB, Hocuspocus and the two floors (servers of Tandem's contract that do no work of their own:
# floor-server.mjs in Node, dev.tandem.bench.floor.FloorServer on Vert.x) side by side on this machine: the same
# edit workload from the same Node load generator (loadgen.mjs), one server at a time while the others idle;
# prints p99, server CPU per edit and the ratios (Tandem / best peer, Tandem / floors).
#   bench/peers/run.sh [SESSIONS CLIENTS RATE SECONDS] [--deflate]   one load, e.g. bench/peers/run.sh 200 5 2 30
#   bench/peers/run.sh --table [--repeat N]                          500, 2,000 and 4,000 edits/s (50, 200, 400
#       sessions x 5 clients x 2 edits/s, 20 s each), the rates interleaved: every row of a rate is measured
#       within minutes of the others; with --repeat N the whole table N times, the servers' order reversed on
#       every other pass, so that a drift of the machine's load shows as a difference between passes.
# Servers: tandem, sharedb, hocuspocus, floor-node, floor-jvm (one event loop, no hand-off between threads) and
# floor-jvm4 (four event loops, Quarkus's default on 2 cores: a session's frames handed between loops), and
# tandem-interval: the same Tandem server driven with the generator's earlier keystroke timers (--schedule interval).
# On a JDK 25 (JAVA25, default Temurin 25 under /usr/lib/jvm), after bench/aot-cache: tandem-jdk25 (the aot-jar build
# bench/aot-cache made, without its cache) and tandem-aot (the same build with the cache: classes and method profiles
# of a training run), e.g. SYSTEMS="tandem tandem-jdk25 tandem-aot sharedb".
# Environment: SYSTEMS (default "tandem sharedb hocuspocus floor-node floor-jvm floor-jvm4"), WARM_ROUND (unmeasured round at
# the measured load before each row, default 30 s), WARMUP (the generator's own warm-up, default 5 s).
# Results: target/peers/*.json and target/peers/table-*.md. Servers on 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
deflate=""; table=""; repeat=1
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --deflate) deflate="--deflate" ;;
    --table) table=1 ;;
    --repeat) repeat="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
C="${args[1]:-5}"; R="${args[2]:-2}"
if [[ -n "$table" ]]; then
  loads=("50 $C $R 20" "200 $C $R 20" "400 $C $R 20")
else
  loads=("${args[0]:-200} $C $R ${args[3]:-30}")
fi
WARMUP="${WARMUP:-5}"
# Unmeasured round before each server's measured one: the JVM's JIT compiles the new paths for a minute or so
# (measured: 30 % of Tandem's CPU in the first 30 s came from its compiler threads); V8 warms up faster.
WARM_ROUND="${WARM_ROUND:-30}"
read -r -a systems <<< "${SYSTEMS:-tandem sharedb hocuspocus floor-node floor-jvm floor-jvm4}"
# The floors offer no compression: with --deflate they would not make the same writes.
if [[ -n "$deflate" ]]; then read -r -a systems <<< "$(printf '%s\n' "${systems[@]}" | grep -v '^floor-' | tr '\n' ' ')"; fi
declare -A port=([tandem]=18180 [tandem-jdk25]=18181 [tandem-aot]=18182 [sharedb]=19201 [hocuspocus]=19202 [floor-node]=19203 [floor-jvm]=19204 [floor-jvm4]=19205)
# The floors speak Tandem's contract, so the generator drives them with its Tandem client.
declare -A client=([tandem]=tandem [tandem-jdk25]=tandem [tandem-aot]=tandem [sharedb]=sharedb [hocuspocus]=hocuspocus [floor-node]=tandem [floor-jvm]=tandem [floor-jvm4]=tandem [tandem-interval]=tandem)
# Rows that drive another row's server in another way.
declare -A server_of=([tandem-interval]=tandem)
declare -A gen_opts=([tandem-interval]="--schedule interval")
run_id="$(date -u +%Y%m%dT%H%M%S)"
out="$root/target/peers"; mkdir -p "$out"
[[ -d "$here/node_modules" ]] || (cd "$here" && npm ci --no-audit --no-fund >&2)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
aot="$root/target/aot"
for sys in "${systems[@]}"; do
  if [[ "$sys" == tandem-jdk25 || "$sys" == tandem-aot ]] && [[ ! -s "$aot/tandem.aot" ]]; then
    echo "$sys needs bench/aot-cache first (no $aot/tandem.aot)" >&2; exit 2
  fi
done

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

declare -A pid
for sys in "${systems[@]}"; do
  [[ -n "${server_of[$sys]:-}" ]] && continue
  case "$sys" in
    tandem|tandem-jdk25|tandem-aot)
      # Each Tandem node its own H2 files (two nodes cannot open one data directory).
      tandem_opts=(-Dtandem.data-dir="$out/data-$sys-$run_id")
      [[ -n "$deflate" ]] && tandem_opts+=(-Dquarkus.websockets-next.server.per-message-compression-supported=true)
      case "$sys" in
        tandem) pid[$sys]="$("$root/bench/server" "${port[$sys]}" "${tandem_opts[@]}")" ;;
        tandem-jdk25) pid[$sys]="$(BENCH_APP="$aot/quarkus-app" BENCH_JAVA="$java25" "$root/bench/server" "${port[$sys]}" "${tandem_opts[@]}")" ;;
        tandem-aot) pid[$sys]="$(BENCH_APP="$aot/quarkus-app" BENCH_JAVA="$java25" "$root/bench/server" "${port[$sys]}" \
          -XX:AOTCache="$aot/tandem.aot" "${tandem_opts[@]}")" ;;
      esac ;;
    floor-jvm) pid[$sys]="$("$root/bench/floor" "${port[$sys]}" 1)" ;;
    floor-jvm4) pid[$sys]="$("$root/bench/floor" "${port[$sys]}" 4)" ;;
    sharedb) node "$here/sharedb-server.mjs" "${port[$sys]}" $deflate > "$out/sharedb-server.log" 2>&1 & pid[$sys]=$! ;;
    hocuspocus) node "$here/hocuspocus-server.mjs" "${port[$sys]}" $deflate > "$out/hocuspocus-server.log" 2>&1 & pid[$sys]=$! ;;
    floor-node) node "$here/floor-server.mjs" "${port[$sys]}" > "$out/floor-node-server.log" 2>&1 & pid[$sys]=$! ;;
    *) echo "unknown system $sys" >&2; exit 2 ;;
  esac
  pids+=("${pid[$sys]}")
done
for sys in "${systems[@]}"; do
  if [[ -n "${server_of[$sys]:-}" ]]; then pid[$sys]="${pid[${server_of[$sys]}]}"; port[$sys]="${port[${server_of[$sys]}]}"; fi
done
sleep 3

cpu() { awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat"; }  # ms; the command names here have no spaces
# CPU (ms) of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"); 0 for other processes.
jit_cpu() {
  local t
  for t in /proc/"$1"/task/*; do
    if grep -q '^C[12] Compiler' "$t/comm" 2>/dev/null; then awk '{ print ($14 + $15) * 10 }' "$t/stat"; fi
  done | awk '{ s += $1 } END { print s + 0 }'
}
for sys in "${systems[@]}"; do
  # Idle CPU over 5 s (background threads; Hazelcast and the JIT in Tandem's case), reported beside the loaded figure.
  before=$(cpu "${pid[$sys]}"); sleep 5; after=$(cpu "${pid[$sys]}")
  echo "{\"idleCpuMsPerSecond\": $(( (after - before) / 5 ))}" > "$out/$sys-idle-$run_id.json"
done

rows=()
for ((pass = 1; pass <= repeat; pass++)); do
  order=("${systems[@]}")
  if (( pass % 2 == 0 )); then order=(); for ((i = ${#systems[@]} - 1; i >= 0; i--)); do order+=("${systems[$i]}"); done; fi
  for load in "${loads[@]}"; do
    read -r S C R T <<< "$load"
    suffix="${S}x${C}x${R}${deflate:+-deflate}"
    for sys in "${order[@]}"; do
      p="${pid[$sys]}"
      # An unmeasured round at the same load first, so that every server (and the JVM's JIT) is warm for it.
      node "$here/loadgen.mjs" --system "${client[$sys]}" --port "${port[$sys]}" --sessions "$S" --clients "$C" --rate "$R" \
        --seconds "$WARM_ROUND" --warmup 1 ${gen_opts[$sys]:-} $deflate > /dev/null 2>&1 || true
      load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
      read -r u0 s0 < <(awk '{ print $14, $15 }' "/proc/$p/stat"); jit0=$(jit_cpu "$p")
      file="$out/$sys-$suffix-$run_id-$pass.json"
      node "$here/loadgen.mjs" --system "${client[$sys]}" --port "${port[$sys]}" --sessions "$S" --clients "$C" --rate "$R" \
        --seconds "$T" --warmup "$WARMUP" --server-pid "$p" ${gen_opts[$sys]:-} $deflate --json "$file" | sed "s/^[a-z]*/$sys/"
      # Where the server's CPU went over the whole run (set-up, warm-up, measured, drain): user vs kernel. The
      # kernel share is mostly the socket reads and writes every server of this protocol has to make.
      read -r u1 s1 < <(awk '{ print $14, $15 }' "/proc/$p/stat"); jit1=$(jit_cpu "$p")
      echo "$sys whole run: user $(( (u1 - u0) * 10 )) ms, kernel $(( (s1 - s0) * 10 )) ms, of which JIT compiler threads $(( jit1 - jit0 )) ms"
      node -e 'const fs=require("fs");const [f,sys,pass,lb,u,k,j,idle]=process.argv.slice(1);const r=JSON.parse(fs.readFileSync(f));
        Object.assign(r,{server:sys,pass:Number(pass),loadBefore:lb,wholeRunUserMs:Number(u),wholeRunKernelMs:Number(k),wholeRunJitMs:Number(j),
        idleCpuMsPerSecond:JSON.parse(fs.readFileSync(idle)).idleCpuMsPerSecond});fs.writeFileSync(f,JSON.stringify(r,null,2));' \
        "$file" "$sys" "$pass" "$load_before" $(( (u1 - u0) * 10 )) $(( (s1 - s0) * 10 )) $(( jit1 - jit0 )) "$out/$sys-idle-$run_id.json"
      rows+=("$file")
    done
  done
done

node "$here/table.mjs" "${rows[@]}" | tee "$out/table-$run_id.md"
