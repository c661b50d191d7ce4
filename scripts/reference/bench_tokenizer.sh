#!/usr/bin/env bash
# Tokenizer throughput (release optimisation) on CrossNER_AI, or the CoNLL folder given as $1.
# Usage: scripts/reference/bench_tokenizer.sh [data folder] [model folder]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-${UNINER_DATA:-$root/../shared/benchmark}/CrossNER_AI}"
model="${2:-${UNINER_MODEL_DIR:-$root/.models/all-MiniLM-L6-v2}}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cp "$root/scripts/reference/bench_tokenizer_main.swift" "$out/main.swift"
swiftc -O -module-name TokenizerBench "$root"/Sources/UniNERTokenizer/*.swift "$out/main.swift" -o "$out/bench"
"$out/bench" "$model" "$data" 20
