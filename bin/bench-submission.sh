#!/usr/bin/env bash
# End-to-end submission latency through a running Tandem (REST submit -> queue -> judge worker -> finished
# record via long poll), for the 20-test problem fizzbuzz with its reference solution.
# Usage: bin/bench-submission.sh [base-url] [language] [rounds]   (default http://127.0.0.1:8080 python 5)
set -euo pipefail
URL="${1:-http://127.0.0.1:8080}"; LANG_ID="${2:-python}"; N="${3:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXT=$([ "$LANG_ID" = python ] && echo py || echo "$LANG_ID")
SRC="$ROOT/src/main/resources/problems/fizzbuzz/solutions/$LANG_ID.$EXT"
BODY=$(python3 -c 'import json,sys; print(json.dumps({"language":sys.argv[1],"problem":"fizzbuzz","content":open(sys.argv[2]).read()}))' "$LANG_ID" "$SRC")
ID=$(curl -sf -H 'content-type: application/json' -d "$BODY" "$URL/api/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for i in $(seq 1 "$N"); do
  t0=$(date +%s%N)
  SID=$(curl -sf -H 'content-type: application/json' -d '{"mode":"submit"}' "$URL/api/sessions/$ID/submissions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["submissionId"])')
  V=""
  while [ "$V" != "finished" ]; do
    R=$(curl -sf "$URL/api/submissions/$SID?waitMs=30000")
    V=$(echo "$R" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  done
  t1=$(date +%s%N)
  echo "$LANG_ID $(echo "$R" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["verdict"], str(r["passed"])+"/"+str(r["total"]))') $(( (t1 - t0) / 1000000 )) ms"
done
