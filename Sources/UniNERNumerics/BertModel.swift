import Foundation

/// A BERT encoder (post-LN), parameters named as in Hugging Face `BertModel`, forward and full backward.
///
/// Activations are kept in reusable buffers owned by the model: a forward/backward pair at a fixed batch shape
/// allocates nothing after the first call. Not thread-safe.
public final class BertModel {
    /// The configuration.
    public let config: BertConfig
    /// The store holding this encoder's parameters (possibly shared with a head).
    public let store: ParameterStore

    // Parameters.
    let wte: Parameter, wpe: Parameter, wtt: Parameter, embLNw: Parameter, embLNb: Parameter
    struct LayerParams {
        let qkvW: Parameter   // query.weight; key and value weights follow contiguously: fused [3C, C]
        let qkvB: Parameter   // query.bias; key and value biases follow contiguously: fused [3C]
        let attnOutW: Parameter, attnOutB: Parameter, ln1w: Parameter, ln1b: Parameter
        let interW: Parameter, interB: Parameter, outW: Parameter, outB: Parameter, ln2w: Parameter, ln2b: Parameter
    }
    let layers: [LayerParams]

    // Activations, kept from forward for backward.
    final class LayerActs {
        let input: Tensor                  // [B, T, C] (not owned: previous layer's output)
        let qkv = Tensor([0])              // [B, T, 3C]
        let attn = Attention.Cache()
        let ctx = Tensor([0])              // [B, T, C]
        let res1 = Tensor([0])             // [B, T, C] input + dropout(ctx Woᵀ + bo)
        let attnDrop = Dropout.Cache()
        let ln1 = LayerNorm.Cache()
        let h1 = Tensor([0])               // [B, T, C]
        let ffnPre = Tensor([0])           // [B, T, I] pre-activations, replaced by gelu′ of them in forward
        let ffnAct = Tensor([0])           // [B, T, I]
        let res2 = Tensor([0])             // [B, T, C] h1 + dropout(ffnAct Wᵀ + b)
        let ffnDrop = Dropout.Cache()
        let ln2 = LayerNorm.Cache()
        let out = Tensor([0])              // [B, T, C]
        init(input: Tensor) { self.input = input }
    }
    let embSum = Tensor([0])               // [B, T, C] word + position + type
    let embLN = LayerNorm.Cache()
    let embOut = Tensor([0])               // [B, T, C] dropout(LN(embSum))
    let embDrop = Dropout.Cache()
    let acts: [LayerActs]
    // Gradient scratch buffers, reused by every layer.
    let gOut = Tensor([0]), gRes = Tensor([0]), gTmp = Tensor([0]), gQKV = Tensor([0]), gI1 = Tensor([0]), gI2 = Tensor([0])
    // Inputs of the last forward.
    private(set) var ids: [Int32] = [], mask: [Int32] = [], types: [Int32] = []
    /// The batch size and sequence length of the last forward.
    public private(set) var batch = 0, length = 0

    /// Registers the encoder's parameters in `store` (names prefixed by `prefix`); the caller allocates the store.
    public init(config: BertConfig, store: ParameterStore, prefix: String = "") throws {
        try config.validate()
        self.config = config
        self.store = store
        let C = config.hiddenSize, I = config.intermediateSize
        wte = store.add(prefix + "embeddings.word_embeddings.weight", [config.vocabSize, C])
        wpe = store.add(prefix + "embeddings.position_embeddings.weight", [config.maxPositionEmbeddings, C])
        wtt = store.add(prefix + "embeddings.token_type_embeddings.weight", [config.typeVocabSize, C])
        embLNw = store.add(prefix + "embeddings.LayerNorm.weight", [C])
        embLNb = store.add(prefix + "embeddings.LayerNorm.bias", [C])
        var layers: [LayerParams] = []
        for l in 0..<config.numHiddenLayers {
            let p = prefix + "encoder.layer.\(l)."
            let qw = store.add(p + "attention.self.query.weight", [C, C])
            store.add(p + "attention.self.key.weight", [C, C])
            store.add(p + "attention.self.value.weight", [C, C])
            let qb = store.add(p + "attention.self.query.bias", [C])
            store.add(p + "attention.self.key.bias", [C])
            store.add(p + "attention.self.value.bias", [C])
            layers.append(LayerParams(
                qkvW: qw, qkvB: qb,
                attnOutW: store.add(p + "attention.output.dense.weight", [C, C]),
                attnOutB: store.add(p + "attention.output.dense.bias", [C]),
                ln1w: store.add(p + "attention.output.LayerNorm.weight", [C]),
                ln1b: store.add(p + "attention.output.LayerNorm.bias", [C]),
                interW: store.add(p + "intermediate.dense.weight", [I, C]),
                interB: store.add(p + "intermediate.dense.bias", [I]),
                outW: store.add(p + "output.dense.weight", [C, I]),
                outB: store.add(p + "output.dense.bias", [C]),
                ln2w: store.add(p + "output.LayerNorm.weight", [C]),
                ln2b: store.add(p + "output.LayerNorm.bias", [C])))
        }
        self.layers = layers
        var acts: [LayerActs] = []
        var input = embOut
        for _ in 0..<config.numHiddenLayers {
            let a = LayerActs(input: input)
            acts.append(a)
            input = a.out
        }
        self.acts = acts
    }

    /// A BERT encoder with its own store, randomly initialised (normal(0, initializer_range), LayerNorm 1/0).
    public convenience init(config: BertConfig, seed: UInt64) throws {
        let store = ParameterStore()
        try self.init(config: config, store: store)
        store.allocate()
        var rng = RandomGenerator(seed: seed)
        store.initializeBERTStyle(std: config.initializerRange, rng: &rng)
    }

    /// Loads a Hugging Face model folder (config.json + model.safetensors).
    /// - Throws: `NumericsError` naming the file or tensor at fault.
    public static func load(folder: URL) throws -> BertModel {
        let (config, file) = try BertConfig.loadChecked(folder: folder)
        let store = ParameterStore()
        let model = try BertModel(config: config, store: store)
        store.allocate()
        try model.loadWeights(from: file)
        return model
    }

    /// The names of this encoder's parameters, as registered.
    var parameterNames: [String] {
        var names = [wte, wpe, wtt, embLNw, embLNb].map(\.name)
        for (l, _) in layers.enumerated() {
            let p = wte.name.replacingOccurrences(of: "embeddings.word_embeddings.weight", with: "") + "encoder.layer.\(l)."
            names += ["attention.self.query.weight", "attention.self.key.weight", "attention.self.value.weight",
                      "attention.self.query.bias", "attention.self.key.bias", "attention.self.value.bias",
                      "attention.output.dense.weight", "attention.output.dense.bias",
                      "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
                      "intermediate.dense.weight", "intermediate.dense.bias", "output.dense.weight",
                      "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias"].map { p + $0 }
        }
        return names
    }

    /// Copies this encoder's weights from a safetensors file, finding each tensor by its Hugging Face name with
    /// or without a `bert.` prefix, and LayerNorm scales also under the old `gamma`/`beta` names.
    public func loadWeights(from file: SafeTensors) throws {
        let ownPrefix = wte.name.replacingOccurrences(of: "embeddings.word_embeddings.weight", with: "")
        for name in parameterNames {
            guard let p = store.parameter(name) else { continue }
            let bare = String(name.dropFirst(ownPrefix.count))
            var candidates = [bare, "bert." + bare]
            if bare.hasSuffix("LayerNorm.weight") {
                let g = bare.replacingOccurrences(of: "LayerNorm.weight", with: "LayerNorm.gamma")
                candidates += [g, "bert." + g]
            } else if bare.hasSuffix("LayerNorm.bias") {
                let g = bare.replacingOccurrences(of: "LayerNorm.bias", with: "LayerNorm.beta")
                candidates += [g, "bert." + g]
            }
            guard let found = candidates.first(where: { file.entries[$0] != nil }), let e = file.entries[found] else {
                throw NumericsError.missingTensor(file: file.path, name: bare)
            }
            guard e.shape == p.shape else { throw NumericsError.shapeMismatch(name: found, expected: p.shape, found: e.shape) }
            try file.copyFloats(found, into: store.value(p))
        }
    }

    /// Forward for a batch of padded sequences; returns the last hidden states [B, T, C].
    ///
    /// The returned tensor belongs to the model and is overwritten by the next forward.
    /// - Parameters:
    ///   - inputIds: [B, T] token ids.
    ///   - attentionMask: [B, T] 1 for tokens, 0 for padding.
    ///   - tokenTypeIds: [B, T] segment ids, or nil for zeros.
    ///   - training: applies dropout (from `rng`) when true.
    /// - Throws: `NumericsError.invalidInput` when sizes or ids are out of range.
    @discardableResult
    public func forward(inputIds: [Int32], attentionMask: [Int32], tokenTypeIds: [Int32]? = nil,
                        batch B: Int, length T: Int, training: Bool = false,
                        rng: inout RandomGenerator) throws -> Tensor {
        let C = config.hiddenSize, I = config.intermediateSize, NH = config.numAttentionHeads
        let N = B * T
        guard B > 0, T > 0, inputIds.count == N, attentionMask.count == N, tokenTypeIds.map({ $0.count == N }) ?? true else {
            throw NumericsError.invalidInput("input ids, attention mask and token type ids must each hold batch × length = \(N) values")
        }
        guard T <= config.maxPositionEmbeddings else {
            throw NumericsError.invalidInput("length \(T) exceeds max_position_embeddings \(config.maxPositionEmbeddings)")
        }
        if let bad = inputIds.first(where: { $0 < 0 || Int($0) >= config.vocabSize }) {
            throw NumericsError.invalidInput("token id \(bad) outside the vocabulary of \(config.vocabSize)")
        }
        if let t = tokenTypeIds, let bad = t.first(where: { $0 < 0 || Int($0) >= config.typeVocabSize }) {
            throw NumericsError.invalidInput("token type id \(bad) outside 0..<\(config.typeVocabSize)")
        }
        ids = inputIds; mask = attentionMask; types = tokenTypeIds ?? [Int32](repeating: 0, count: N)
        batch = B; length = T
        let hp: Float = training ? config.hiddenDropoutProb : 0
        let ap: Float = training ? config.attentionProbsDropoutProb : 0
        let s = store
        embSum.resize([B, T, C]); embOut.resize([B, T, C])
        ids.withUnsafeBufferPointer { idp in
            types.withUnsafeBufferPointer { tp in
                Embedding.forward(out: embSum.data, ids: idp.baseAddress!, types: tp.baseAddress!,
                                  wte: s.value(wte), wpe: s.value(wpe), wtt: s.value(wtt), b: B, t: T, c: C)
            }
        }
        LayerNorm.forward(out: embOut.data, cache: embLN, inp: embSum.data, weight: s.value(embLNw), bias: s.value(embLNb),
                          n: N, c: C, eps: config.layerNormEps)
        Dropout.forward(out: embOut.data, inp: embOut.data, count: N * C, p: hp, cache: embDrop, rng: &rng)
        for (l, p) in layers.enumerated() {
            let a = acts[l]
            a.qkv.resize([B, T, 3 * C]); a.ctx.resize([B, T, C]); a.res1.resize([B, T, C]); a.h1.resize([B, T, C])
            a.ffnPre.resize([B, T, I]); a.ffnAct.resize([B, T, I]); a.res2.resize([B, T, C]); a.out.resize([B, T, C])
            // qkv [N, 3C] = x [N, C] · Wqkvᵀ + bqkv
            Linear.forward(out: a.qkv.data, inp: a.input.data, weight: s.value(p.qkvW), bias: s.value(p.qkvB), n: N, c: C, oc: 3 * C)
            mask.withUnsafeBufferPointer { mp in
                Attention.forward(out: a.ctx.data, cache: a.attn, qkv: a.qkv.data, mask: mp.baseAddress!, b: B, t: T, c: C,
                                  heads: NH, dropoutP: ap, rng: &rng)
            }
            // res1 = x + dropout(ctx Woᵀ + bo)
            Linear.forward(out: a.res1.data, inp: a.ctx.data, weight: s.value(p.attnOutW), bias: s.value(p.attnOutB), n: N, c: C, oc: C)
            Dropout.forward(out: a.res1.data, inp: a.res1.data, count: N * C, p: hp, cache: a.attnDrop, rng: &rng)
            Self.addInPlace(a.res1.data, a.input.data, N * C)
            LayerNorm.forward(out: a.h1.data, cache: a.ln1, inp: a.res1.data, weight: s.value(p.ln1w), bias: s.value(p.ln1b),
                              n: N, c: C, eps: config.layerNormEps)
            // FFN: [N, C] -> [N, I] -> gelu -> [N, C]
            Linear.forward(out: a.ffnPre.data, inp: a.h1.data, weight: s.value(p.interW), bias: s.value(p.interB), n: N, c: C, oc: I)
            GELU.forward(out: a.ffnAct.data, inputThenDerivative: a.ffnPre.data, count: N * I)
            Linear.forward(out: a.res2.data, inp: a.ffnAct.data, weight: s.value(p.outW), bias: s.value(p.outB), n: N, c: I, oc: C)
            Dropout.forward(out: a.res2.data, inp: a.res2.data, count: N * C, p: hp, cache: a.ffnDrop, rng: &rng)
            Self.addInPlace(a.res2.data, a.h1.data, N * C)
            LayerNorm.forward(out: a.out.data, cache: a.ln2, inp: a.res2.data, weight: s.value(p.ln2w), bias: s.value(p.ln2b),
                              n: N, c: C, eps: config.layerNormEps)
        }
        return acts.last!.out
    }

    /// Inference forward (no dropout); returns a copy of the last hidden states [B, T, C], row-major.
    public func hiddenStates(inputIds: [Int32], attentionMask: [Int32], tokenTypeIds: [Int32]? = nil,
                             batch: Int, length: Int) throws -> [Float] {
        var rng = RandomGenerator(seed: 0)
        return try forward(inputIds: inputIds, attentionMask: attentionMask, tokenTypeIds: tokenTypeIds,
                           batch: batch, length: length, training: false, rng: &rng).array
    }

    /// Backward from dHidden [B, T, C] (gradient of the loss with respect to the last forward's output);
    /// accumulates into the store's gradients.
    public func backward(dHidden: UnsafePointer<Float>) {
        let B = batch, T = length, C = config.hiddenSize, I = config.intermediateSize, NH = config.numAttentionHeads
        let N = B * T
        let s = store
        for t in [gOut, gRes, gTmp] { t.resize([N, C]) }
        gQKV.resize([N, 3 * C]); gI1.resize([N, I]); gI2.resize([N, I])
        gOut.data.update(from: dHidden, count: N * C)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let p = layers[l], a = acts[l]
            // out = LN2(res2)
            gRes.zero()
            LayerNorm.backward(dinp: gRes.data, dweight: s.grad(p.ln2w), dbias: s.grad(p.ln2b), dout: gOut.data,
                               inp: a.res2.data, weight: s.value(p.ln2w), cache: a.ln2, n: N, c: C)
            // res2 = h1 + dropout(ffnAct Wᵀ + b): gRes is d h1 so far; gTmp the FFN output's gradient
            gTmp.zero()
            Dropout.backward(dinp: gTmp.data, dout: gRes.data, count: N * C, cache: a.ffnDrop)
            gI1.zero()
            Linear.backward(dinp: gI1.data, dweight: s.grad(p.outW), dbias: s.grad(p.outB), dout: gTmp.data,
                            inp: a.ffnAct.data, weight: s.value(p.outW), n: N, c: I, oc: C)
            gI2.zero()
            GELU.backward(dinp: gI2.data, dout: gI1.data, derivative: a.ffnPre.data, count: N * I)
            Linear.backward(dinp: gRes.data, dweight: s.grad(p.interW), dbias: s.grad(p.interB), dout: gI2.data,
                            inp: a.h1.data, weight: s.value(p.interW), n: N, c: C, oc: I)
            // h1 = LN1(res1)
            gOut.zero()
            LayerNorm.backward(dinp: gOut.data, dweight: s.grad(p.ln1w), dbias: s.grad(p.ln1b), dout: gRes.data,
                               inp: a.res1.data, weight: s.value(p.ln1w), cache: a.ln1, n: N, c: C)
            // res1 = x + dropout(ctx Woᵀ + bo): gOut is d x so far
            gTmp.zero()
            Dropout.backward(dinp: gTmp.data, dout: gOut.data, count: N * C, cache: a.attnDrop)
            gRes.zero()
            Linear.backward(dinp: gRes.data, dweight: s.grad(p.attnOutW), dbias: s.grad(p.attnOutB), dout: gTmp.data,
                            inp: a.ctx.data, weight: s.value(p.attnOutW), n: N, c: C, oc: C)
            gQKV.zero()
            mask.withUnsafeBufferPointer { mp in
                Attention.backward(dqkv: gQKV.data, dout: gRes.data, qkv: a.qkv.data, mask: mp.baseAddress!, cache: a.attn,
                                   b: B, t: T, c: C, heads: NH)
            }
            Linear.backward(dinp: gOut.data, dweight: s.grad(p.qkvW), dbias: s.grad(p.qkvB), dout: gQKV.data,
                            inp: a.input.data, weight: s.value(p.qkvW), n: N, c: C, oc: 3 * C)
        }
        // embOut = dropout(LN(embSum))
        gTmp.zero()
        Dropout.backward(dinp: gTmp.data, dout: gOut.data, count: N * C, cache: embDrop)
        gRes.zero()
        LayerNorm.backward(dinp: gRes.data, dweight: s.grad(embLNw), dbias: s.grad(embLNb), dout: gTmp.data,
                           inp: embSum.data, weight: s.value(embLNw), cache: embLN, n: N, c: C)
        ids.withUnsafeBufferPointer { idp in
            types.withUnsafeBufferPointer { tp in
                Embedding.backward(dwte: s.grad(wte), dwpe: s.grad(wpe), dwtt: s.grad(wtt), dout: gRes.data,
                                   ids: idp.baseAddress!, types: tp.baseAddress!, b: B, t: T, c: C)
            }
        }
    }

    @inline(__always)
    static func addInPlace(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int) {
        Parallel.chunks(n) { _, r in for i in r { y[i] += x[i] } }
    }

    /// Multiply-accumulate FLOPs of one forward at batch B × length T (2 per multiply-add, matmuls only).
    public func forwardFLOPs(batch B: Int, length T: Int) -> Double {
        let C = Double(config.hiddenSize), I = Double(config.intermediateSize), N = Double(B * T)
        let perLayer = 2 * N * (3 * C * C + C * C + 2 * C * I) + 2 * 2 * Double(B) * Double(T) * Double(T) * C
        return perLayer * Double(config.numHiddenLayers)
    }
}
