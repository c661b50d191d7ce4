#!/usr/bin/env bash
# Benchmark of the `openai` annotator against a local llama.cpp server (SmolLM2-135M), next to a plain
# concurrent client (scripts/plain_client.py) sending the same prompts at the same concurrency, and the
# cache-replay rate of a second run. Prints passages/s for each and the ratios.
#   scripts/bench-annotator.sh [PASSAGES=16] [CONCURRENCY=2]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-16}"; concurrency="${2:-2}"; max_tokens=96
data="${UNINER_DATA:-../shared/benchmark}"
work=$(mktemp -d); trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

swift build -c release --product uniner >&2
if [ -z "${UNINER_LLAMA_URL:-}" ]; then
  line=$(scripts/llama-server.sh)
  UNINER_LLAMA_URL="$(echo "$line" | sed -n 's/.*url=\([^ ]*\).*/\1/p')"
  pid="$(echo "$line" | sed -n 's/.*pid=\([0-9]*\).*/\1/p')"
fi

# The same passages for both clients: the first N sentences of CrossNER_AI's training file.
python3 - "$data/CrossNER_AI/train.txt" "$n" > "$work/passages.jsonl" <<'PY'
import json, sys
words, count = [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if line:
        words.append(line.split("\t")[0].split(" ")[0])
    elif words:
        print(json.dumps({"id": f"p{count}", "text": " ".join(words)}))
        words, count = [], count + 1
        if count == int(sys.argv[2]):
            break
PY
cat > "$work/bench.yaml" <<YAML
name: bench-annotator
output: $work/runs
corpus: {kind: jsonl, path: $work/passages.jsonl, id_field: id}
annotator: {kind: openai, base_url: "$UNINER_LLAMA_URL", model: smollm2, concurrency: $concurrency, max_tokens: $max_tokens}
YAML

seconds() { python3 -c "import time; print(time.time())"; }
t0=$(seconds); .build/release/uniner annotate "$work/bench.yaml" --cache "$work/cache" > "$work/first.txt"; t1=$(seconds)
rm -rf "$work/cache/annotations"   # keep the request cache, drop the stage result: the rerun replays requests
t2=$(seconds); .build/release/uniner annotate "$work/bench.yaml" --cache "$work/cache" > "$work/second.txt"; t3=$(seconds)
plain=$(python3 scripts/plain_client.py --base-url "$UNINER_LLAMA_URL" --model smollm2 --concurrency "$concurrency" \
        --passages "$work/passages.jsonl" --max-tokens "$max_tokens")

python3 - "$n" "$concurrency" "$t0" "$t1" "$t2" "$t3" "$plain" "$work/first.txt" "$work/second.txt" <<'PY'
import json, re, sys
n, concurrency = int(sys.argv[1]), int(sys.argv[2]); t0, t1, t2, t3 = map(float, sys.argv[3:7])
plain = json.loads(sys.argv[7]); first, second = open(sys.argv[8]).read(), open(sys.argv[9]).read()
def counter(text, name):
    m = re.search(rf"{name}: ([0-9.]+)", text); return float(m.group(1)) if m else float("nan")
annotator = counter(first, "passages_per_second")
print(f"passages: {n}, concurrency: {concurrency}, server: llama.cpp + SmolLM2-135M (Q4_1), 2 cores shared")
print(f"openai annotator (stage, empty cache): {annotator:.2f} passages/s; whole command {n / (t1 - t0):.2f} passages/s; "
      f"requests {counter(first, 'requests'):.0f}")
print(f"plain concurrent client:                {plain['passages_per_second']:.2f} passages/s")
print(f"ratio annotator / plain client:          {annotator / plain['passages_per_second']:.2f}")
print(f"cache replay (0 requests: {counter(second, 'requests'):.0f}): {n / (t3 - t2):.1f} passages/s for the whole command, "
      f"{counter(second, 'passages_per_second'):.0f} passages/s in the stage")
PY
