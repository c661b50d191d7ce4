"""GLiNER inference rate on this machine: an untrained GLiNER on the MiniLM-L6 backbone (as `uniner bench` times
untrained heads) over CrossNER_AI test, its 13 labels in one pass, batch 8. Prints one JSON object.

One untimed batch first, then `--repeats` timed passes over the 431 sentences; the median pass is the figure.
"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_data import common_parser, crossner_ai_test, peak_rss_bytes, set_threads  # noqa: E402
from gliner_model import untrained_gliner, versions  # noqa: E402


def main():
    parser = common_parser(__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    import torch

    set_threads(torch, args.threads)
    sentences, labels = crossner_ai_test(args.data)
    texts = [" ".join(words) for words in sentences]
    model = untrained_gliner(args.backbone)
    model.eval()

    def predict(batch_texts):
        with torch.no_grad():
            return model.inference(batch_texts, labels, threshold=0.5, batch_size=args.batch)

    predict(texts[: args.batch])
    passes = []
    for repeat in range(args.repeats):
        start = time.perf_counter()
        predict(texts)
        seconds = time.perf_counter() - start
        passes.append(len(texts) / seconds)
        print(f"[peer] inference pass {repeat + 1}/{args.repeats}: {passes[-1]:.1f} sentences/s", file=sys.stderr, flush=True)
    print(json.dumps({
        "data": "CrossNER_AI test", "sentences": len(texts), "labels": len(labels), "batch": args.batch,
        "passes": passes, "sentences_per_second": statistics.median(passes),
        "peak_rss_bytes": peak_rss_bytes(), "versions": versions(),
    }))


if __name__ == "__main__":
    main()
