#!/usr/bin/env python3
"""Tags texts from stdin with an exported UniNER span-encoder model (model.onnx + tokenizer.json + student.json),
under onnxruntime and tokenizers only; prints the JSON lines `uniner predict` prints.

    python predict.py --types "person,organization" < texts.txt
    python predict.py --model FOLDER --threshold 0.3 --scores < texts.jsonl

Input: one text per line, plain or {"text": ..., "id": ..., "types": [...]} ("types" overrides --types).
Output per line: {"id", "text", "entities": [{"text", "label", "start", "end", "score"}], "answers": {label: answer}},
offsets in Unicode scalars (Python str indices), end exclusive; with --scores also "scores": {label: [[start, end,
probability], ...]}, every span at or above the threshold (the best over overlapping windows).

The input construction repeats Plugins/Students (SpanInputEncoder, SpanEncoderPredictor) and
Sources/UniNERCore/Model/WordSplitter.swift: words are runs of non-space scalars with every punctuation scalar a
word of its own; per-type: `[CLS] label [SEP] words [SEP]`, query = [CLS]; all-in-one: `[CLS] [M] l1 [M] l2 ... [SEP]
words [SEP]`, one query per marker; texts over max_tokens go through word windows overlapping by a quarter.
"""
import argparse
import json
import os
import sys
import unicodedata

import numpy as np
import onnxruntime
from tokenizers import Tokenizer

# Unicode White_Space (what Swift's `properties.isWhitespace` tests), and U+0000.
WHITESPACE = {0x0, *range(0x9, 0xE), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F,
              0x3000}


def is_punctuation(ch):
    v = ord(ch)
    if 33 <= v <= 47 or 58 <= v <= 64 or 91 <= v <= 96 or 123 <= v <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def words_of(text):
    """[(word, start, end)] in Unicode-scalar offsets."""
    words, current, start = [], [], 0
    for offset, ch in enumerate(text):
        if ord(ch) in WHITESPACE:
            if current:
                words.append(("".join(current), start, offset))
                current = []
        elif is_punctuation(ch):
            if current:
                words.append(("".join(current), start, offset))
                current = []
            words.append((ch, offset, offset + 1))
        else:
            if not current:
                start = offset
            current.append(ch)
    if current:
        words.append(("".join(current), start, len(text)))
    return words


class Model:
    def __init__(self, folder, threads, batch):
        with open(os.path.join(folder, "student.json")) as f:
            self.info = json.load(f)
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self.session = onnxruntime.InferenceSession(os.path.join(folder, "model.onnx"), options,
                                                    providers=["CPUExecutionProvider"])
        with open(os.path.join(folder, "span_config.json")) as f:
            self.max_width = json.load(f)["maxSpanWidth"]
        self.max_tokens = self.info["maxTokens"]
        self.all_in_one = self.info["layout"] == "all-in-one"
        self.batch = batch
        tid = self.tokenizer.token_to_id
        self.cls, self.sep = tid("[CLS]"), tid("[SEP]")
        self.pad = tid("[PAD]") if tid("[PAD]") is not None else 0
        self.marker = tid(self.info["marker"])
        if self.marker is None:
            self.marker = tid("[UNK]")

    def pieces(self, text):
        return self.tokenizer.encode(text, add_special_tokens=False).ids

    def query_side(self, labels, dataset=None):
        ids = [self.cls]
        if dataset is not None:
            ids += self.pieces(f"Dataset: {dataset}")
        queries = []
        if self.all_in_one:
            for label in labels:
                queries.append(len(ids))
                ids.append(self.marker)
                ids += self.pieces(label)
        else:
            queries = [0]
            for label in labels:
                ids += self.pieces(label)
        ids.append(self.sep)
        return ids, queries

    def passage(self, words):
        """Word-piece ids and each word's token range (empty for a word that gives no token)."""
        if not words:
            return [], []
        encoding = self.tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False)
        ranges = [None] * len(words)
        for t, w in enumerate(encoding.word_ids):
            if w is None:
                continue
            ranges[w] = (ranges[w][0], t + 1) if ranges[w] else (t, t + 1)
        return encoding.ids, [r if r else (0, 0) for r in ranges]

    def label_chunks(self, labels, dataset):
        if not self.all_in_one:
            return [[i] for i in range(len(labels))]
        chunks = [[]]
        for i in range(len(labels)):
            candidate = chunks[-1] + [i]
            side, _ = self.query_side([labels[j] for j in candidate], dataset)
            if len(side) > self.max_tokens // 2 and chunks[-1]:
                chunks.append([i])
            else:
                chunks[-1] = candidate
        return [c for c in chunks if c]

    @staticmethod
    def windows(ranges, budget, overlap):
        n = len(ranges)
        if n == 0:
            return [(0, 0)]
        result, a = [], 0
        while a < n:
            b, used = a, 0
            while b < n and (used + ranges[b][1] - ranges[b][0] <= budget or b == a):
                used += ranges[b][1] - ranges[b][0]
                b += 1
            result.append((a, b))
            if b >= n:
                break
            a = max(a + 1, b - overlap)
        return result

    def sequence(self, query, passage, window):
        qids, queries = query
        pids, ranges = passage
        ids = list(qids)
        types = [0] * len(ids)
        budget = self.max_tokens - len(qids) - 1
        first, last, index, used = [], [], [], 0
        for w in range(*window):
            a, b = ranges[w]
            if a == b:
                continue
            if used + (b - a) > budget:
                break
            first.append(len(ids))
            ids += pids[a:b]
            types += [1] * (b - a)
            last.append(len(ids) - 1)
            index.append(w)
            used += b - a
        ids.append(self.sep)
        types.append(1)
        return {"ids": ids, "types": types, "first": first, "last": last, "index": index, "queries": queries}

    def spans(self, seq):
        """Every (start word, end word) of 1...K words, in the native enumeration order."""
        n, k = len(seq["first"]), self.max_width
        return [(i, j) for i in range(n) for j in range(i, min(n, i + k))]

    def run(self, sequences):
        """Span probabilities [S_b, Q_b] of each sequence, batched like the native predictor."""
        T = max(len(s["ids"]) for s in sequences)
        spans = [self.spans(s) for s in sequences]
        S = max(1, max(len(sp) for sp in spans))
        Q = max(len(s["queries"]) for s in sequences)
        B = len(sequences)
        ids = np.full((B, T), self.pad, dtype=np.int64)
        mask = np.zeros((B, T), dtype=np.int64)
        types = np.zeros((B, T), dtype=np.int64)
        start = np.zeros((B, S), dtype=np.int64)
        end = np.zeros((B, S), dtype=np.int64)
        query = np.zeros((B, Q), dtype=np.int64)
        for b, s in enumerate(sequences):
            n = len(s["ids"])
            ids[b, :n], mask[b, :n], types[b, :n] = s["ids"], 1, s["types"]
            for si, (i, j) in enumerate(spans[b]):
                start[b, si], end[b, si] = s["first"][i], s["last"][j]
            query[b, :len(s["queries"])] = s["queries"]
        (scores,) = self.session.run(["span_scores"], {
            "input_ids": ids, "attention_mask": mask, "token_type_ids": types,
            "span_start": start, "span_end": end, "query_positions": query})
        return [(spans[b], scores[b, :len(spans[b]), :len(s["queries"])]) for b, s in enumerate(sequences)]

    def tables(self, items, threshold):
        """Per item, per label: {(first word, last word): best probability at or above the threshold}."""
        passes, words_all = [], []
        for g, (text, dataset, labels) in enumerate(items):
            words = words_of(text)
            words_all.append(words)
            passage = self.passage([w[0] for w in words])
            for chunk in self.label_chunks(labels, dataset):
                query = self.query_side([labels[i] for i in chunk], dataset)
                budget = self.max_tokens - len(query[0]) - 1
                if budget <= 0:
                    fail(f"the query side of {[labels[i] for i in chunk]} does not fit in {self.max_tokens} tokens")
                for window in self.windows(passage[1], budget, max(1, budget // 4)):
                    seq = self.sequence(query, passage, window)
                    if seq["first"]:
                        passes.append((g, chunk, seq))
        best = [[{} for _ in labels] for (_, _, labels) in items]
        order = sorted(range(len(passes)), key=lambda p: len(passes[p][2]["ids"]))
        for i in range(0, len(order), self.batch):
            chunk = order[i:i + self.batch]
            for p, (spans, probs) in zip(chunk, self.run([passes[p][2] for p in chunk])):
                g, labels, seq = passes[p]
                for si, (a, b) in enumerate(spans):
                    key = (seq["index"][a], seq["index"][b])
                    for q, label in enumerate(labels):
                        prob = probs[si, q]
                        if prob >= threshold:
                            table = best[g][label]
                            table[key] = max(prob, table.get(key, np.float32(0)))
        return words_all, best

    def decode(self, tables, words, text, flat):
        """Greedy, highest probability first (ties: earlier start, end, label); all-in-one labels compete."""
        def choose(candidates):
            ordered = sorted(candidates, key=lambda c: (-c[2], c[1][0], c[1][1], c[0]))
            chosen = []
            for c in ordered:
                (cs, ce) = c[1]
                clash = False
                for a in chosen:
                    (as_, ae) = a[1]
                    if ce < as_ or ae < cs:
                        continue
                    if (cs, ce) == (as_, ae) or flat:
                        clash = True
                        break
                    nests = (cs <= as_ and ae <= ce) or (as_ <= cs and ce <= ae)
                    if not nests:
                        clash = True
                        break
                if not clash:
                    chosen.append(c)
            return chosen

        every = [(label, key, prob) for label, table in enumerate(tables) for key, prob in table.items()]
        if self.all_in_one:
            chosen = choose(every)
        else:
            chosen = [c for label in range(len(tables)) for c in choose([e for e in every if e[0] == label])]
        result = [[] for _ in tables]
        for label, (a, b), prob in sorted(chosen, key=lambda c: c[1]):
            start, end = words[a][1], words[b][2]
            result[label].append({"text": text[start:end], "start": start, "end": end, "score": number(prob)})
        return result


def fail(message, help_text=None):
    """An error as `uniner predict` reports it: on stderr, with a help line, status 2."""
    sys.stderr.write(f"error: {message}\n" + (f"  help: {help_text}\n" if help_text else ""))
    sys.exit(2)


def number(value):
    """A float32 as the double `uniner predict` writes (integral values without a fraction, as Swift does)."""
    value = float(value)
    return int(value) if value.is_integer() else value


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=here, help="exported folder (default: this script's folder)")
    parser.add_argument("--types", default="", help="entity types, comma-separated")
    parser.add_argument("--threshold", type=float, help="span probability needed (default: the model's)")
    parser.add_argument("--decoding", choices=["flat", "nested"], help="default: the model's")
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime intra-op threads (default: its own)")
    parser.add_argument("--batch", type=int, default=8, help="encoder passes per onnxruntime call")
    parser.add_argument("--chunk", type=int, default=256, help="texts per batch of predictions")
    parser.add_argument("--scores", action="store_true", help="also print every span's probability per label")
    args = parser.parse_args()
    if args.threshold is not None and not 0 <= args.threshold <= 1:
        parser.error("--threshold must be in [0, 1]")
    model = Model(args.model, args.threads, args.batch)
    threshold = np.float32(args.threshold if args.threshold is not None else model.info["threshold"])
    flat = (args.decoding or model.info["decoding"]) == "flat"
    default_types = [t.strip() for t in args.types.split(",") if t.strip()]

    pending = []

    def flush():
        if not pending:
            return
        words, tables = model.tables([(p["text"], None, p["labels"]) for p in pending], threshold)
        for p, w, t in zip(pending, words, tables):
            found = model.decode(t, w, p["text"], flat)
            entities, answers = [], {}
            for label, mentions in zip(p["labels"], found):
                answers[label] = json.dumps([m["text"] for m in mentions])
                entities += [dict(m, label=label) for m in mentions]
            entities.sort(key=lambda e: (e["start"], e["end"]))
            out = {"text": p["text"], "entities": entities, "answers": answers}
            if p["id"] is not None:
                out["id"] = p["id"]
            if args.scores:
                out["scores"] = {label: [[w[a][1], w[b][2], number(prob)] for (a, b), prob in sorted(table.items())]
                                 for label, table in zip(p["labels"], t)}
            sys.stdout.write(json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
        sys.stdout.flush()
        pending.clear()

    for number_, line in enumerate(sys.stdin, start=1):
        line = line[:-2] if line.endswith("\r\n") else line[:-1] if line.endswith("\n") else line
        if not line.strip(" \t"):
            continue
        item = {"text": line, "id": None, "types": None}
        if line.startswith("{"):
            try:
                obj = json.loads(line)
                assert isinstance(obj, dict) and isinstance(obj.get("text"), str)
                assert obj.get("id") is None or isinstance(obj["id"], str)
                types = obj.get("types")
                assert types is None or (isinstance(types, list) and all(isinstance(t, str) for t in types))
                item = {"text": obj["text"], "id": obj.get("id"), "types": types}
            except (ValueError, AssertionError):
                fail(f'stdin line {number_}: not a JSON object with a "text" string',
                     'give plain text, or {"text": ..., "types": [...]}')
        item["labels"] = item["types"] if item["types"] is not None else default_types
        if not item["labels"]:
            fail(f"stdin line {number_}: no entity types to look for",
                 'pass --types "person,organization" or a "types" list in the line')
        pending.append(item)
        if len(pending) >= args.chunk:
            flush()
    flush()


if __name__ == "__main__":
    main()
