#!/usr/bin/env python3
"""Write the PyTorch gradient reference of the MiniLM encoder used by the Swift gradient test
(`Tests/UniNERNumericsTests/Fixtures/minilm_gradient_reference.json`, read by MiniLMGradientReferenceTests).

Usage (from the repository root; CPU is enough, the fixture is committed and CI does not run this):
    python3 -m venv ~/.cache/uniner/grad-venv
    ~/.cache/uniner/grad-venv/bin/pip install torch transformers
    ~/.cache/uniner/grad-venv/bin/python scripts/reference/make_minilm_gradient_reference.py \
        [--model .models/all-MiniLM-L6-v2] [--out Tests/UniNERNumericsTests/Fixtures/minilm_gradient_reference.json]

The batch is fixed: two sequences of T = 10 tokens, the second padded after 5 and the first with a second
segment (token types 1). The loss is a fixed projection of the last hidden states,
    loss = sum over b, t, c of hidden[b, t, c] * r[b, t, c],  r[i] = sin(0.5 + 0.731 i) * mask[b, t]
(i the flat index into [B, T, C]), so its gradient with respect to the hidden states is r, which the Swift test
computes the same way and feeds to BertModel.backward. The model is `transformers.BertModel` (eager attention,
no pooler) in eval mode (no dropout), float32. Per parameter the fixture keeps the gradient's L2 norm, its
largest absolute value and its values at 8 fixed flat indices taken evenly among the nonzero entries (the
embedding gradients are sparse), so it stays a few tens of kilobytes.
"""
import argparse
import json
import math
import os
import sys

import torch
import transformers
from transformers import BertModel

INPUT_IDS = [[101, 2023, 2003, 1037, 3231, 6251, 1012, 102, 2178, 102],
             [101, 7592, 2088, 999, 102, 0, 0, 0, 0, 0]]
ATTENTION_MASK = [[1] * 10, [1] * 5 + [0] * 5]
TOKEN_TYPE_IDS = [[0] * 8 + [1, 1], [0] * 10]
SAMPLES = 8


def projection(batch, length, hidden):
    r = torch.empty(batch * length * hidden, dtype=torch.float32)
    for i in range(r.numel()):
        r[i] = math.sin(0.5 + 0.731 * i)
    r = r.view(batch, length, hidden)
    return r * torch.tensor(ATTENTION_MASK, dtype=torch.float32).unsqueeze(-1)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(root, ".models", "all-MiniLM-L6-v2"))
    parser.add_argument("--out", default=os.path.join(root, "Tests", "UniNERNumericsTests", "Fixtures",
                                                      "minilm_gradient_reference.json"))
    args = parser.parse_args()

    torch.manual_seed(0)
    model = BertModel.from_pretrained(args.model, add_pooling_layer=False, attn_implementation="eager",
                                      torch_dtype=torch.float32).eval()
    ids = torch.tensor(INPUT_IDS, dtype=torch.long)
    mask = torch.tensor(ATTENTION_MASK, dtype=torch.long)
    types = torch.tensor(TOKEN_TYPE_IDS, dtype=torch.long)
    hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
    r = projection(*hidden.shape)
    loss = (hidden.double() * r.double()).sum()
    loss.backward()

    parameters = []
    for name, p in model.named_parameters():
        g = p.grad.detach().flatten()
        nonzero = torch.nonzero(g).flatten().tolist()
        picks = [nonzero[(k * len(nonzero)) // SAMPLES] for k in range(SAMPLES)] if nonzero else []
        parameters.append({
            "name": name,
            "shape": list(p.shape),
            "norm": float(g.double().norm()),
            "max_abs": float(g.abs().max()),
            "indices": picks,
            "values": [float(g[i]) for i in picks],
        })

    fixture = {
        "model": os.path.basename(os.path.normpath(args.model)),
        "generator": "scripts/reference/make_minilm_gradient_reference.py",
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
        "input_ids": INPUT_IDS,
        "attention_mask": ATTENTION_MASK,
        "token_type_ids": TOKEN_TYPE_IDS,
        "loss": loss.item(),
        "parameters": parameters,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes), loss {loss.item():.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
