"""Measures GLiNER's training and inference on this machine (shared/reference/PEERS.md) and prints one JSON
object: what `uniner bench --peer` reads (Plugins/Students/PeerBenchFigures.swift).

Training and inference run as two processes (train_bench.py, infer_bench.py), so that each peak RSS is its own.
Run through scripts/bench-gliner.sh, which sets up the venv and the offline environment.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from peer_data import common_parser, machine  # noqa: E402


def run(script, arguments):
    """Runs a helper with this Python; its stderr passes through, and its last stdout line is its JSON object.

    GLiNER's trainer (Hugging Face's) prints its own summary dict on stdout too: other lines go to stderr."""
    command = [sys.executable, os.path.join(HERE, script)] + arguments
    print("[peer] " + " ".join(command[1:]), file=sys.stderr, flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"[peer] {script} failed with status {done.returncode}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    for line in lines[:-1]:
        print(line, file=sys.stderr)
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        sys.exit(f"[peer] {script} printed no JSON object on its last line:\n" + done.stdout[-2000:])


def main():
    parser = common_parser(__doc__)
    parser.add_argument("--max-steps", type=int, default=120)
    parser.add_argument("--warmup-steps", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--train-data", help="GLiNER JSON list to train on instead of CoNLL-2003 train")
    parser.add_argument("--skip-training", action="store_true", help="inference only (training figures are zeros)")
    parser.add_argument("--out", help="write the JSON here instead of stdout")
    args = parser.parse_args()
    if args.max_steps <= args.warmup_steps:
        sys.exit("--max-steps must be larger than --warmup-steps")

    common = ["--backbone", args.backbone, "--data", args.data, "--batch", str(args.batch), "--threads", str(args.threads)]
    if args.skip_training:
        training = {"data": "not measured", "batch": args.batch, "steps": 0, "timed_steps": 0, "seconds": 0,
                    "tokens_per_second": 0, "sentences_per_second": 0, "peak_rss_bytes": 0}
    else:
        extra = ["--train-data", args.train_data] if args.train_data else []
        training = run("train_bench.py", common + ["--max-steps", str(args.max_steps),
                                                   "--warmup-steps", str(args.warmup_steps)] + extra)
    inference = run("infer_bench.py", common + ["--repeats", str(args.repeats)])
    versions = training.pop("versions", None) or inference.pop("versions", {})
    inference.pop("versions", None)
    figures = {
        "peer": f"GLiNER {versions.get('gliner', '?')}",
        "versions": versions,
        "machine": machine(),
        "threads": args.threads,
        "backbone": os.path.abspath(args.backbone),
        "training": training,
        "inference": inference,
    }
    text = json.dumps(figures, indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
