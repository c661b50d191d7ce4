#!/usr/bin/env python3
"""Builds one ONNX graph (BERT encoder + span head) from a span-encoder model folder written by `uniner train`.

Run by `uniner export --format onnx` from the venv of scripts/onnx-venv.sh:
    export_onnx.py MODEL_FOLDER OUT_FOLDER

The graph repeats Sources/UniNERNumerics (BertModel.swift, SpanModel.swift) operation by operation:
  embeddings  word[ids] + position[0..T) + type[type ids], LayerNorm(eps from span_config.json)
  per layer   post-LN: x + Attn(x) -> LN, then h + W2 gelu_erf(W1 h) -> LN; padding keys get probability 0
  span head   pre = W1 [H[start] ; H[end]] + b1, rep = W2 gelu_erf(pre) + b2, query = Wq H[query] + bq
  scores      sigmoid(rep . query - log w) for every (span, query) pair of a sequence, w the training's
              positive weight saved in student.json (the native predictor's p / (p + w (1 - p))); w = 1 if absent

Inputs (int64):  input_ids, attention_mask, token_type_ids [batch, tokens];
                 span_start, span_end [batch, spans] (token index of a span's first and last word piece);
                 query_positions [batch, queries] (token index whose state is the query vector).
Output (float):  span_scores [batch, spans, queries], probabilities (the sigmoid of the logits).
Padded spans and queries (any index, e.g. 0) give values the caller ignores.
"""
import json
import os
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17  # LayerNormalization and GatherND with batch_dims


def read_safetensors(path):
    """The float32 tensors of a safetensors file, by name (F16/BF16 are widened as the Swift loader does)."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        base = 8 + length
        tensors = {}
        for name, entry in header.items():
            if name == "__metadata__":
                continue
            start, end = entry["data_offsets"]
            f.seek(base + start)
            raw = f.read(end - start)
            dtype = entry["dtype"]
            if dtype == "F32":
                values = np.frombuffer(raw, dtype="<f4")
            elif dtype == "F16":
                values = np.frombuffer(raw, dtype="<f2").astype(np.float32)
            elif dtype == "BF16":
                values = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
            else:
                raise SystemExit(f"error: {path}: tensor '{name}' has dtype {dtype}; only F32, F16 and BF16 are supported")
            tensors[name] = values.reshape(entry["shape"]).astype(np.float32)
        return tensors


class Graph:
    """A small builder: named initializers and nodes, unique intermediate names."""

    def __init__(self, weights):
        self.weights = weights
        self.nodes = []
        self.initializers = []
        self.count = 0

    def name(self, hint):
        self.count += 1
        return f"{hint}_{self.count}"

    def const(self, array, hint):
        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def weight(self, key, transpose=False):
        value = self.weights[key]
        return self.const(np.ascontiguousarray(value.T if transpose else value), key.replace(".", "_"))

    def op(self, kind, inputs, hint=None, **attributes):
        out = self.name(hint or kind.lower())
        self.nodes.append(helper.make_node(kind, inputs, [out], **attributes))
        return out

    def linear(self, x, prefix):
        """x · Wᵀ + b for a Hugging Face Linear stored as [out, in]."""
        return self.op("Add", [self.op("MatMul", [x, self.weight(prefix + ".weight", transpose=True)]),
                               self.weight(prefix + ".bias")])

    def layer_norm(self, x, prefix, eps):
        return self.op("LayerNormalization", [x, self.weight(prefix + ".weight"), self.weight(prefix + ".bias")],
                       axis=-1, epsilon=eps)

    def gelu(self, x):
        """The exact (erf) GELU: x · ½ (1 + erf(x / √2))."""
        scaled = self.op("Mul", [x, self.const(np.float32(1 / np.sqrt(2)), "inv_sqrt2")])
        cdf = self.op("Mul", [self.op("Add", [self.op("Erf", [scaled]), self.const(np.float32(1), "one")]),
                              self.const(np.float32(0.5), "half")])
        return self.op("Mul", [x, cdf])


def positive_weight(folder):
    """The loss weight of gold pairs the model was trained with (student.json's positiveWeight; 1 when absent)."""
    path = os.path.join(folder, "student.json")
    if not os.path.exists(path):
        return 1.0
    with open(path) as f:
        return float(json.load(f).get("positiveWeight") or 1.0)


def build(folder):
    with open(os.path.join(folder, "span_config.json")) as f:
        config = json.load(f)
    enc = config["encoder"]
    if enc.get("hidden_act", "gelu") != "gelu":
        raise SystemExit(f"error: hidden_act {enc['hidden_act']} is not supported (gelu only)")
    C, NH, L = enc["hidden_size"], enc["num_attention_heads"], enc["num_hidden_layers"]
    eps = float(enc.get("layer_norm_eps", 1e-12))
    hs = C // NH
    weights = read_safetensors(os.path.join(folder, "model.safetensors"))
    g = Graph(weights)

    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"])
              for n in ("input_ids", "attention_mask", "token_type_ids")]
    inputs += [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "spans"]) for n in ("span_start", "span_end")]
    inputs.append(helper.make_tensor_value_info("query_positions", TensorProto.INT64, ["batch", "queries"]))

    # Embeddings: [B, T, C]
    length = g.op("Gather", [g.op("Shape", ["input_ids"]), g.const(np.int64(1), "axis1")])
    positions = g.op("Range", [g.const(np.int64(0), "zero"), length, g.const(np.int64(1), "step")])
    x = g.op("Add", [g.op("Gather", [g.weight("embeddings.word_embeddings.weight"), "input_ids"]),
                     g.op("Gather", [g.weight("embeddings.position_embeddings.weight"), positions])])
    x = g.op("Add", [x, g.op("Gather", [g.weight("embeddings.token_type_embeddings.weight"), "token_type_ids"])])
    x = g.layer_norm(x, "embeddings.LayerNorm", eps)

    # Key padding bias [B, 1, 1, T]: 0 for tokens, -1e9 for padding (exp underflows to exactly 0, as the native
    # masked softmax gives).
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = g.op("Mul", [g.op("Sub", [g.const(np.float32(1), "one"), mask]), g.const(np.float32(-1e9), "neg")])
    bias = g.op("Unsqueeze", [bias, g.const(np.array([1, 2], dtype=np.int64), "axes12")])
    heads_shape = g.const(np.array([0, 0, NH, hs], dtype=np.int64), "heads_shape")
    merged_shape = g.const(np.array([0, 0, C], dtype=np.int64), "merged_shape")
    scale = g.const(np.float32(1 / np.sqrt(hs)), "scale")

    def split_heads(t):  # [B, T, C] -> [B, NH, T, hs]
        return g.op("Transpose", [g.op("Reshape", [t, heads_shape])], perm=[0, 2, 1, 3])

    for layer in range(L):
        p = f"encoder.layer.{layer}."
        q = split_heads(g.linear(x, p + "attention.self.query"))
        k = split_heads(g.linear(x, p + "attention.self.key"))
        v = split_heads(g.linear(x, p + "attention.self.value"))
        scores = g.op("Mul", [g.op("MatMul", [q, g.op("Transpose", [k], perm=[0, 1, 3, 2])]), scale])
        probs = g.op("Softmax", [g.op("Add", [scores, bias])], axis=-1)
        ctx = g.op("Reshape", [g.op("Transpose", [g.op("MatMul", [probs, v])], perm=[0, 2, 1, 3]), merged_shape])
        h = g.layer_norm(g.op("Add", [x, g.linear(ctx, p + "attention.output.dense")]),
                         p + "attention.output.LayerNorm", eps)
        ffn = g.linear(g.gelu(g.linear(h, p + "intermediate.dense")), p + "output.dense")
        x = g.layer_norm(g.op("Add", [h, ffn]), p + "output.LayerNorm", eps)

    # Span head.
    last_axis = g.const(np.array([-1], dtype=np.int64), "axis_last")

    def gather_tokens(indices):  # H [B, T, C], indices [B, N] -> [B, N, C]
        return g.op("GatherND", [x, g.op("Unsqueeze", [indices, last_axis])], batch_dims=1)

    pair = g.op("Concat", [gather_tokens("span_start"), gather_tokens("span_end")], axis=-1)   # [B, S, 2C]
    pre = g.linear(pair, "span_rep.project")
    rep = g.linear(g.gelu(pre), "span_rep.out")                                                # [B, S, C]
    query = g.linear(gather_tokens("query_positions"), "query_proj")                           # [B, Q, C]
    logits = g.op("MatMul", [rep, g.op("Transpose", [query], perm=[0, 2, 1])])                 # [B, S, Q]
    weight = positive_weight(folder)
    if weight != 1:
        # The score the native predictor gives: the training's positive weight taken out of the probability.
        logits = g.op("Sub", [logits, g.const(np.float32(np.log(weight)), "log_positive_weight")])
    g.nodes.append(helper.make_node("Sigmoid", [logits], ["span_scores"]))
    outputs = [helper.make_tensor_value_info("span_scores", TensorProto.FLOAT, ["batch", "spans", "queries"])]

    graph = helper.make_graph(g.nodes, "uniner_span_encoder", inputs, outputs, g.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="uniner export")
    model.ir_version = 8  # readable by onnxruntime ≥ 1.10
    onnx.checker.check_model(model)
    return model


def write_tokenizer(folder, out):
    """The backbone's tokenizer.json without its padding and truncation, or one built from vocab.txt."""
    from tokenizers import BertWordPieceTokenizer, Tokenizer
    source = os.path.join(folder, "tokenizer.json")
    if os.path.exists(source):
        tokenizer = Tokenizer.from_file(source)
    else:
        lowercase = True
        config = os.path.join(folder, "tokenizer_config.json")
        if os.path.exists(config):
            with open(config) as f:
                lowercase = bool(json.load(f).get("do_lower_case", True))
        tokenizer = BertWordPieceTokenizer(os.path.join(folder, "vocab.txt"), lowercase=lowercase)
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tokenizer.save(os.path.join(out, "tokenizer.json"))


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: export_onnx.py MODEL_FOLDER OUT_FOLDER")
    folder, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    model = build(folder)
    partial = os.path.join(out, ".model.onnx.partial")
    onnx.save(model, partial)
    os.replace(partial, os.path.join(out, "model.onnx"))
    write_tokenizer(folder, out)


if __name__ == "__main__":
    main()
