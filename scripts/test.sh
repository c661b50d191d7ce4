#!/usr/bin/env bash
# The test command of the README (and of CI): installs what is missing, starts the local OpenAI-compatible
# server that the teacher integration tests talk to and a one-node Slurm for the launcher's test, creates the ONNX
# venv of the export test, then builds and runs every test.
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
if [ "${UNINER_SKIP_ONNX:-0}" != "1" ]; then
  # Installs onnx, onnxruntime, tokenizers and numpy once (cached) for the ONNX export test.
  scripts/onnx-venv.sh >&2
fi
slurm_dir=""
if [ "${UNINER_SKIP_SLURM:-0}" != "1" ]; then
  # Installs slurm-wlm and munge from Debian once, starts munged, slurmctld and slurmd on localhost with state in a
  # temporary folder and prints "conf=... dir=... pids=... seconds=..." once the node is idle.
  line=$(scripts/slurm-local.sh)
  export SLURM_CONF="$(echo "$line" | sed -n 's/.*conf=\([^ ]*\).*/\1/p')"
  slurm_dir="$(echo "$line" | sed -n 's/.*dir=\([^ ]*\).*/\1/p')"
  echo "test: local Slurm with $SLURM_CONF (up in $(echo "$line" | sed -n 's/.*seconds=\([^ ]*\).*/\1/p') s)" >&2
fi
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$slurm_dir" ] && scripts/slurm-local.sh --stop "$slurm_dir" || true
}
trap cleanup EXIT

swift build --build-tests
swift test --skip-build
