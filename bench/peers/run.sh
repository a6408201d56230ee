#!/usr/bin/env bash
# Tandem, ShareDB and Hocuspocus side by side on this machine, the same edit workload from the same Node
# load generator (loadgen.mjs), one server at a time while the others idle; prints p99 and server CPU ratios.
#   bench/peers/run.sh [SESSIONS CLIENTS RATE SECONDS] [--deflate]
# e.g. bench/peers/run.sh 200 5 2 30. Results: target/peers/*.json. Servers on 127.0.0.1 only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
deflate=""
args=()
for a in "$@"; do if [[ "$a" == --deflate ]]; then deflate="--deflate"; else args+=("$a"); fi; done
S="${args[0]:-200}"; C="${args[1]:-5}"; R="${args[2]:-2}"; T="${args[3]:-30}"
WARMUP="${WARMUP:-5}"
# Unmeasured round before each server's measured one: the JVM's JIT compiles the new paths for a minute or so
# (measured: 30 % of Tandem's CPU in the first 30 s came from its compiler threads); V8 warms up faster.
WARM_ROUND="${WARM_ROUND:-30}"
TANDEM_PORT=18180; SHAREDB_PORT=19201; HOCUS_PORT=19202
out="$root/target/peers"; mkdir -p "$out"
[[ -d "$here/node_modules" ]] || (cd "$here" && npm ci --no-audit --no-fund >&2)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

tandem_opts=()
[[ -n "$deflate" ]] && tandem_opts+=(-Dquarkus.websockets-next.server.per-message-compression-supported=true)
tandem_pid="$("$root/bench/server" "$TANDEM_PORT" "${tandem_opts[@]}")"; pids+=("$tandem_pid")
node "$here/sharedb-server.mjs" "$SHAREDB_PORT" $deflate > "$out/sharedb-server.log" 2>&1 & sharedb_pid=$!; pids+=("$sharedb_pid")
node "$here/hocuspocus-server.mjs" "$HOCUS_PORT" $deflate > "$out/hocuspocus-server.log" 2>&1 & hocus_pid=$!; pids+=("$hocus_pid")
sleep 3

cpu() { awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat"; }  # ms; the command names here have no spaces
# CPU (ms) of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"); 0 for other processes.
jit_cpu() {
  local t
  for t in /proc/"$1"/task/*; do
    if grep -q '^C[12] Compiler' "$t/comm" 2>/dev/null; then awk '{ print ($14 + $15) * 10 }' "$t/stat"; fi
  done | awk '{ s += $1 } END { print s + 0 }'
}
suffix="${S}x${C}x${R}${deflate:+-deflate}"
declare -A port=([tandem]=$TANDEM_PORT [sharedb]=$SHAREDB_PORT [hocuspocus]=$HOCUS_PORT)
declare -A pid=([tandem]=$tandem_pid [sharedb]=$sharedb_pid [hocuspocus]=$hocus_pid)
for sys in tandem sharedb hocuspocus; do
  # Idle CPU over 5 s (background threads; Hazelcast and the JIT in Tandem's case), reported beside the loaded figure.
  before=$(cpu "${pid[$sys]}"); sleep 5; after=$(cpu "${pid[$sys]}")
  echo "{\"idleCpuMsPerSecond\": $(( (after - before) / 5 ))}" > "$out/$sys-idle.json"
  # A short unmeasured round first so that every server (and the JVM's JIT) is warm.
  node "$here/loadgen.mjs" --system "$sys" --port "${port[$sys]}" --sessions "$S" --clients "$C" --rate "$R" --seconds "$WARM_ROUND" --warmup 1 $deflate > /dev/null 2>&1 || true
  echo "load before $sys: $(cut -d' ' -f1-3 /proc/loadavg)"
  read -r u0 s0 < <(awk '{ print $14, $15 }' "/proc/${pid[$sys]}/stat"); jit0=$(jit_cpu "${pid[$sys]}")
  node "$here/loadgen.mjs" --system "$sys" --port "${port[$sys]}" --sessions "$S" --clients "$C" --rate "$R" --seconds "$T" \
    --warmup "$WARMUP" --server-pid "${pid[$sys]}" $deflate --json "$out/$sys-$suffix.json"
  # Where the server's CPU went over the whole run (set-up, warm-up, measured, drain): user vs kernel. The
  # kernel share is mostly the socket reads and writes every server of this protocol has to make.
  read -r u1 s1 < <(awk '{ print $14, $15 }' "/proc/${pid[$sys]}/stat"); jit1=$(jit_cpu "${pid[$sys]}")
  echo "$sys whole run: user $(( (u1 - u0) * 10 )) ms, kernel $(( (s1 - s0) * 10 )) ms, of which JIT compiler threads $(( jit1 - jit0 )) ms"
done

node --input-type=module - "$out" "$suffix" <<'JS'
import fs from 'node:fs';
const [dir, suffix] = process.argv.slice(2);
const r = Object.fromEntries(['tandem', 'sharedb', 'hocuspocus'].map((s) => [s, { ...JSON.parse(fs.readFileSync(`${dir}/${s}-${suffix}.json`)), ...JSON.parse(fs.readFileSync(`${dir}/${s}-idle.json`)) }]));
const row = (s) => `| ${s} | ${r[s].editsPerSecond.toFixed(0)} | ${r[s].p50.toFixed(1)} | ${r[s].p99.toFixed(1)} | ${r[s].max.toFixed(1)} | ${r[s].errors} | ${r[s].converged}/${r[s].sessions} | ${r[s].serverCpuMsPer1000Edits.toFixed(0)} | ${r[s].idleCpuMsPerSecond} | ${r[s].loadAverage} |`;
console.log(`\n${suffix}: S x C x edits/s per client\n| server | edits/s | p50 ms | p99 ms | max ms | errors | converged | server CPU ms / 1,000 edits | idle CPU ms/s | load |\n|---|---|---|---|---|---|---|---|---|---|`);
for (const s of Object.keys(r)) console.log(row(s));
const best = Math.min(r.sharedb.p99, r.hocuspocus.p99);
console.log(`\nTandem p99 / best peer p99 = ${(r.tandem.p99 / best).toFixed(2)} (target <= 0.20)`);
console.log(`Tandem CPU per edit / ShareDB's = ${(r.tandem.serverCpuMsPer1000Edits / r.sharedb.serverCpuMsPer1000Edits).toFixed(2)} (target <= 0.25)`);
console.log(`Tandem CPU per edit / Hocuspocus's = ${(r.tandem.serverCpuMsPer1000Edits / r.hocuspocus.serverCpuMsPer1000Edits).toFixed(2)}`);
JS
