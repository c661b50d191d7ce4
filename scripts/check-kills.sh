#!/usr/bin/env bash
# Acceptance check of clean kills: runs the quickstart (fixed step budget, one thread) once uninterrupted, then
# N times killed with SIGKILL at a random moment (anywhere from the recipe's loading to the last metric) and run
# again to the end. Every rerun must finish with the uninterrupted run's weights and metrics, and leave no
# temporary file or folder of a dead writer (.NAME.tmp-PID-*, .NAME.old-PID) anywhere in the run or cache folders.
#   scripts/check-kills.sh [N=20] [STEPS=60] [SEED=1]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"; steps="${2:-60}"; seed="${3:-1}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=.build/release/uniner
swift build -c release --product uniner >&2
args=(run Recipes/quickstart.yaml --threads 1 --set student.time_budget_s=null --set "student.max_steps=$steps"
      --set student.epochs=null --set student.checkpoint_every=5 --set student.positive_weight=20)

started=$(date +%s.%N)
"$bin" "${args[@]}" --set "output=$work/ref" > /dev/null 2> "$work/ref.log"
reference_seconds=$(python3 -c "import time; print(round(time.time() - $started, 2))")
ref_weights=$(sha256sum "$work"/ref/quickstart/default/model/model/model.safetensors | cut -c1-16)
ref_metrics=$(cat "$work"/ref/quickstart/default/metrics.json)
echo "uninterrupted: ${reference_seconds} s, weights $ref_weights"

# Random moments, reproducible from SEED, spread over the first 90% of the uninterrupted run's wall time.
mapfile -t moments < <(python3 -c "
import random; r = random.Random($seed)
print('\n'.join('%.2f' % r.uniform(0.05, 0.9 * $reference_seconds) for _ in range($n)))")
failures=0
for i in $(seq 1 "$n"); do
  out="$work/k$i"
  moment="${moments[$((i - 1))]}"
  "$bin" "${args[@]}" --set "output=$out" > /dev/null 2> "$out.kill.log" &
  pid=$!
  sleep "$moment"
  if kill -9 "$pid" 2>/dev/null; then state="killed"; else state="had finished"; fi
  wait "$pid" 2>/dev/null || true
  where=$(grep -o '^\[[a-z ]*[A-Za-z_0-9]*\] [a-z]*\|step [0-9]*/[0-9]*' "$out.kill.log" | tail -1 || true)
  "$bin" "${args[@]}" --set "output=$out" > /dev/null 2> "$out.rerun.log" || { echo "#$i rerun FAILED"; tail -5 "$out.rerun.log"; failures=$((failures + 1)); continue; }
  weights=$(sha256sum "$out"/quickstart/default/model/model/model.safetensors | cut -c1-16)
  metrics=$(cat "$out"/quickstart/default/metrics.json)
  leftovers=$(find "$out" -name '.*.tmp-*' -o -name '.*.old-*' | wc -l)
  verdict="ok"
  [ "$weights" == "$ref_weights" ] || verdict="WEIGHTS DIFFER"
  [ "$metrics" == "$ref_metrics" ] || verdict="METRICS DIFFER"
  [ "$leftovers" -eq 0 ] || verdict="$leftovers TEMPORARIES LEFT: $(find "$out" -name '.*.tmp-*' -o -name '.*.old-*' | head -3 | tr '\n' ' ')"
  [ "$verdict" == "ok" ] || failures=$((failures + 1))
  printf '#%-2d %s at %6.2f s (last: %s); rerun: %s\n' "$i" "$state" "$moment" "${where:-nothing logged}" "$verdict"
  rm -rf "$out"
done
echo "strict F1: $(echo "$ref_metrics" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(", ".join("%s %.1f" % (k, 100 * v["strict"]["f1"]) for k, v in sorted(m.items())))')"
if [ "$failures" -gt 0 ]; then echo "kill check: $failures of $n reruns FAILED"; exit 1; fi
echo "kill check: $n of $n reruns finished with the uninterrupted run's weights and metrics, no temporaries left"
