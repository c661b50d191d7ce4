import Foundation
import UniNERFiles

/// A GLiNER-style span model: encoder states → span vectors (start ⊕ end → Linear → GELU → Linear) and
/// query vectors (state at a query position → Linear, or → Linear → GELU → Linear with `queryHiddenSize`);
/// logit = span · query; sigmoid BCE over all pairs.
///
/// Spans are enumerated per sequence (every start word, widths 1…K within the sequence's words), so no padded or
/// invalid span is ever scored and none needs masking; a query with no gold span contributes only negatives.
/// Per-type template: one query per sequence (e.g. its [CLS]); all-in-one: one marker position per type. A query may
/// also be the mean of consecutive states (`SpanBatch.queryWidths`: e.g. the label's own word pieces).
///
/// The model holds parameters only; each forward fills a `Cache` that its backward reads.
public final class SpanModel {
    /// The encoder's configuration, the widest span K and the loss settings.
    public let config: SpanModelConfig
    /// All parameters: the encoder's (Hugging Face names) and the head's (`span_rep.*`, `query_proj.*`).
    public let store: ParameterStore
    /// The encoder, H [B, T, C] = encoder(tokens), registered in `store`.
    public let encoder: BertModel
    let w1: Parameter, b1: Parameter   // [C, 2C], [C] span_rep.project
    let w2: Parameter, b2: Parameter   // [C, C], [C] span_rep.out
    let wq: Parameter, bq: Parameter   // [C, C] (or [C, Hq] after a hidden layer), [C] query_proj
    let wh: Parameter?, bh: Parameter? // [Hq, C], [Hq] query_hidden, with `queryHiddenSize` Hq > 0
    /// The BiLSTM the span side reads through, with `spanLSTM` (GLiNER's `rnn`).
    let lstm: BiLSTM?
    /// The names of the head's parameters.
    public static let headPrefixes = ["span_rep.", "query_proj.", "query_hidden.", BiLSTM.prefix]

    /// What a forward keeps for its backward (the encoder's cache, the span and query enumeration, the head's
    /// activations) and the backward's gradient buffers. S spans, Q queries, P = Σ_b S_b·Q_b pairs, N = B·T.
    public final class Cache {
        /// The encoder's part.
        public let encoder = BertModel.Cache()
        /// The loss of the forward, reduced as `SpanModelConfig.lossReduction` says (0 when there is no pair).
        public internal(set) var loss = 0.0
        /// Gold spans of the forward that could not be scored (longer than K words).
        public internal(set) var unreachablePositives = 0
        // Token rows are flat (b·T + t); after a scores-only forward they index the encoder's kept rows instead.
        var spanStartTok: [Int] = [], spanEndTok: [Int] = []   // [S] token rows of each span's ends
        var spanWords: [(Int, Int)] = []                       // [S] (first, last) word of each span
        var queryTok: [Int] = []                               // [Q] first token row of each query
        var queryWidth: [Int] = []                             // [Q] consecutive rows averaged into each query
        var spanOffset: [Int] = [], queryOffset: [Int] = [], logitOffset: [Int] = []   // [B + 1] per-sequence starts
        var batch = 0, length = 0
        let pStart = Tensor([0]), pEnd = Tensor([0])     // [N, C] start and end halves of the first projection
        let preThenDerivative = Tensor([0])               // [S, C] pre-activation, gelu′ of it after forward
        let act = Tensor([0]), rep = Tensor([0])         // [S, C]
        let qIn = Tensor([0]), qRep = Tensor([0])        // [Q, C]
        let qPreThenDerivative = Tensor([0]), qHid = Tensor([0])   // [Q, Hq] hidden query layer
        let dQPre = Tensor([0]), dQHid = Tensor([0])                // [Q, Hq]
        let qFolded = Tensor([0])                        // [Q, C] qRep · W2, scores-only forwards
        let lstm = BiLSTM.Cache()                        // the span side's BiLSTM, with `spanLSTM`
        let dSpanH = Tensor([0])                         // [N, C] gradient of the BiLSTM's output
        var scoresOnly = false                           // the last forward filled no rep: no backward from it
        let logits = Tensor([0]), targets = Tensor([0])  // [P]
        let weights = Tensor([0])                        // [P] 1, or positiveWeight on gold pairs
        let dH = Tensor([0]), dPStart = Tensor([0]), dPEnd = Tensor([0])   // [N, C]
        let dPre = Tensor([0]), dAct = Tensor([0]), dRep = Tensor([0])     // [S, C]
        let dQIn = Tensor([0]), dQRep = Tensor([0])                        // [Q, C]
        let dLogits = Tensor([0])                                          // [P]
        public init() {}
    }

    /// Registers encoder and head parameters; values are zero until initialised or loaded.
    init(config: SpanModelConfig) throws {
        guard config.maxSpanWidth >= 1 else { throw NumericsError.invalidConfig("maxSpanWidth must be ≥ 1") }
        self.config = config
        let store = ParameterStore()
        self.store = store
        encoder = try BertModel(config: config.encoder, store: store)
        let C = config.encoder.hiddenSize
        w1 = store.add("span_rep.project.weight", [C, 2 * C]); b1 = store.add("span_rep.project.bias", [C])
        w2 = store.add("span_rep.out.weight", [C, C]); b2 = store.add("span_rep.out.bias", [C])
        let hq = config.queryHiddenSize
        if hq > 0 {
            wh = store.add("query_hidden.weight", [hq, C]); bh = store.add("query_hidden.bias", [hq])
        } else {
            wh = nil; bh = nil
        }
        wq = store.add("query_proj.weight", [C, hq > 0 ? hq : C]); bq = store.add("query_proj.bias", [C])
        if config.spanLSTM {
            try config.checkSpanLSTM(file: "the span model's configuration")
            lstm = BiLSTM(input: C, hidden: C / 2, store: store)
        } else {
            lstm = nil
        }
        store.allocate()
    }

    /// A span model with random initialisation everywhere (from-scratch encoder).
    public convenience init(config: SpanModelConfig, seed: UInt64) throws {
        try self.init(config: config)
        var rng = RandomGenerator(seed: seed)
        store.initializeBERTStyle(std: config.encoder.initializerRange, rng: &rng)
    }

    /// A span model over a pretrained Hugging Face encoder folder, with a randomly initialised head.
    public convenience init(encoderFolder: URL, maxSpanWidth: Int = 12, lossReduction: LossReduction = .mean,
                            spanLSTM: Bool = false, seed: UInt64) throws {
        let (enc, weights) = try BertConfig.loadChecked(folder: encoderFolder)
        try self.init(config: SpanModelConfig(encoder: enc, maxSpanWidth: maxSpanWidth, lossReduction: lossReduction,
                                              spanLSTM: spanLSTM))
        var rng = RandomGenerator(seed: seed)
        store.initializeBERTStyle(std: enc.initializerRange, rng: &rng, where: isHead)
        try encoder.loadWeights(from: weights)
    }

    /// Whether `p` belongs to the head (as opposed to the encoder).
    public func isHead(_ p: Parameter) -> Bool { Self.headPrefixes.contains { p.name.hasPrefix($0) } }

    // MARK: - Save and load

    /// Saves `model.safetensors`, `span_config.json` and the encoder's `config.json` into `folder`, atomically.
    public func save(folder: URL) throws {
        try AtomicFile.writeFolder(folder) { tmp in try self.writeFiles(into: tmp) }
    }

    func writeFiles(into dir: URL) throws {
        try SafeTensors.write(store.namedTensors(), metadata: ["format": "uniner-span-v1"],
                              to: dir.appendingPathComponent("model.safetensors"))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(enc.encode(config), to: dir.appendingPathComponent(SpanModelConfig.fileName))
        try AtomicFile.write(enc.encode(config.encoder), to: dir.appendingPathComponent("config.json"))
    }

    /// Loads a span model saved by `save(folder:)`.
    public static func load(folder: URL) throws -> SpanModel {
        // Every size is checked against the limits and the weights file before `init` allocates the parameters.
        let config = try SpanModelConfig.load(folder: folder)
        let weights = try SafeTensors(contentsOf: folder.appendingPathComponent("model.safetensors"))
        try config.encoder.check(against: weights, configFile: folder.appendingPathComponent(SpanModelConfig.fileName).path)
        let model = try SpanModel(config: config)
        try model.loadWeights(from: weights)
        return model
    }

    /// Copies every parameter from a safetensors file written by `save`.
    public func loadWeights(from file: SafeTensors) throws {
        for p in store.parameters {
            guard let e = file.entries[p.name] else { throw NumericsError.missingTensor(file: file.path, name: p.name) }
            guard e.shape == p.shape else { throw NumericsError.shapeMismatch(name: p.name, expected: p.shape, found: e.shape) }
            try file.copyFloats(p.name, into: store.value(p))
        }
    }

    // MARK: - Forward and backward

    /// Forward: the logits of every (span, query) pair and, from `batch.positives`, the loss (`cache.loss`).
    ///
    /// With H [B, T, C] the encoder's states: span s of words i…j of sequence b gets
    /// rep [C] = W2 · gelu(W1 · (H[b, first(i)] ⊕ H[b, last(j)]) + b1) + b2, query q at position t gets
    /// qRep [C] = Wq · H[b, t] + bq, and logit(s, q) = rep · qRep.
    /// - Parameters:
    ///   - reusing: a cache to fill (its buffers are reused; pass the last one back in a loop to allocate nothing).
    /// - Returns: the filled cache, for `backward` and for the loss.
    /// - Throws: `NumericsError.invalidInput` when the batch is inconsistent.
    @discardableResult
    public func forward(_ batch: SpanBatch, training: Bool, rng: inout RandomGenerator,
                        reusing cache: Cache = Cache()) throws -> Cache {
        try forward(batch, training: training, scoresOnly: false, rng: &rng, reusing: cache)
    }

    /// The forward, or with `scoresOnly` the logits alone by a cheaper route: logit(s, q) = rep_s · qRep_q =
    /// act_s · (W2ᵀ qRep_q) + b2 · qRep_q, so W2 multiplies the Q query vectors instead of the S ≫ Q span vectors
    /// (equal in exact arithmetic; `rep` is not filled, so no backward may follow), and the encoder's last layer
    /// computes only the rows the head reads.
    func forward(_ batch: SpanBatch, training: Bool, scoresOnly: Bool, rng: inout RandomGenerator,
                 reusing cache: Cache) throws -> Cache {
        try batch.validate()
        let k = cache
        let B = batch.batch, T = batch.length, C = config.encoder.hiddenSize, K = config.maxSpanWidth
        let N = B * T
        k.batch = B; k.length = T
        // Enumerate spans of 1...K words and queries, per sequence.
        k.spanStartTok.removeAll(keepingCapacity: true); k.spanEndTok.removeAll(keepingCapacity: true)
        k.spanWords.removeAll(keepingCapacity: true); k.queryTok.removeAll(keepingCapacity: true)
        k.queryWidth.removeAll(keepingCapacity: true)
        k.spanOffset = [0]; k.queryOffset = [0]; k.logitOffset = [0]
        for b in 0..<B {
            let nw = batch.wordFirst[b].count
            for i in 0..<nw {
                for j in i..<min(nw, i + K) {
                    k.spanStartTok.append(b * T + batch.wordFirst[b][i]); k.spanEndTok.append(b * T + batch.wordLast[b][j])
                    k.spanWords.append((i, j))
                }
            }
            for (i, q) in batch.queryPositions[b].enumerated() {
                k.queryTok.append(b * T + q); k.queryWidth.append(batch.queryWidths?[b][i] ?? 1)
            }
            k.spanOffset.append(k.spanStartTok.count); k.queryOffset.append(k.queryTok.count)
            k.logitOffset.append(k.logitOffset[b]
                                 + (k.spanOffset[b + 1] - k.spanOffset[b]) * (k.queryOffset[b + 1] - k.queryOffset[b]))
        }
        // Scores only: the head reads the states of span ends and queries alone, so the encoder's last layer
        // computes those rows only, and the head's rows are renumbered into them.
        var rows: [Int]?
        // The BiLSTM reads every text row, so with it the encoder's last layer computes them all.
        if scoresOnly && lstm == nil {
            var kept = [Int](repeating: -1, count: N)
            for t in k.spanStartTok { kept[t] = 0 }
            for t in k.spanEndTok { kept[t] = 0 }
            // a pooled query's rows stay consecutive among the kept rows, so its first row renumbers it
            for (t, w) in zip(k.queryTok, k.queryWidth) { for r in t..<(t + w) { kept[r] = 0 } }
            var list: [Int] = []
            for t in 0..<N where kept[t] == 0 { kept[t] = list.count; list.append(t) }
            k.spanStartTok = k.spanStartTok.map { kept[$0] }; k.spanEndTok = k.spanEndTok.map { kept[$0] }
            k.queryTok = k.queryTok.map { kept[$0] }
            rows = list
        }
        let H = try encoder.forward(inputIds: batch.inputIds, attentionMask: batch.attentionMask,
                                    tokenTypeIds: batch.tokenTypeIds, positionIds: batch.positionIds, batch: B, length: T,
                                    training: training, keepForBackward: !scoresOnly, outputRows: rows, rng: &rng,
                                    cache: k.encoder)
        let HN = rows?.count ?? N   // rows of H
        if let lstm {
            let regions = (0..<B).map { b -> Range<Int> in
                guard let first = batch.wordFirst[b].first, let last = batch.wordLast[b].last else { return (b * T)..<(b * T) }
                return (b * T + first)..<(b * T + last + 1)
            }
            lstm.forward(H.data, rows: N, regions: regions, store: store, cache: k.lstm)
        }
        let spanH = spanInput(k)
        let S = k.spanStartTok.count, Q = k.queryTok.count, P = k.logitOffset[B]
        k.pStart.resize([HN, C]); k.pEnd.resize([HN, C]); k.preThenDerivative.resize([S, C]); k.act.resize([S, C])
        k.rep.resize([S, C]); k.qIn.resize([Q, C]); k.qRep.resize([Q, C]); k.logits.resize([P])
        k.targets.resize([P], zero: true)
        let s = store
        // pStart, pEnd [N, C] = H [N, C] · W1[:, 0..<C]ᵀ and H · W1[:, C..<2C]ᵀ (W1 [C, 2C]; scores only: HN kept rows)
        Linear.forward(out: k.pStart.data, inp: spanH, weight: s.value(w1), bias: nil, n: HN, c: C, oc: C, ldw: 2 * C)
        Linear.forward(out: k.pEnd.data, inp: spanH, weight: s.value(w1) + C, bias: nil, n: HN, c: C, oc: C, ldw: 2 * C)
        // pre [S, C] = pStart[start] + pEnd[end] + b1
        let bias1 = s.value(b1)
        for si in 0..<S {
            let o = k.preThenDerivative.data + si * C
            let a = k.pStart.data + k.spanStartTok[si] * C, e = k.pEnd.data + k.spanEndTok[si] * C
            for j in 0..<C { o[j] = a[j] + e[j] + bias1[j] }
        }
        // act [S, C] = gelu(pre); rep [S, C] = act · W2ᵀ + b2
        GELU.forward(out: k.act.data, inputThenDerivative: k.preThenDerivative.data, count: S * C, keepDerivative: !scoresOnly)
        k.scoresOnly = scoresOnly
        if !scoresOnly {
            Linear.forward(out: k.rep.data, inp: k.act.data, weight: s.value(w2), bias: s.value(b2), n: S, c: C, oc: C)
        }
        // qIn [Q, C] = H[query row], or the mean of its rows; qRep [Q, C] = qIn · Wqᵀ + bq
        for qi in 0..<Q {
            let o = k.qIn.data + qi * C, w = k.queryWidth[qi]
            o.update(from: H.data + k.queryTok[qi] * C, count: C)
            if w > 1 {
                for r in 1..<w {
                    let h = H.data + (k.queryTok[qi] + r) * C
                    for j in 0..<C { o[j] += h[j] }
                }
                let share = 1 / Float(w)
                for j in 0..<C { o[j] *= share }
            }
        }
        if let wh, let bh {
            // qHid [Q, Hq] = gelu(qIn · Whᵀ + bh); qRep [Q, C] = qHid · Wqᵀ + bq
            let hq = config.queryHiddenSize
            k.qPreThenDerivative.resize([Q, hq]); k.qHid.resize([Q, hq])
            Linear.forward(out: k.qPreThenDerivative.data, inp: k.qIn.data, weight: s.value(wh), bias: s.value(bh), n: Q, c: C, oc: hq)
            GELU.forward(out: k.qHid.data, inputThenDerivative: k.qPreThenDerivative.data, count: Q * hq, keepDerivative: !scoresOnly)
            Linear.forward(out: k.qRep.data, inp: k.qHid.data, weight: s.value(wq), bias: s.value(bq), n: Q, c: hq, oc: C)
        } else {
            Linear.forward(out: k.qRep.data, inp: k.qIn.data, weight: s.value(wq), bias: s.value(bq), n: Q, c: C, oc: C)
        }
        // scoresOnly: the span side's last layer moved to the query side, u [Q, C] = qRep · W2 and c [Q] = qRep · b2
        var queryBias: [Float] = []
        if scoresOnly {
            k.qFolded.resize([Q, C])
            BLAS.sgemm(m: Q, n: C, k: C, a: k.qRep.data, lda: C, b: s.value(w2), ldb: C, c: k.qFolded.data, ldc: C)
            queryBias = (0..<Q).map { VectorOps.dot(k.qRep.data + $0 * C, s.value(b2), C) }
        }
        let spanSide = scoresOnly ? k.act : k.rep, querySide = scoresOnly ? k.qFolded : k.qRep
        // Logits per sequence: [S_b, Q_b] = rep_b · qRep_bᵀ (scoresOnly: act_b · u_bᵀ + c_b)
        k.unreachablePositives = 0
        for b in 0..<B {
            let sb = k.spanOffset[b + 1] - k.spanOffset[b], qb = k.queryOffset[b + 1] - k.queryOffset[b]
            if sb == 0 || qb == 0 { continue }
            BLAS.sgemm(transB: true, m: sb, n: qb, k: C, a: spanSide.data + k.spanOffset[b] * C, lda: C,
                       b: querySide.data + k.queryOffset[b] * C, ldb: C, c: k.logits.data + k.logitOffset[b], ldc: qb)
            if scoresOnly {
                let l = k.logits.data + k.logitOffset[b], qo = k.queryOffset[b]
                for si in 0..<sb { for q in 0..<qb { l[si * qb + q] += queryBias[qo + q] } }
            }
            let nw = batch.wordFirst[b].count
            for g in batch.positives[b] {
                guard g.end - g.start < K else { k.unreachablePositives += 1; continue }
                // index of span (start, end) in the enumeration order above
                var idx = 0
                for i in 0..<g.start { idx += min(nw, i + K) - i }
                idx += g.end - g.start
                k.targets.data[k.logitOffset[b] + idx * qb + g.query] = 1
            }
        }
        k.loss = 0
        if P == 0 { return k }
        if config.positiveWeight != 1 {
            k.weights.resize([P])
            for i in 0..<P { k.weights.data[i] = k.targets.data[i] != 0 ? config.positiveWeight : 1 }
        }
        let total = BinaryCrossEntropy.forward(logits: k.logits.data, targets: k.targets.data, weights: lossWeights(k),
                                               count: P, gamma: config.focalGamma)
        k.loss = config.lossReduction == .mean ? total / Double(P) : total
        return k
    }

    /// The states the span side reads after the forward that filled `k`: the encoder's, or its BiLSTM's over them.
    func spanInput(_ k: Cache) -> UnsafePointer<Float> {
        UnsafePointer(lstm == nil ? k.encoder.hidden.data : k.lstm.out.data)
    }

    /// The per-pair loss weights [P] of the forward that filled `k` (`nil`: all 1).
    func lossWeights(_ k: Cache) -> UnsafePointer<Float>? {
        config.positiveWeight != 1 ? UnsafePointer(k.weights.data) : nil
    }

    /// Backward of the forward that filled `cache`, through head and encoder; accumulates gradients scaled by
    /// `lossScale` (e.g. 1 / micro-batches for gradient accumulation).
    public func backward(_ cache: Cache, lossScale: Float = 1) {
        let k = cache
        precondition(!k.scoresOnly, "backward after a scores-only forward (predict): run forward(training:) first")
        let B = k.batch, T = k.length, C = config.encoder.hiddenSize, N = B * T
        let S = k.spanStartTok.count, Q = k.queryTok.count, P = k.logitOffset[B]
        let s = store
        k.dH.resize([N, C], zero: true)
        k.dLogits.resize([P], zero: true)
        // dLogits [P] = scale · ∂BCE/∂logits
        let scale = lossScale * (config.lossReduction == .mean && P > 0 ? 1 / Float(P) : 1)
        BinaryCrossEntropy.backward(dlogits: k.dLogits.data, logits: k.logits.data, targets: k.targets.data,
                                    weights: lossWeights(k), count: P, scale: scale, gamma: config.focalGamma)
        k.dRep.resize([S, C], zero: true); k.dQRep.resize([Q, C], zero: true)
        for b in 0..<B {
            let sb = k.spanOffset[b + 1] - k.spanOffset[b], qb = k.queryOffset[b + 1] - k.queryOffset[b]
            if sb == 0 || qb == 0 { continue }
            let dl = k.dLogits.data + k.logitOffset[b]
            // dRep_b [S_b, C] += dL [S_b, Q_b] · qRep_b [Q_b, C]
            BLAS.sgemm(m: sb, n: C, k: qb, a: dl, lda: qb, b: k.qRep.data + k.queryOffset[b] * C, ldb: C,
                       beta: 1, c: k.dRep.data + k.spanOffset[b] * C, ldc: C)
            // dQRep_b [Q_b, C] += dLᵀ [Q_b, S_b] · rep_b [S_b, C]
            BLAS.sgemm(transA: true, m: qb, n: C, k: sb, a: dl, lda: qb, b: k.rep.data + k.spanOffset[b] * C, ldb: C,
                       beta: 1, c: k.dQRep.data + k.queryOffset[b] * C, ldc: C)
        }
        // dQIn [Q, C] = dQRep · Wq; dWq [C, C] += dQRepᵀ · qIn; dbq [C] += Σ dQRep (through the hidden layer if any)
        k.dQIn.resize([Q, C], zero: true)
        if let wh, let bh {
            let hq = config.queryHiddenSize
            k.dQHid.resize([Q, hq], zero: true); k.dQPre.resize([Q, hq])
            Linear.backward(dinp: k.dQHid.data, dweight: s.grad(wq), dbias: s.grad(bq), dout: k.dQRep.data, inp: k.qHid.data,
                            weight: s.value(wq), n: Q, c: hq, oc: C)
            GELU.backward(dinp: k.dQPre.data, dout: k.dQHid.data, derivative: k.qPreThenDerivative.data, count: Q * hq,
                          accumulate: false)
            Linear.backward(dinp: k.dQIn.data, dweight: s.grad(wh), dbias: s.grad(bh), dout: k.dQPre.data, inp: k.qIn.data,
                            weight: s.value(wh), n: Q, c: C, oc: hq)
        } else {
            Linear.backward(dinp: k.dQIn.data, dweight: s.grad(wq), dbias: s.grad(bq), dout: k.dQRep.data, inp: k.qIn.data,
                            weight: s.value(wq), n: Q, c: C, oc: C)
        }
        // dH[query rows] [Q, C] += dQIn, shared equally by the rows of a pooled query
        for qi in 0..<Q {
            // share is exactly 1 for a one-row query, so its gradient keeps the bits it had before pooling existed
            let g = k.dQIn.data + qi * C, w = k.queryWidth[qi], share = 1 / Float(w)
            for r in 0..<w {
                let d = k.dH.data + (k.queryTok[qi] + r) * C
                for j in 0..<C { d[j] += share * g[j] }
            }
        }
        // dAct [S, C] = dRep · W2; dW2 [C, C] += dRepᵀ · act; db2 [C] += Σ dRep
        k.dAct.resize([S, C], zero: true); k.dPre.resize([S, C])
        Linear.backward(dinp: k.dAct.data, dweight: s.grad(w2), dbias: s.grad(b2), dout: k.dRep.data, inp: k.act.data,
                        weight: s.value(w2), n: S, c: C, oc: C)
        // dPre [S, C] = dAct ⊙ gelu′(pre)
        GELU.backward(dinp: k.dPre.data, dout: k.dAct.data, derivative: k.preThenDerivative.data, count: S * C,
                      accumulate: false)
        // dPStart[start], dPEnd[end] [N, C] += dPre; db1 [C] += Σ dPre
        k.dPStart.resize([N, C], zero: true); k.dPEnd.resize([N, C], zero: true)
        let db1 = s.grad(b1)
        for si in 0..<S {
            let g = k.dPre.data + si * C, a = k.dPStart.data + k.spanStartTok[si] * C, e = k.dPEnd.data + k.spanEndTok[si] * C
            for j in 0..<C { a[j] += g[j]; e[j] += g[j]; db1[j] += g[j] }
        }
        // dH [N, C] += dPStart · W1[:, 0..<C] + dPEnd · W1[:, C..<2C]; dW1 [C, 2C] += [dPStartᵀ · H, dPEndᵀ · H]
        // (through the BiLSTM, if any: dSpanH [N, C] first, then dH += its backward)
        let H = k.encoder.hidden
        let spanH = spanInput(k)
        if lstm != nil { k.dSpanH.resize([N, C], zero: true) }
        let dSpanH = lstm == nil ? k.dH.data : k.dSpanH.data
        Linear.backward(dinp: dSpanH, dweight: s.grad(w1), dbias: nil, dout: k.dPStart.data, inp: spanH,
                        weight: s.value(w1), n: N, c: C, oc: C, ldw: 2 * C)
        Linear.backward(dinp: dSpanH, dweight: s.grad(w1) + C, dbias: nil, dout: k.dPEnd.data, inp: spanH,
                        weight: s.value(w1) + C, n: N, c: C, oc: C, ldw: 2 * C)
        lstm?.backward(dOut: k.dSpanH.data, x: H.data, dX: k.dH.data, store: s, cache: k.lstm)
        encoder.backward(dHidden: k.dH.data, cache: k.encoder)
    }

    /// Inference: the probability of every (span, query) pair, per sequence ([S_b, Q_b] each).
    ///
    /// Reads the parameters only, so calls on different caches may run at once.
    /// - Parameters:
    ///   - reusing: a cache to fill (pass the same one to successive calls on one thread to allocate less).
    public func predict(_ batch: SpanBatch, reusing cache: Cache = Cache()) throws -> [SpanScores] {
        var rng = RandomGenerator(seed: 0)
        var b0 = batch
        b0.positives = Array(repeating: [], count: batch.batch)
        let k = try forward(b0, training: false, scoresOnly: true, rng: &rng, reusing: cache)
        return (0..<batch.batch).map { b in
            let qb = k.queryOffset[b + 1] - k.queryOffset[b]
            let probs = (k.logitOffset[b]..<k.logitOffset[b + 1]).map { BinaryCrossEntropy.sigmoid(k.logits.data[$0]) }
            return SpanScores(spans: k.spanWords[k.spanOffset[b]..<k.spanOffset[b + 1]].map { (start: $0.0, end: $0.1) },
                              queryCount: qb, probs: probs)
        }
    }

    /// Matmul FLOPs of one training step (forward + backward ≈ 3 × forward) on `batch`, counting 2 per multiply-add.
    public func trainingFLOPs(_ batch: SpanBatch) -> Double {
        let C = Double(config.encoder.hiddenSize), N = Double(batch.batch * batch.length)
        var spans = 0.0, queries = 0.0, pairs = 0.0
        for b in 0..<batch.batch {
            let nw = batch.wordFirst[b].count
            var sb = 0
            for i in 0..<nw { sb += min(nw, i + config.maxSpanWidth) - i }
            spans += Double(sb); queries += Double(batch.queryPositions[b].count)
            pairs += Double(sb * batch.queryPositions[b].count)
        }
        let hq = Double(config.queryHiddenSize)
        let queryHead = hq > 0 ? 2 * queries * C * hq : queries * C * C
        let head = 2 * (N * 2 * C * C + spans * C * C + queryHead + pairs * C) + (lstm?.forwardFLOPs(rows: Int(N)) ?? 0)
        return 3 * (encoder.forwardFLOPs(batch: batch.batch, length: batch.length) + head)
    }
}

// @unchecked: the parameters are raw memory that only loading and `Trainer.step` write; forward, predict and
// save read them and keep everything else in the caller's `Cache`, so a model nobody trains may be shared.
extension SpanModel: @unchecked Sendable {}
