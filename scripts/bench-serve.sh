#!/usr/bin/env bash
# Load test of `uniner serve` on loopback (bounded: --requests per level, --seconds per level, --soak seconds):
# requests/s and p50/p99 latency at concurrency 1, 8 and 32, one 30-word text and 5 labels per request, for an
# all-in-one and a per-type model, beside the batched `uniner predict` rate and GLiNER (its venv
# ~/.cache/uniner/gliner-venv with a local model in $GLINER_MODEL, else PEERS.md's figure, named as such).
#   scripts/bench-serve.sh [--soak [SECONDS]] [--requests N] [--seconds S] [--concurrency 1,8,32]
# Models: runs/bench-serve/{all-in-one,per-type}, trained once (quickstart recipe, student.max_steps=30:
# speed only, accuracy is not measured). Uses the release binary. Each level is measured twice: by the script's
# asyncio clients and by wrk (Debian's C load generator, installed when missing), which takes less of the two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --soak) if [[ "${2:-}" =~ ^[0-9]+$ ]]; then ARGS+=(--soak "$2"); shift; else ARGS+=(--soak 300); fi ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
if ! command -v wrk >/dev/null; then
  { apt-get update -q && apt-get install -y -q wrk; } >&2 || echo "bench-serve: wrk not installed; asyncio figures only" >&2
fi
BIN=${UNINER_BIN:-.build/release/uniner}
[ -x "$BIN" ] || swift build -c release --product uniner
for template in all-in-one per-type; do
  if [ ! -e "runs/bench-serve/$template/quickstart/default/result.json" ]; then
    "$BIN" run Recipes/quickstart.yaml --set output="runs/bench-serve/$template" --set queries.template=$template \
      --set student.max_steps=30 --set evaluate.max_sentences=5 >&2
  fi
done
exec python3 scripts/bench_serve.py --bin "$BIN" --benchmark "${UNINER_DATA:-../shared/benchmark}" \
  --model all-in-one=runs/bench-serve/all-in-one/quickstart/default/model \
  --model per-type=runs/bench-serve/per-type/quickstart/default/model "${ARGS[@]}"
