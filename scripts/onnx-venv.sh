#!/usr/bin/env bash
# Creates the Python venv that `uniner export --format onnx` runs its graph builder in, and that the exported
# predict.py can run with: onnx, onnxruntime, tokenizers and numpy from PyPI.
#
# Idempotent: installed once under ~/.cache/uniner/onnx-venv (override the cache with UNINER_TOOLS_CACHE).
#   scripts/onnx-venv.sh      installs what is missing; prints "venv=PATH python=PATH"
set -euo pipefail

CACHE="${UNINER_TOOLS_CACHE:-$HOME/.cache/uniner}"
VENV="$CACHE/onnx-venv"
mkdir -p "$CACHE"

if ! "$VENV/bin/python" -c "import onnx, onnxruntime, tokenizers, numpy" 2>/dev/null; then
    echo "installing onnx, onnxruntime, tokenizers, numpy into $VENV (log: $CACHE/onnx-venv.log)" >&2
    python3 -m venv "$VENV"
    if ! "$VENV/bin/pip" install --quiet onnx onnxruntime tokenizers numpy >"$CACHE/onnx-venv.log" 2>&1; then
        echo "pip install failed; see $CACHE/onnx-venv.log" >&2
        tail -n 20 "$CACHE/onnx-venv.log" >&2
        exit 1
    fi
fi
echo "venv=$VENV python=$VENV/bin/python"
