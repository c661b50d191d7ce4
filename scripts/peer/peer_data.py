"""The data and measurements shared by the GLiNER peer scripts (train_bench.py, infer_bench.py).

The training sentences are those `uniner bench` trains on (Sources/uniner/BenchCommand.swift): CoNLL-2003 train
(`conll2003/train.txt`, CrossNER's tag names) in file order, every label of the dataset asked for every sentence;
types mapped as the toolkit's benchmark registry does (organisation -> organization; misc is not asked).
"""
import json
import os
import platform
import resource

# Plugins/Datasets/BenchmarkRegistry.swift: conllTypes, and LabelMap.crossNER's names for CoNLL's tags.
CONLL_LABELS = ["location", "organization", "person"]
CONLL_TAGS = {"location": "location", "organisation": "organization", "organization": "organization", "person": "person"}


def read_conll_sentences(path):
    """Yields (words, spans) per sentence of a two-column IOB file; spans are [start, end, label], word indices
    inclusive (GLiNER's `ner` format); -DOCSTART- blocks are skipped, unknown tags (misc) dropped."""
    words, tags = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if words and words[0] != "-DOCSTART-":
                    yield words, spans_of(tags)
                words, tags = [], []
                continue
            columns = line.split("\t") if "\t" in line else line.split()
            words.append(columns[0])
            tags.append(columns[-1])
    if words and words[0] != "-DOCSTART-":
        yield words, spans_of(tags)


def spans_of(tags):
    """IOB1 or IOB2 tags to [start, end, label] spans of the labels we ask."""
    spans, start, kind = [], None, None
    for index, tag in enumerate(tags + ["O"]):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and name == kind
        if start is not None and not continues:
            label = CONLL_TAGS.get(kind.lower())
            if label:
                spans.append([start, index - 1, label])
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = index, name
    return spans


def conll_training_examples(data_root, count):
    """The first `count` CoNLL-2003 training sentences as GLiNER examples with all three labels asked."""
    path = os.path.join(data_root, "conll2003", "train.txt")
    examples = []
    for words, spans in read_conll_sentences(path):
        # `ner_labels`: GLiNER 0.2.29 asks exactly these types (processor.batch_generate_class_mappings)
        examples.append({"tokenized_text": words, "ner": spans, "ner_labels": list(CONLL_LABELS)})
        if len(examples) == count:
            break
    return examples


def crossner_ai_test(data_root):
    """CrossNER_AI test (test.json: GLiNER's format) as word lists, and its labels without `else` (13)."""
    folder = os.path.join(data_root, "CrossNER_AI")
    with open(os.path.join(folder, "test.json"), encoding="utf-8") as handle:
        records = json.load(handle)
    with open(os.path.join(folder, "labels.json"), encoding="utf-8") as handle:
        labels = [label for label in json.load(handle) if label != "else"]
    return [record["sentence"].split(" ") for record in records], labels


def peak_rss_bytes():
    """VmHWM of this process (Linux), else ru_maxrss."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def machine():
    """The CPU model and core count, in words."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def set_threads(torch, threads):
    """Both PyTorch pools to `threads` (GLiNER's CPU use is intra-op)."""
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(max(1, threads))
    except RuntimeError:
        pass


def common_parser(description):
    """The arguments every peer script takes: the backbone, the benchmark folder, the batch and the threads."""
    import argparse
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--backbone", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    return parser
