#!/usr/bin/env bash
# Acceptance check of resumption: runs the quickstart recipe (fixed step count, one thread) once without
# interruption and once killed with SIGKILL in the middle of training and run again; the final metrics of the
# two must be identical. Prints both and exits non-zero if they differ.
#   scripts/check-resume.sh [STEPS=120]
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${1:-120}"
work=$(mktemp -d)
bin=.build/release/uniner
swift build -c release --product uniner >&2
args=(run Recipes/quickstart.yaml --threads 1 --set student.time_budget_s=null --set "student.max_steps=$steps"
      --set student.epochs=null --set student.checkpoint_every=10 --set student.positive_weight=20)
# positive_weight: without it a 120-step student predicts no mention at all, and equal empty metrics prove little.

"$bin" "${args[@]}" --set "output=$work/a" > /dev/null 2> "$work/a.log"

"$bin" "${args[@]}" --set "output=$work/b" > /dev/null 2> "$work/b1.log" &
pid=$!
# Kill once training has passed its third checkpoint.
until grep -q "step [3-9][0-9]/" "$work/b1.log" 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
kill -9 "$pid" 2>/dev/null && echo "killed training at: $(grep -o 'step [0-9]*/[0-9]*' "$work/b1.log" | tail -1)"
wait "$pid" 2>/dev/null || true
"$bin" "${args[@]}" --set "output=$work/b" > /dev/null 2> "$work/b2.log"
grep -m1 -i "resum" "$work/b2.log" || true

# The trained weights must be bit-identical, and so must every metric.
wa=$(sha256sum "$work"/a/quickstart/default/model/model/model.safetensors | cut -c1-16)
wb=$(sha256sum "$work"/b/quickstart/default/model/model/model.safetensors | cut -c1-16)
echo "weights: uninterrupted $wa, resumed $wb"
[ "$wa" == "$wb" ] || { echo "resume check: weights DIFFER"; exit 1; }
a=$(cat "$work"/a/quickstart/default/metrics.json); b=$(cat "$work"/b/quickstart/default/metrics.json)
echo "uninterrupted: $(echo "$a" | tr -d ' \n' | head -c 300)"
echo "resumed:       $(echo "$b" | tr -d ' \n' | head -c 300)"
[ "$a" == "$b" ] || { echo "resume check: metrics DIFFER"; exit 1; }
predicted=$(echo "$a" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(sum(v["strict"]["predicted"] for v in m.values()))')
echo "strict F1: $(echo "$a" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(", ".join("%s %.1f" % (k, 100 * v["strict"]["f1"]) for k, v in sorted(m.items())))'); $predicted mentions predicted"
[ "$predicted" -gt 0 ] || { echo "resume check: the model predicts nothing, so equal metrics prove little; raise STEPS"; exit 1; }
echo "resume check: identical weights and metrics"
