#!/usr/bin/env bash
# Fuzzes `uniner serve` with schemathesis against docs/openapi.yaml: N generated examples per operation
# (default 500), positive and negative; fails on any 5xx or if the server stops answering.
#   scripts/serve-fuzz.sh [N] [MODEL_DIR]
# Without MODEL_DIR it uses runs/serve-fuzz (trained once: the quickstart recipe with student.max_steps=20).
# Loopback only; the server is stopped (SIGTERM) at the end. schemathesis lives in ~/.cache/uniner/schemathesis-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500}
MODEL=${2:-}
VENV=~/.cache/uniner/schemathesis-venv
BIN=${UNINER_BIN:-.build/release/uniner}
[ -x "$BIN" ] || swift build -c release --product uniner
if [ ! -x "$VENV/bin/schemathesis" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==4.32.5"
fi
if [ -z "$MODEL" ]; then
  MODEL=runs/serve-fuzz/quickstart/default/model
  if [ ! -e runs/serve-fuzz/quickstart/default/result.json ]; then
    "$BIN" run Recipes/quickstart.yaml --set output=runs/serve-fuzz --set student.max_steps=20 --set evaluate.max_sentences=5 >&2
  fi
fi
LOG=$(mktemp -d)/serve.log
"$BIN" serve --model "$MODEL" --port 0 --labels "person,location" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "listening on" "$LOG" && break; sleep 0.2; done
URL=$(sed -n 's/.*listening on //p' "$LOG" | head -1)
[ -n "$URL" ] || { cat "$LOG" >&2; echo "serve-fuzz: the server did not start" >&2; exit 1; }
REPORT=$(mktemp -d)
set +e
"$VENV/bin/schemathesis" run docs/openapi.yaml --url "$URL" --max-examples "$N" \
  --mode all --checks not_a_server_error --workers 1 --seed 14 --request-timeout 60 \
  --report junit --report-dir "$REPORT" --no-color 2>&1 | tee "$REPORT/out.txt" | tail -40
STATUS=${PIPESTATUS[0]}
set -e
COUNT=$(grep -o 'tests="[0-9]*"' "$REPORT"/*.xml 2>/dev/null | head -1 || true)
CASES=$(grep -Eo '[0-9]+ generated' "$REPORT/out.txt" | tail -1 || true)
ALIVE=$(curl -s -o /dev/null -w '%{http_code}' "$URL/health" || true)
kill -TERM $SERVER; wait $SERVER; SERVER_EXIT=$?
trap - EXIT
echo "serve-fuzz: schemathesis exit $STATUS; test cases: ${CASES:-see output}; ${COUNT}; /health after: $ALIVE; server exit $SERVER_EXIT"
[ "$STATUS" = 0 ] && [ "$ALIVE" = 200 ] && [ "$SERVER_EXIT" = 0 ]
