#!/usr/bin/env bash
# README command one: installs what is missing, builds the release binary and runs the embedded default
# recipe (Recipes/quickstart.yaml) to a report under runs/quickstart/. Extra arguments go to `uniner run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product uniner
exec .build/release/uniner run Recipes/quickstart.yaml "$@"
