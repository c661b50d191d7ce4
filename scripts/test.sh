#!/usr/bin/env bash
# The test command of the README (and of CI): installs what is missing, starts the local OpenAI-compatible
# server that the teacher integration tests talk to, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

server_pid=""
if [ -x scripts/llama-server.sh ] && [ "${UNINER_SKIP_LLAMA:-0}" != "1" ]; then
  # Prints "UNINER_LLAMA_URL=... UNINER_LLAMA_PID=..." once the server answers.
  eval "$(scripts/llama-server.sh start)"
  export UNINER_LLAMA_URL
  server_pid="${UNINER_LLAMA_PID:-}"
fi
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

swift build --build-tests
swift test --skip-build
