#!/usr/bin/env python3
"""Reference for PairedBootstrap, computed independently of the Swift code.

Builds a small comparison (two datasets, a baseline with one seed run and a variant with two), draws resamples
with Python's own generator, and computes for those draws what the Swift bootstrap must give: the point
estimate, each resample's delta, the 95% percentile interval (linear interpolation, numpy's default) and the
share of resamples with delta <= 0. The Swift test reads the draws from the output and compares the rest.

    python3 scripts/reference/paired_bootstrap_reference.py > scripts/reference/paired_bootstrap_reference.json
"""
import json
import random


def f1(correct, predicted, gold):
    # The official evaluator's formulas, in its order.
    precision = correct / (predicted + 1e-10)
    recall = correct / (gold + 1e-10)
    return 2 * precision * recall / (precision + recall + 1e-10)


def average_f1(sample, datasets, indices=None):
    scores = []
    for dataset in datasets:
        sentences = sample[dataset]
        chosen = indices[dataset] if indices is not None else range(len(sentences))
        correct = sum(sentences[i][0] for i in chosen)
        predicted = sum(sentences[i][1] for i in chosen)
        gold = sum(sentences[i][2] for i in chosen)
        scores.append(f1(correct, predicted, gold))
    return sum(scores) / len(scores)


def percentile(values, q):
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def sentences(rng, count, skill):
    rows = []
    for _ in range(count):
        gold = rng.randint(0, 4)
        predicted = rng.randint(0, 4)
        correct = min(gold, predicted, sum(1 for _ in range(min(gold, predicted)) if rng.random() < skill))
        # Partial credit makes counts fractional: some sentences get half a true positive more.
        if correct < min(gold, predicted) and rng.random() < 0.3:
            correct += 0.5
        rows.append([float(correct), predicted, gold, 3])
    return rows


def main():
    rng = random.Random(2024)
    datasets = ["alpha", "beta"]
    sizes = {"alpha": 9, "beta": 6}
    baseline = [{d: sentences(rng, sizes[d], 0.5) for d in datasets}]
    variant = [{d: sentences(rng, sizes[d], 0.7) for d in datasets} for _ in range(2)]
    draws = []
    for _ in range(200):
        draws.append({
            "baselineSeed": 0,
            "variantSeed": rng.randrange(len(variant)),
            "indices": {d: [rng.randrange(sizes[d]) for _ in range(sizes[d])] for d in datasets},
        })
    deltas = [average_f1(variant[d["variantSeed"]], datasets, d["indices"])
              - average_f1(baseline[d["baselineSeed"]], datasets, d["indices"]) for d in draws]
    delta = (sum(average_f1(s, datasets) for s in variant) / len(variant)
             - sum(average_f1(s, datasets) for s in baseline) / len(baseline))
    print(json.dumps({
        "datasets": datasets,
        "baseline": baseline,
        "variant": variant,
        "draws": draws,
        "expected": {
            "delta": delta,
            "lower": percentile(deltas, 0.025),
            "upper": percentile(deltas, 0.975),
            "atMostZero": sum(1 for x in deltas if x <= 0) / len(deltas),
        },
    }, indent=1))


if __name__ == "__main__":
    main()
