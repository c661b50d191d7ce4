#!/usr/bin/env bash
# The test command of the README (and of CI): installs what is missing, starts the local OpenAI-compatible
# server that the teacher integration tests talk to, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

server_pid=""
if [ "${UNINER_SKIP_LLAMA:-0}" != "1" ]; then
  # Installs llama-cpp-python and the SmolLM2 model once (cached), starts the server on a free loopback port
  # and prints "url=... port=... pid=... log=..." once it answers.
  line=$(scripts/llama-server.sh)
  export UNINER_LLAMA_URL="$(echo "$line" | sed -n 's/.*url=\([^ ]*\).*/\1/p')"
  server_pid="$(echo "$line" | sed -n 's/.*pid=\([0-9]*\).*/\1/p')"
  echo "test: llama.cpp server at $UNINER_LLAMA_URL (pid $server_pid)" >&2
fi
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

swift build --build-tests
swift test --skip-build
