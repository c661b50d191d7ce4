#!/usr/bin/env python3
"""Write the PyTorch reference for block attention masks (`minilm_block_mask_reference.json`): all-MiniLM-L6-v2
run by `transformers` on inputs laid out as the shared-pass per-type student asks them, with an explicit 4-D
attention mask and position ids, so that the Swift encoder's block masks (`Attention`, mask values 1 = shared
block, k >= 2 = private block k) and position ids are checked against an independent implementation.

Layout per sequence: `[CLS] words [SEP]` (block 1, positions 0..L-1), then per label `[unused1] label`
(block k, positions L..), right-padded with block 0. The mask handed to PyTorch is [B, 1, T, T], additive:
0 where row i may see key j (j in block 1, or j in i's own private block), the float32 minimum elsewhere.

Usage (from the repository root; any venv with torch and transformers):
    ~/.cache/uniner/grad-venv/bin/python scripts/reference/make_minilm_block_mask_reference.py \
        [--model .models/all-MiniLM-L6-v2] [--out Tests/UniNERNumericsTests/Fixtures/minilm_block_mask_reference.json]
"""
import argparse
import json

import torch
from transformers import AutoModel, AutoTokenizer

CASES = [
    ("Marie Curie worked at the University of Paris .", ["person", "university", "programming language"]),
    ("Albert Einstein visited Princeton .", ["person", "location"]),
]


def layout(tokenizer, text, labels):
    marker = tokenizer.convert_tokens_to_ids("[unused1]")
    ids = [tokenizer.cls_token_id] + tokenizer.encode(text, add_special_tokens=False) + [tokenizer.sep_token_id]
    text_length = len(ids)
    blocks = [1] * text_length
    positions = list(range(text_length))
    types = [0] * text_length
    for k, label in enumerate(labels):
        piece = [marker] + tokenizer.encode(label, add_special_tokens=False)
        ids += piece
        blocks += [k + 2] * len(piece)
        positions += [text_length + i for i in range(len(piece))]
        types += [1] * len(piece)
    return ids, blocks, positions, types


def allowed(blocks):
    t = len(blocks)
    grid = torch.zeros(t, t, dtype=torch.bool)
    for i in range(t):
        for j in range(t):
            own = blocks[i]
            grid[i, j] = blocks[j] == 1 or (own > 1 and blocks[j] == own)
    return grid


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=".models/all-MiniLM-L6-v2")
    parser.add_argument("--out", default="Tests/UniNERNumericsTests/Fixtures/minilm_block_mask_reference.json")
    args = parser.parse_args()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModel.from_pretrained(args.model, dtype=torch.float32, attn_implementation="eager").eval()

    rows = [layout(tokenizer, text, labels) for text, labels in CASES]
    T = max(len(r[0]) for r in rows)
    B = len(rows)
    ids = torch.full((B, T), tokenizer.pad_token_id, dtype=torch.long)
    blocks = torch.zeros((B, T), dtype=torch.long)
    positions = torch.zeros((B, T), dtype=torch.long)
    types = torch.zeros((B, T), dtype=torch.long)
    additive = torch.full((B, 1, T, T), torch.finfo(torch.float32).min)
    for b, (i, k, p, y) in enumerate(rows):
        n = len(i)
        ids[b, :n] = torch.tensor(i); blocks[b, :n] = torch.tensor(k)
        positions[b, :n] = torch.tensor(p); types[b, :n] = torch.tensor(y)
        grid = allowed(blocks[b].tolist())
        additive[b, 0][grid] = 0.0
    with torch.no_grad():
        hidden = model(input_ids=ids, attention_mask=additive, token_type_ids=types, position_ids=positions).last_hidden_state

        # Self-checks of the reference itself: the text block equals the text encoded alone, and a label's block
        # equals that label asked alone (its answer does not depend on the other labels).
        for b, (text, labels) in enumerate(CASES):
            n_text = rows[b][1].count(1)
            alone = model(input_ids=ids[b:b + 1, :n_text], token_type_ids=types[b:b + 1, :n_text]).last_hidden_state
            assert torch.allclose(alone[0], hidden[b, :n_text], atol=1e-5), "text block differs from the text alone"
            i1, k1, p1, y1 = layout(tokenizer, text, labels[:1])
            m1 = torch.full((1, 1, len(i1), len(i1)), torch.finfo(torch.float32).min)
            m1[0, 0][allowed(k1)] = 0.0
            one = model(input_ids=torch.tensor([i1]), attention_mask=m1, token_type_ids=torch.tensor([y1]),
                        position_ids=torch.tensor([p1])).last_hidden_state
            assert torch.allclose(one[0], hidden[b, :len(i1)], atol=1e-5), "a label's block depends on the others"

    fixture = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "batch": B, "length": T,
        "input_ids": ids.flatten().tolist(),
        "blocks": blocks.flatten().tolist(),
        "position_ids": positions.flatten().tolist(),
        "token_type_ids": types.flatten().tolist(),
        "last_hidden_state": [round(float(v), 6) for v in hidden.flatten().tolist()],
    }
    with open(args.out, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(f"wrote {args.out}: batch {B} x {T} tokens")


if __name__ == "__main__":
    main()
