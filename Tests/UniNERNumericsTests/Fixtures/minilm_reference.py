"""Writes minilm_reference.json: all-MiniLM-L6-v2 last hidden states computed by an independent NumPy
(float64) BERT forward, for the Swift encoder test. Usage: python3 minilm_reference.py <model folder>.
Inputs are fixed token ids ([CLS] ... [SEP], second sequence padded, with token types) so no tokenizer is needed."""
import json, math, struct, sys
import numpy as np

folder = sys.argv[1]
cfg = json.load(open(f"{folder}/config.json"))
with open(f"{folder}/model.safetensors", "rb") as f:
    n = struct.unpack("<Q", f.read(8))[0]
    header = json.loads(f.read(n))
    data = f.read()
def t(name):
    e = header[name]; a, b = e["data_offsets"]
    assert e["dtype"] == "F32"
    return np.frombuffer(data[a:b], dtype="<f4").reshape(e["shape"]).astype(np.float64)

ids = np.array([[101, 7592, 2088, 2003, 1037, 3231, 102, 0], [101, 2023, 2003, 102, 4937, 102, 0, 0]])
mask = (ids != 0).astype(np.int64)
types = np.array([[0] * 8, [0, 0, 0, 0, 1, 1, 0, 0]])
H, NH, eps = cfg["hidden_size"], cfg["num_attention_heads"], cfg["layer_norm_eps"]
hs = H // NH
erf = np.vectorize(math.erf)
def ln(x, p):
    m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * t(p + ".weight") + t(p + ".bias")
def lin(x, p):
    return x @ t(p + ".weight").T + t(p + ".bias")
B, T = ids.shape
x = t("embeddings.word_embeddings.weight")[ids] + t("embeddings.position_embeddings.weight")[np.arange(T)][None] \
    + t("embeddings.token_type_embeddings.weight")[types]
x = ln(x, "embeddings.LayerNorm")
for l in range(cfg["num_hidden_layers"]):
    p = f"encoder.layer.{l}."
    def heads(y): return y.reshape(B, T, NH, hs).transpose(0, 2, 1, 3)
    q, k, v = (heads(lin(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
    s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hs) + (1 - mask[:, None, None, :]) * -1e30
    s = np.exp(s - s.max(-1, keepdims=True)); s /= s.sum(-1, keepdims=True)
    ctx = (s @ v).transpose(0, 2, 1, 3).reshape(B, T, H)
    x = ln(x + lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
    h = lin(x, p + "intermediate.dense"); h = 0.5 * h * (1 + erf(h / math.sqrt(2)))
    x = ln(x + lin(h, p + "output.dense"), p + "output.LayerNorm")
json.dump({"input_ids": ids.flatten().tolist(), "attention_mask": mask.flatten().tolist(),
           "token_type_ids": types.flatten().tolist(), "batch": B, "length": T,
           "hidden": [round(float(v), 7) for v in x.flatten()]}, open("minilm_reference.json", "w"))
