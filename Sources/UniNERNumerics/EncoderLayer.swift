import Foundation

/// One post-LN BERT encoder layer, its forward and backward side by side (N = B·T rows):
///
///     qkv  = x · Wqkvᵀ + bqkv                  [N, 3C]
///     ctx  = attention(qkv, mask)              [N, C]
///     res1 = x + dropout(ctx · Woᵀ + bo)       [N, C]
///     h1   = LN1(res1)                         [N, C]
///     pre  = h1 · Wiᵀ + bi                     [N, I]
///     act  = gelu(pre)                         [N, I]
///     res2 = h1 + dropout(act · Wfᵀ + bf)      [N, C]
///     out  = LN2(res2)                         [N, C]
struct EncoderLayer {
    let qkvW: Parameter      // [3C, C] query.weight; key and value weights follow it in the store
    let qkvB: Parameter      // [3C] query.bias; key and value biases follow it in the store
    let attnOutW: Parameter  // [C, C] Wo
    let attnOutB: Parameter  // [C]
    let ln1w: Parameter, ln1b: Parameter  // [C]
    let interW: Parameter    // [I, C] Wi
    let interB: Parameter    // [I]
    let outW: Parameter      // [C, I] Wf
    let outB: Parameter      // [C]
    let ln2w: Parameter, ln2b: Parameter  // [C]
    let store: ParameterStore
    let hidden: Int, intermediate: Int, heads: Int, eps: Float

    /// Registers the layer's parameters under `prefix` (e.g. `encoder.layer.3.`), in Hugging Face order.
    init(config: BertConfig, store: ParameterStore, prefix p: String) {
        let C = config.hiddenSize, I = config.intermediateSize
        qkvW = store.add(p + "attention.self.query.weight", [C, C])
        store.add(p + "attention.self.key.weight", [C, C])
        store.add(p + "attention.self.value.weight", [C, C])
        qkvB = store.add(p + "attention.self.query.bias", [C])
        store.add(p + "attention.self.key.bias", [C])
        store.add(p + "attention.self.value.bias", [C])
        attnOutW = store.add(p + "attention.output.dense.weight", [C, C])
        attnOutB = store.add(p + "attention.output.dense.bias", [C])
        ln1w = store.add(p + "attention.output.LayerNorm.weight", [C])
        ln1b = store.add(p + "attention.output.LayerNorm.bias", [C])
        interW = store.add(p + "intermediate.dense.weight", [I, C])
        interB = store.add(p + "intermediate.dense.bias", [I])
        outW = store.add(p + "output.dense.weight", [C, I])
        outB = store.add(p + "output.dense.bias", [C])
        ln2w = store.add(p + "output.LayerNorm.weight", [C])
        ln2b = store.add(p + "output.LayerNorm.bias", [C])
        self.store = store
        hidden = C; intermediate = I; heads = config.numAttentionHeads; eps = config.layerNormEps
    }

    /// The suffixes of the layer's parameter names, in registration order.
    static let parameterSuffixes = [
        "attention.self.query.weight", "attention.self.key.weight", "attention.self.value.weight",
        "attention.self.query.bias", "attention.self.key.bias", "attention.self.value.bias",
        "attention.output.dense.weight", "attention.output.dense.bias",
        "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense.weight", "intermediate.dense.bias", "output.dense.weight",
        "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias"]

    /// What forward keeps for backward.
    final class Cache {
        var input = Tensor([0])             // [N, C] x, the previous layer's output itself (not a copy)
        let qkv = Tensor([0])               // [N, 3C]
        let attn = Attention.Cache()
        let ctx = Tensor([0])               // [N, C]
        let res1 = Tensor([0])              // [N, C]
        let attnDrop = Dropout.Cache()
        let ln1 = LayerNorm.Cache()
        let h1 = Tensor([0])                // [N, C]
        let preThenDerivative = Tensor([0]) // [N, I] pre during forward, gelu′(pre) after it
        let act = Tensor([0])               // [N, I]
        let res2 = Tensor([0])              // [N, C]
        let ffnDrop = Dropout.Cache()
        let ln2 = LayerNorm.Cache()
        let out = Tensor([0])               // [N, C], or [R, C] after a forward that kept R rows
        let gathered = Tensor([0])          // [R, C] ctx at the kept rows
    }

    /// The gradients of the activations, each named after what it is the gradient of. Backward runs one
    /// layer at a time, so every layer of a model uses the same `Gradients`.
    final class Gradients {
        let dRes2 = Tensor([0])             // [N, C]
        let dFfnOut = Tensor([0])           // [N, C] of act · Wfᵀ + bf (before dropout)
        let dAct = Tensor([0])              // [N, I]
        let dPre = Tensor([0])              // [N, I]
        let dH1 = Tensor([0])               // [N, C]
        let dRes1 = Tensor([0])             // [N, C]
        let dAttnOut = Tensor([0])          // [N, C] of ctx · Woᵀ + bo (before dropout)
        let dCtx = Tensor([0])              // [N, C]
        let dQKV = Tensor([0])              // [N, 3C]
    }

    /// Forward of `input` [B, T, C] into `cache.out` [B, T, C]; `hiddenP` and `attentionP` are the dropout
    /// probabilities (0 at inference), drawn from `rng` in a fixed order
    /// (attention probabilities, attention output, FFN output).
    ///
    /// With `rows` (inference only: no dropout, no backward) every row is still a key and a value of the
    /// attention, but past it only the kept rows go on: `cache.out` is [R, C], row r the full forward's row
    /// `rows[r]` (the output projection, residuals, LayerNorms and feed-forward block read their own row alone).
    func forward(cache a: Cache, input: Tensor, mask: UnsafePointer<Int32>, b B: Int, t T: Int,
                 hiddenP: Float, attentionP: Float, keepDerivative: Bool = true, rows: [Int]? = nil,
                 rng: inout RandomGenerator) {
        let C = hidden, I = intermediate, N = B * T, M = rows?.count ?? N, s = store
        let kept = rows.map { [$0.count] } ?? [B, T]   // the leading shape past the attention
        a.input = input
        a.qkv.resize([B, T, 3 * C]); a.ctx.resize([B, T, C]); a.res1.resize(kept + [C]); a.h1.resize(kept + [C])
        a.preThenDerivative.resize(kept + [I]); a.act.resize(kept + [I]); a.res2.resize(kept + [C]); a.out.resize(kept + [C])
        // qkv [N, 3C] = x [N, C] · Wqkvᵀ [C, 3C] + bqkv [3C]
        Linear.forward(out: a.qkv.data, inp: input.data, weight: s.value(qkvW), bias: s.value(qkvB), n: N, c: C, oc: 3 * C)
        // ctx [N, C] = concatₕ softmax(Qₕ Kₕᵀ / √d + mask) Vₕ
        Attention.forward(out: a.ctx.data, cache: a.attn, qkv: a.qkv.data, mask: mask, b: B, t: T, c: C,
                          heads: heads, dropoutP: attentionP, rng: &rng)
        // rows: gathered [M, C] = ctx[rows], and from here on M rows
        var attended = a.ctx
        if let rows {
            a.gathered.resize([M, C])
            for (r, row) in rows.enumerated() { (a.gathered.data + r * C).update(from: a.ctx.data + row * C, count: C) }
            attended = a.gathered
        }
        // res1 [M, C] = x + dropout(ctx · Woᵀ + bo)
        Linear.forward(out: a.res1.data, inp: attended.data, weight: s.value(attnOutW), bias: s.value(attnOutB), n: M, c: C, oc: C)
        Dropout.forward(out: a.res1.data, inp: a.res1.data, adding: rows == nil ? UnsafePointer(input.data) : nil,
                        count: M * C, p: hiddenP, cache: a.attnDrop, rng: &rng)
        if let rows {
            for (r, row) in rows.enumerated() {
                let y = a.res1.data + r * C, x = input.data + row * C
                for j in 0..<C { y[j] += x[j] }
            }
        }
        // h1 [M, C] = LN1(res1)
        LayerNorm.forward(out: a.h1.data, cache: a.ln1, inp: a.res1.data, weight: s.value(ln1w), bias: s.value(ln1b),
                          n: M, c: C, eps: eps)
        // pre [M, I] = h1 · Wiᵀ + bi; act [M, I] = gelu(pre), pre replaced by gelu′(pre)
        Linear.forward(out: a.preThenDerivative.data, inp: a.h1.data, weight: s.value(interW), bias: s.value(interB),
                       n: M, c: C, oc: I)
        GELU.forward(out: a.act.data, inputThenDerivative: a.preThenDerivative.data, count: M * I, keepDerivative: keepDerivative)
        // res2 [M, C] = h1 + dropout(act · Wfᵀ + bf)
        Linear.forward(out: a.res2.data, inp: a.act.data, weight: s.value(outW), bias: s.value(outB), n: M, c: I, oc: C)
        Dropout.forward(out: a.res2.data, inp: a.res2.data, adding: a.h1.data, count: M * C, p: hiddenP,
                        cache: a.ffnDrop, rng: &rng)
        // out [M, C] = LN2(res2)
        LayerNorm.forward(out: a.out.data, cache: a.ln2, inp: a.res2.data, weight: s.value(ln2w), bias: s.value(ln2b),
                          n: M, c: C, eps: eps)
    }

    /// Backward of the `forward` that filled `cache`: from dout [B, T, C] writes dinput [B, T, C] (overwritten,
    /// not accumulated) and accumulates the layer's parameter gradients into the store.
    func backward(cache a: Cache, dout: Tensor, dinput: Tensor, grads g: Gradients, mask: UnsafePointer<Int32>,
                  b B: Int, t T: Int) {
        let C = hidden, I = intermediate, N = B * T, s = store
        for t in [g.dRes2, g.dFfnOut, g.dH1, g.dRes1, g.dAttnOut, g.dCtx] { t.resize([N, C]) }
        g.dQKV.resize([N, 3 * C]); g.dAct.resize([N, I]); g.dPre.resize([N, I]); dinput.resize([N, C])
        // dRes2 [N, C] = LN2ᵀ(dout [N, C]); dLn2w, dLn2b [C] +=
        LayerNorm.backward(dinp: g.dRes2.data, dweight: s.grad(ln2w), dbias: s.grad(ln2b), dout: dout.data,
                           inp: a.res2.data, weight: s.value(ln2w), cache: a.ln2, n: N, c: C, accumulate: false)
        // dFfnOut [N, C] = dropoutᵀ(dRes2)
        Dropout.backward(dinp: g.dFfnOut.data, dout: g.dRes2.data, count: N * C, cache: a.ffnDrop, accumulate: false)
        // dAct [N, I] = dFfnOut [N, C] · Wf [C, I]; dWf [C, I] += dFfnOutᵀ · act; dbf [C] += Σₙ dFfnOut
        g.dAct.zero()
        Linear.backward(dinp: g.dAct.data, dweight: s.grad(outW), dbias: s.grad(outB), dout: g.dFfnOut.data,
                        inp: a.act.data, weight: s.value(outW), n: N, c: I, oc: C)
        // dPre [N, I] = dAct ⊙ gelu′(pre)
        GELU.backward(dinp: g.dPre.data, dout: g.dAct.data, derivative: a.preThenDerivative.data, count: N * I,
                      accumulate: false)
        // dH1 [N, C] = dRes2 (residual) + dPre [N, I] · Wi [I, C]; dWi [I, C] += dPreᵀ · h1; dbi [I] += Σₙ dPre
        g.dH1.data.update(from: g.dRes2.data, count: N * C)
        Linear.backward(dinp: g.dH1.data, dweight: s.grad(interW), dbias: s.grad(interB), dout: g.dPre.data,
                        inp: a.h1.data, weight: s.value(interW), n: N, c: C, oc: I)
        // dRes1 [N, C] = LN1ᵀ(dH1); dLn1w, dLn1b [C] +=
        LayerNorm.backward(dinp: g.dRes1.data, dweight: s.grad(ln1w), dbias: s.grad(ln1b), dout: g.dH1.data,
                           inp: a.res1.data, weight: s.value(ln1w), cache: a.ln1, n: N, c: C, accumulate: false)
        // dAttnOut [N, C] = dropoutᵀ(dRes1)
        Dropout.backward(dinp: g.dAttnOut.data, dout: g.dRes1.data, count: N * C, cache: a.attnDrop, accumulate: false)
        // dCtx [N, C] = dAttnOut · Wo [C, C]; dWo [C, C] += dAttnOutᵀ · ctx; dbo [C] += Σₙ dAttnOut
        g.dCtx.zero()
        Linear.backward(dinp: g.dCtx.data, dweight: s.grad(attnOutW), dbias: s.grad(attnOutB), dout: g.dAttnOut.data,
                        inp: a.ctx.data, weight: s.value(attnOutW), n: N, c: C, oc: C)
        // dQKV [N, 3C] = attentionᵀ(dCtx [N, C])
        g.dQKV.zero()
        Attention.backward(dqkv: g.dQKV.data, dout: g.dCtx.data, qkv: a.qkv.data, mask: mask, cache: a.attn,
                           b: B, t: T, c: C, heads: heads)
        // dinput [N, C] = dRes1 (residual) + dQKV [N, 3C] · Wqkv [3C, C]; dWqkv [3C, C] += dQKVᵀ · x; dbqkv [3C] +=
        dinput.data.update(from: g.dRes1.data, count: N * C)
        Linear.backward(dinp: dinput.data, dweight: s.grad(qkvW), dbias: s.grad(qkvB), dout: g.dQKV.data,
                        inp: a.input.data, weight: s.value(qkvW), n: N, c: C, oc: 3 * C)
    }
}
