import Foundation

/// A BERT encoder (post-LN), parameters named as in Hugging Face `BertModel`, forward and full backward.
///
/// The model holds parameters only; what a forward keeps for its backward lives in a `Cache` that the caller
/// owns, so forwards on different caches may run at once. A cache reused at a fixed batch shape allocates
/// nothing after its first forward and backward.
public final class BertModel {
    /// The configuration.
    public let config: BertConfig
    /// The store holding this encoder's parameters (possibly shared with a head).
    public let store: ParameterStore

    let wte: Parameter   // [V, C] word embeddings
    let wpe: Parameter   // [P, C] position embeddings
    let wtt: Parameter   // [types, C] token type embeddings
    let embLNw: Parameter, embLNb: Parameter   // [C]
    let layers: [EncoderLayer]

    /// What a forward keeps for its backward, and the backward's gradient buffers.
    public final class Cache {
        var ids: [Int32] = [], mask: [Int32] = [], types: [Int32] = []   // [B, T] each
        var positions: [Int32]?                                          // [B, T], nil: 0..<T
        /// The batch size and sequence length of the last forward.
        public internal(set) var batch = 0, length = 0
        /// Whether the last forward kept what backward reads.
        var keptForBackward = true
        let embSum = Tensor([0])        // [B, T, C] word + position + type
        let embLN = LayerNorm.Cache()
        let embOut = Tensor([0])        // [B, T, C] dropout(LN(embSum)), the first layer's input
        let embDrop = Dropout.Cache()
        var layers: [EncoderLayer.Cache] = []
        let grads = EncoderLayer.Gradients()
        var dOut = Tensor([0]), dIn = Tensor([0])   // [B, T, C] one layer's output and input gradients
        let dEmbLN = Tensor([0])        // [B, T, C] of LN(embSum), before dropout
        let dEmbSum = Tensor([0])       // [B, T, C]
        /// The output rows the last forward kept (`outputRows`), nil: all of them.
        public internal(set) var outputRows: [Int]?
        /// [B, T, C] the last hidden states of the last forward (overwritten by the next one); [R, C] when it
        /// kept R `outputRows`.
        public var hidden: Tensor { layers.last?.out ?? embOut }
        public init() {}
    }

    /// Registers the encoder's parameters in `store` (names prefixed by `prefix`); the caller allocates the store.
    public init(config: BertConfig, store: ParameterStore, prefix: String = "") throws {
        try config.validate()
        self.config = config
        self.store = store
        let C = config.hiddenSize
        wte = store.add(prefix + "embeddings.word_embeddings.weight", [config.vocabSize, C])
        wpe = store.add(prefix + "embeddings.position_embeddings.weight", [config.maxPositionEmbeddings, C])
        wtt = store.add(prefix + "embeddings.token_type_embeddings.weight", [config.typeVocabSize, C])
        embLNw = store.add(prefix + "embeddings.LayerNorm.weight", [C])
        embLNb = store.add(prefix + "embeddings.LayerNorm.bias", [C])
        layers = (0..<config.numHiddenLayers).map {
            EncoderLayer(config: config, store: store, prefix: prefix + "encoder.layer.\($0).")
        }
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
        let prefix = wte.name.replacingOccurrences(of: "embeddings.word_embeddings.weight", with: "")
        return [wte, wpe, wtt, embLNw, embLNb].map(\.name) + layers.indices.flatMap { l in
            EncoderLayer.parameterSuffixes.map { prefix + "encoder.layer.\(l)." + $0 }
        }
    }

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

    /// Forward for a batch of padded sequences; returns the last hidden states [B, T, C] (`cache.hidden`).
    ///
    /// - Parameters:
    ///   - inputIds: [B, T] token ids.
    ///   - attentionMask: [B, T] 1 for tokens, 0 for padding; values ≥ 2 mark private blocks (`Attention`).
    ///   - tokenTypeIds: [B, T] segment ids, or nil for zeros.
    ///   - positionIds: [B, T] position ids, or nil for 0..<T (blocks that share positions give them here).
    ///   - training: applies dropout (from `rng`) when true.
    ///   - keepForBackward: false for a forward no backward follows (inference), which skips what only backward
    ///     reads (gelu′); `backward` refuses such a cache.
    ///   - outputRows: with `keepForBackward` false, the flat rows (b·T + t) wanted from the last layer: it
    ///     computes those alone past its attention, and the result is [R, C] in this order (nil: every row).
    ///   - cache: receives what `backward` needs; the returned tensor belongs to it.
    /// - Throws: `NumericsError.invalidInput` when sizes or ids are out of range.
    @discardableResult
    public func forward(inputIds: [Int32], attentionMask: [Int32], tokenTypeIds: [Int32]? = nil,
                        positionIds: [Int32]? = nil, batch B: Int, length T: Int, training: Bool = false,
                        keepForBackward: Bool = true, outputRows: [Int]? = nil, rng: inout RandomGenerator,
                        cache: Cache) throws -> Tensor {
        let C = config.hiddenSize
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
        if let p = positionIds {
            guard p.count == N else { throw NumericsError.invalidInput("position ids must hold batch × length = \(N) values") }
            if let bad = p.first(where: { $0 < 0 || Int($0) >= config.maxPositionEmbeddings }) {
                throw NumericsError.invalidInput("position id \(bad) outside 0..<\(config.maxPositionEmbeddings) (max_position_embeddings)")
            }
        }
        if let rows = outputRows {
            guard !keepForBackward, !training else {
                throw NumericsError.invalidInput("output rows are for inference forwards (no training, no backward)")
            }
            if let bad = rows.first(where: { $0 < 0 || $0 >= N }) {
                throw NumericsError.invalidInput("output row \(bad) outside 0..<\(N) (batch × length)")
            }
        }
        if let bad = attentionMask.first(where: { $0 < 0 }) {
            throw NumericsError.invalidInput("attention mask value \(bad): 0 is padding, 1 the shared block, 2 and up private blocks")
        }
        let k = cache
        k.ids = inputIds; k.mask = attentionMask; k.types = tokenTypeIds ?? [Int32](repeating: 0, count: N)
        k.positions = positionIds
        k.batch = B; k.length = T
        k.keptForBackward = keepForBackward
        k.outputRows = outputRows
        while k.layers.count < layers.count { k.layers.append(EncoderLayer.Cache()) }
        let hp: Float = training ? config.hiddenDropoutProb : 0
        let ap: Float = training ? config.attentionProbsDropoutProb : 0
        let s = store
        k.embSum.resize([B, T, C]); k.embOut.resize([B, T, C])
        // embSum [N, C] = wte[ids] + wpe[t] + wtt[types]
        k.ids.withUnsafeBufferPointer { idp in
            k.types.withUnsafeBufferPointer { tp in
                withOptionalPointer(k.positions) { pp in
                    Embedding.forward(out: k.embSum.data, ids: idp.baseAddress!, types: tp.baseAddress!, positions: pp,
                                      wte: s.value(wte), wpe: s.value(wpe), wtt: s.value(wtt), b: B, t: T, c: C)
                }
            }
        }
        // embOut [N, C] = dropout(LN(embSum))
        LayerNorm.forward(out: k.embOut.data, cache: k.embLN, inp: k.embSum.data, weight: s.value(embLNw),
                          bias: s.value(embLNb), n: N, c: C, eps: config.layerNormEps)
        Dropout.forward(out: k.embOut.data, inp: k.embOut.data, count: N * C, p: hp, cache: k.embDrop, rng: &rng)
        k.mask.withUnsafeBufferPointer { mp in
            var input = k.embOut
            for (l, (layer, lc)) in zip(layers, k.layers).enumerated() {
                layer.forward(cache: lc, input: input, mask: mp.baseAddress!, b: B, t: T, hiddenP: hp, attentionP: ap,
                              keepDerivative: keepForBackward, rows: l == layers.count - 1 ? k.outputRows : nil, rng: &rng)
                input = lc.out
            }
        }
        return k.hidden
    }

    /// Inference forward (no dropout); returns a copy of the last hidden states [B, T, C], row-major.
    public func hiddenStates(inputIds: [Int32], attentionMask: [Int32], tokenTypeIds: [Int32]? = nil,
                             positionIds: [Int32]? = nil, batch: Int, length: Int) throws -> [Float] {
        var rng = RandomGenerator(seed: 0)
        return try forward(inputIds: inputIds, attentionMask: attentionMask, tokenTypeIds: tokenTypeIds,
                           positionIds: positionIds, batch: batch, length: length, training: false, rng: &rng, cache: Cache()).array
    }

    /// Backward of the forward that filled `cache`, from dHidden [B, T, C] (the loss's gradient with respect
    /// to those hidden states); accumulates into the store's gradients.
    public func backward(dHidden: UnsafePointer<Float>, cache k: Cache) {
        precondition(k.keptForBackward, "backward after an inference forward (keepForBackward: false)")
        let B = k.batch, T = k.length, C = config.hiddenSize, N = B * T
        let s = store
        k.dOut.resize([N, C]); k.dIn.resize([N, C]); k.dEmbLN.resize([N, C]); k.dEmbSum.resize([N, C])
        // dOut [N, C] = dHidden
        k.dOut.data.update(from: dHidden, count: N * C)
        k.mask.withUnsafeBufferPointer { mp in
            for (layer, lc) in zip(layers, k.layers).reversed() {
                // dIn [N, C] = layerᵀ(dOut [N, C]); it is the output gradient of the layer below
                layer.backward(cache: lc, dout: k.dOut, dinput: k.dIn, grads: k.grads, mask: mp.baseAddress!, b: B, t: T)
                swap(&k.dOut, &k.dIn)
            }
        }
        // dEmbLN [N, C] = dropoutᵀ(dOut [N, C])
        Dropout.backward(dinp: k.dEmbLN.data, dout: k.dOut.data, count: N * C, cache: k.embDrop, accumulate: false)
        // dEmbSum [N, C] = LNᵀ(dEmbLN); dLNw, dLNb [C] +=
        LayerNorm.backward(dinp: k.dEmbSum.data, dweight: s.grad(embLNw), dbias: s.grad(embLNb), dout: k.dEmbLN.data,
                           inp: k.embSum.data, weight: s.value(embLNw), cache: k.embLN, n: N, c: C, accumulate: false)
        // dwte [V, C], dwpe [P, C], dwtt [types, C] += dEmbSum rows gathered by id, position and type
        k.ids.withUnsafeBufferPointer { idp in
            k.types.withUnsafeBufferPointer { tp in
                withOptionalPointer(k.positions) { pp in
                    Embedding.backward(dwte: s.isFrozen(wte) ? nil : s.grad(wte), dwpe: s.grad(wpe), dwtt: s.grad(wtt), dout: k.dEmbSum.data,
                                       ids: idp.baseAddress!, types: tp.baseAddress!, positions: pp, b: B, t: T, c: C)
                }
            }
        }
    }


    /// Multiply-accumulate FLOPs of one forward at batch B × length T (2 per multiply-add, matmuls only).
    public func forwardFLOPs(batch B: Int, length T: Int) -> Double {
        let C = Double(config.hiddenSize), I = Double(config.intermediateSize), N = Double(B * T)
        let perLayer = 2 * N * (3 * C * C + C * C + 2 * C * I) + 2 * 2 * Double(B) * Double(T) * Double(T) * C
        return perLayer * Double(config.numHiddenLayers)
    }
}

/// Runs `body` with a pointer to `array`'s values, or nil without an array.
private func withOptionalPointer<R>(_ array: [Int32]?, _ body: (UnsafePointer<Int32>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
