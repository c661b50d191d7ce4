#!/usr/bin/env bash
# Measures the peer of shared/reference/PEERS.md, GLiNER 0.2.29 on the all-MiniLM-L6-v2 backbone, on this machine:
# training (CoNLL-2003 train sentences, all their labels per sentence, as `uniner bench` trains; batch 8, a fixed
# step count) and inference (CrossNER_AI test, its 13 labels in one pass, batch 8). Prints one JSON object.
#
# The venv (gliner==0.2.29 with PyTorch and accelerate from PyPI, about 5 GB with the CUDA wheels; CPU use works)
# is installed once under ~/.cache/uniner/gliner-venv (override the cache with UNINER_TOOLS_CACHE). Never run in CI.
#   scripts/bench-gliner.sh --install          installs what is missing; prints "venv=PATH python=PATH"
#   scripts/bench-gliner.sh [OPTIONS]          installs when missing, then measures; JSON on stdout (or --out FILE)
#   scripts/bench-gliner.sh --no-install ...   exits 3 instead of installing (what `uniner bench --peer` runs)
# OPTIONS: --max-steps N (120) --warmup-steps N (5) --batch N (8) --threads N (2) --repeats N (3)
#          --train-data FILE (GLiNER JSON: [{"tokenized_text", "ner"}]; default: read conll2003/train.txt)
#          --out FILE
# The backbone is read from UNINER_MODEL_DIR, else .models/all-MiniLM-L6-v2; the data from UNINER_DATA, else
# ../shared/benchmark. Nothing is downloaded at run time (HF_HUB_OFFLINE=1, TRANSFORMERS_OFFLINE=1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${UNINER_TOOLS_CACHE:-$HOME/.cache/uniner}"
VENV="$CACHE/gliner-venv"
LOG="$CACHE/gliner-venv.log"

install_only=0
no_install=0
args=()
for arg in "$@"; do
    case "$arg" in
        --install) install_only=1 ;;
        --no-install) no_install=1 ;;
        *) args+=("$arg") ;;
    esac
done

present() { "$VENV/bin/python" -c "import gliner, torch, accelerate; assert gliner.__version__ == '0.2.29'" 2>/dev/null; }

if ! present; then
    if [ "$no_install" = 1 ]; then
        echo "the peer venv is missing at $VENV: run scripts/bench-gliner.sh --install" >&2
        exit 3
    fi
    mkdir -p "$CACHE"
    echo "installing gliner==0.2.29 with PyTorch into $VENV (about 5 GB; log: $LOG)" >&2
    python3 -m venv "$VENV"
    if ! nice -n 19 "$VENV/bin/pip" install gliner==0.2.29 'accelerate>=1.1.0' >"$LOG" 2>&1; then
        echo "pip install failed; see $LOG" >&2
        tail -n 20 "$LOG" >&2
        exit 1
    fi
fi
if [ "$install_only" = 1 ]; then
    echo "venv=$VENV python=$VENV/bin/python"
    exit 0
fi

BACKBONE="${UNINER_MODEL_DIR:-$ROOT/.models/all-MiniLM-L6-v2}"
DATA="${UNINER_DATA:-$ROOT/../shared/benchmark}"
[ -f "$BACKBONE/config.json" ] || { echo "no backbone at $BACKBONE: run scripts/setup.sh or set UNINER_MODEL_DIR" >&2; exit 2; }
[ -d "$DATA" ] || { echo "no benchmark folder at $DATA: set UNINER_DATA" >&2; exit 2; }

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export WANDB_DISABLED=true PYTHONUNBUFFERED=1
exec "$VENV/bin/python" "$ROOT/scripts/peer/bench_gliner.py" --backbone "$BACKBONE" --data "$DATA" ${args[@]+"${args[@]}"}
