#!/usr/bin/env python3
"""Write the PyTorch MiniLM reference fixture used by the Swift tokenizer and encoder tests
(`minilm_pytorch_reference.json`; `minilm_reference.json` beside it is the numerics NumPy reference).

Usage (from the repository root):
    python3 -m venv ~/.cache/uniner/ref-venv
    ~/.cache/uniner/ref-venv/bin/pip install torch transformers tokenizers
    ~/.cache/uniner/ref-venv/bin/python scripts/reference/make_minilm_reference.py \
        [--model .models/all-MiniLM-L6-v2] [--out Tests/UniNERNumericsTests/Fixtures/minilm_pytorch_reference.json]

The tokenizer output comes from the fast tokenizer (`tokenizers.Tokenizer.from_file("tokenizer.json")`,
padding and truncation switched off); offsets are Python str indices (Unicode scalars). The hidden
states are those of `transformers.AutoModel` (BertModel) in eval mode, float32, rounded to 6 decimals.
"""
import argparse
import json
import os
import sys

import torch
import transformers
import tokenizers
from tokenizers import Tokenizer
from transformers import AutoModel, AutoTokenizer

SENTENCES = [
    "Héllo, World! naïve café",
    "UniversalNER was trained on 45,889 passages from the Pile.",
    "東京 (Tokyo) hosted 3.5 million visitors in 2019 — up 12%!",
    "The primer " + "ACGT" * 26 + " binds; antidisestablishmentarianism isn't cafe\u0301.",
    "Dr. O'Neill\tmet McDonald's CEO at 9:30am\u00a0in São Paulo\u200b & ÅLAND\x07…",
]

PAIR = ("Dataset: CrossNER_AI. Entity type: algorithm",
        "Typical generative model approaches include naive Bayes classifier s , Gaussian mixture model s .")

WORDS = ["Héllo", ",", "Wörld", "", "45,889", "東京", "\u200b", "naïve", "Bayes", "   ", "[SEP]", "ACGT" * 26]

TRUNCATIONS = [
    {"text": SENTENCES[1], "max_length": 10},
    {"text": PAIR[0], "pair": PAIR[1], "max_length": 16},
    {"text": PAIR[1], "pair": PAIR[0], "max_length": 11},
    {"text": "person", "pair": PAIR[1], "max_length": 12},
    {"text": PAIR[1], "pair": "person", "max_length": 13},
]


def encoding_json(enc):
    return {
        "ids": enc.ids,
        "tokens": enc.tokens,
        "offsets": [list(o) for o in enc.offsets],
        "type_ids": enc.type_ids,
        "attention_mask": enc.attention_mask,
        "special_tokens_mask": enc.special_tokens_mask,
        "word_ids": enc.word_ids,
        "sequence_ids": enc.sequence_ids,
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(root, ".models", "all-MiniLM-L6-v2"))
    parser.add_argument("--out", default=os.path.join(root, "Tests", "UniNERNumericsTests", "Fixtures",
                                                      "minilm_pytorch_reference.json"))
    args = parser.parse_args()

    fast = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    fast.no_padding()
    fast.no_truncation()
    auto_tok = AutoTokenizer.from_pretrained(args.model)
    model = AutoModel.from_pretrained(args.model, torch_dtype=torch.float32).eval()
    torch.set_grad_enabled(False)

    sentences = []
    for text in SENTENCES:
        enc = fast.encode(text)
        assert enc.ids == auto_tok(text)["input_ids"], text
        ids = torch.tensor([enc.ids], dtype=torch.long)
        out = model(input_ids=ids, attention_mask=torch.ones_like(ids),
                    token_type_ids=torch.zeros_like(ids)).last_hidden_state[0]
        entry = encoding_json(enc)
        entry["text"] = text
        entry["decoded"] = fast.decode(enc.ids)
        entry["hidden_size"] = out.shape[1]
        entry["last_hidden_state"] = [[round(float(v), 6) for v in row] for row in out]
        sentences.append(entry)

    pair = encoding_json(fast.encode(PAIR[0], PAIR[1]))
    pair.update({"text": PAIR[0], "pair": PAIR[1]})

    words = encoding_json(fast.encode(WORDS, is_pretokenized=True))
    words["words"] = WORDS

    truncations = []
    for case in TRUNCATIONS:
        fast.enable_truncation(max_length=case["max_length"], strategy="longest_first")
        enc = fast.encode(case["text"], case["pair"]) if "pair" in case else fast.encode(case["text"])
        entry = encoding_json(enc)
        entry.update(case)
        truncations.append(entry)
    fast.no_truncation()

    fixture = {
        "model": os.path.basename(os.path.normpath(args.model)),
        "generator": "scripts/reference/make_minilm_reference.py",
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "tokenizers": tokenizers.__version__},
        "sentences": sentences,
        "pair": pair,
        "pretokenized": words,
        "truncations": truncations,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
