#!/usr/bin/env python3
"""Scores span-encoder predictions at several thresholds without predicting again.

The predictor decodes greedily, highest probability first, so the mentions it keeps at a threshold T are exactly
those it keeps at a lower threshold whose score is >= T. Predict once at a low threshold (e.g. 0.05), then:

    scripts/threshold_sweep.py --uniner .build-stu/release/uniner --split dev \
        --predictions runs/tune/default/predictions --thresholds 0.1 0.2 0.3 0.4 0.5

Each predictions/<dataset>.jsonl is filtered, re-rendered as the official answer string (json.dumps of the mention
list, as the official files are written) and scored with `uniner eval --metric strict`.
"""
import argparse
import json
import pathlib
import subprocess
import tempfile


def filtered(lines, threshold):
    for line in lines:
        record = json.loads(line)
        mentions = [m for m in record.get("mentions") or [] if (m.get("score") or 0) >= threshold]
        yield json.dumps({"id": record["id"], "prediction": json.dumps([m["text"] for m in mentions]),
                          "mentions": mentions})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uniner", required=True)
    parser.add_argument("--predictions", required=True, help="folder of <dataset>.jsonl files")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--thresholds", type=float, nargs="+", required=True)
    parser.add_argument("--metric", default="strict")
    args = parser.parse_args()
    files = sorted(pathlib.Path(args.predictions).glob("*.jsonl"))
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            lines = path.read_text().splitlines()
            # Score against the queries that were predicted only: a run with `max_sentences` predicts a prefix of
            # the split, and the split's other queries would otherwise count as misses.
            predicted = {json.loads(line)["id"] for line in lines}
            every = pathlib.Path(tmp) / f"{path.stem}-queries.json"
            subprocess.run([args.uniner, "queries", "--dataset", path.stem, "--split", args.split,
                            "--out", str(every)], capture_output=True, text=True, check=True)
            official = json.loads(every.read_text())
            if args.metric == "span":
                # The official query file holds answer strings, not offsets: the span metric needs the dataset's
                # own gold offsets, which `uniner eval` reads by dataset name, for the whole split only.
                if len(predicted) != len(official):
                    raise SystemExit(f"--metric span scores whole splits only: {path.name} predicts "
                                     f"{len(predicted)} of the {len(official)} queries of {args.split} "
                                     "(predict without max_sentences, or use --metric strict)")
                gold = [path.stem, "--split", args.split]
            else:
                queries = pathlib.Path(tmp) / f"{path.stem}-predicted-queries.json"
                queries.write_text(json.dumps([q for q in official if q["id"] in predicted]))
                gold = [str(queries)]
            for threshold in args.thresholds:
                out = pathlib.Path(tmp) / f"{path.stem}-{threshold}.jsonl"
                out.write_text("\n".join(filtered(lines, threshold)) + "\n")
                result = subprocess.run([args.uniner, "eval", "--data", *gold,
                                         "--predictions", str(out), "--metric", args.metric, "--json"],
                                        capture_output=True, text=True, check=True)
                table[(path.stem, threshold)] = json.loads(result.stdout)["f1"] * 100
    names = [p.stem for p in files]
    print("| threshold | " + " | ".join(names) + " | average |")
    print("|---" * (len(names) + 2) + "|")
    for threshold in args.thresholds:
        scores = [table[(n, threshold)] for n in names]
        print(f"| {threshold} | " + " | ".join(f"{s:.1f}" for s in scores) + f" | {sum(scores) / len(scores):.1f} |")


if __name__ == "__main__":
    main()
